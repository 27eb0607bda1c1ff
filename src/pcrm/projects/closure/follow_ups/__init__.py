"""The follow-up plan (回访) of a closed project."""

"""The audit log and the history of a record, as people read them."""

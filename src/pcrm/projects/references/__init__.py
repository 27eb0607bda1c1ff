"""Projects and the records hanging on them, named for a history."""

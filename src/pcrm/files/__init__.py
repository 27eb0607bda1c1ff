"""Files: uploads owned by a record of any area, their storage, checks and downloads."""

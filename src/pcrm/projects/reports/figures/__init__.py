"""The figures of a progress report, read through the projects area's services."""

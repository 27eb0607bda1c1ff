"""The Gantt's data and the schedule variance against the approved plan baseline."""

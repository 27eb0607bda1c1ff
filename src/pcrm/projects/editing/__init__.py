"""In-place editing of the project, its team members, stakeholders and constraints."""

"""Risks (风险) of a project, or of an opportunity before its project exists."""

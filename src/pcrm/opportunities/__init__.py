"""Opportunities and tenders: the current-opportunity and project-history lines."""

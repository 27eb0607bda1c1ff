"""Analyses of the people-relationship line: closeness of an account, paths to a person."""

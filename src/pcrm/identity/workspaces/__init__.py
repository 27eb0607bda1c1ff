"""Workspaces, the tenants of PCRM, and their settings."""

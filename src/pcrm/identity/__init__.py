"""Workspaces, users and roles, sign-in sessions, API tokens, invitations and the audit log."""

"""Notifications: reminders (and, later, notices and their delivery)."""

"""Meetings (会议) of a project: weekly, with the customer, lessons learned."""

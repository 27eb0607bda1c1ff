"""Baselines (基线): immutable versioned snapshots, and the customer's sign-offs (客户确认)."""

"""The customer's constraints on a project (客户约束)."""

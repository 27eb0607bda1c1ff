"""Training of the customer's people (培训): needs, sessions, attendance, the review."""

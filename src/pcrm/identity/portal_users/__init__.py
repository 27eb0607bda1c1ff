"""Portal principals: the customer's people who sign in to the customer portal (ADR 0007)."""

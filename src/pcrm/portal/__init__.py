"""The customer portal: the customer's own pages, presentation only over other areas' public
calls (ADR 0007)."""

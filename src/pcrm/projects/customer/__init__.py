"""What the customer sees and does in the portal: their projects, their pending acts, and
the acts themselves, written with channel = portal (ADR 0007)."""

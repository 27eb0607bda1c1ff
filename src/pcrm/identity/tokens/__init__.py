"""Personal API tokens: shown once, stored hashed, revoked, resolved on each API request."""

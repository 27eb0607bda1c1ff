"""Sign-in and sessions: credentials, throttling, the session cookie, sign-out."""

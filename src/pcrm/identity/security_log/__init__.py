"""The security log: sign-ins, sign-outs, sessions ended, API tokens made, used and refused,
refused writes and exports, kept append-only for administrators to read."""

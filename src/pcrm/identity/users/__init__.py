"""The workspace's users: their accounts, roles and profiles, passwords, and invitations."""

"""Password hashing with Argon2id (pwdlib). Tests may choose a cheap Argon2id profile."""

from __future__ import annotations

from functools import cache

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher


@cache
def password_hash(profile: str) -> PasswordHash:
    if profile == "fast-insecure-for-tests":
        return PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),))
    return PasswordHash((Argon2Hasher(),))


def hash_password(password: str, profile: str) -> str:
    return password_hash(profile).hash(password)


def verify_password(password: str, hashed: str, profile: str) -> tuple[bool, str | None]:
    """(valid, new hash if the stored one should be upgraded)."""
    return password_hash(profile).verify_and_update(password, hashed)


@cache
def dummy_hash(profile: str) -> str:
    """Verified against when the user is unknown, so both cases cost the same time."""
    return hash_password("not-a-real-password-0", profile)

"""What an API token may reach: its scopes.

`read` and `write` cover every area (write includes read); `<area>:read` and `<area>:write`
one area's API (`accounts:read`). The areas are those whose API the application includes,
named by the application factory (`register_areas`). A request's area is the package of its
handler (`pcrm.accounts.contacts.routes_api` is `accounts`); reading is GET and HEAD, writing
everything else. A token never exceeds its user's role: the role is read again with the
token, and the token's scopes only narrow it (`Principal.can`)."""

from __future__ import annotations

from collections.abc import Iterable

READ = "read"
WRITE = "write"
_areas: list[str] = []


def register_areas(names: Iterable[str]) -> None:
    """The areas whose API tokens can be scoped to, in the order shown."""
    _areas[:] = list(dict.fromkeys(names))


def areas() -> list[str]:
    return list(_areas)


def vocabulary() -> list[str]:
    """Every scope a token may be given."""
    return [READ, WRITE] + [f"{area}:{access}" for area in _areas for access in (READ, WRITE)]


def unknown(scopes: Iterable[str]) -> list[str]:
    known = set(vocabulary())
    return [scope for scope in scopes if scope not in known]


def normalized(scopes: Iterable[str]) -> list[str]:
    """The scopes without those another one already grants, in the vocabulary's order."""
    chosen = set(scopes)
    if WRITE in chosen:
        return [WRITE]
    return [
        s
        for s in vocabulary()
        if s in chosen
        and not (s.endswith(":read") and (READ in chosen or s[:-5] + ":write" in chosen))
    ]


def can_write(scopes: frozenset[str]) -> bool:
    """Does any scope allow writing somewhere?"""
    return any(s == WRITE or s.endswith(":write") for s in scopes)


def allows(scopes: frozenset[str], area: str | None, writing: bool) -> bool:
    """May a token with these scopes make this request (to this area, reading or writing)?"""
    if WRITE in scopes:
        return True
    if not writing and READ in scopes:
        return True
    if area is None:
        return False
    return f"{area}:write" in scopes or (not writing and f"{area}:read" in scopes)


def area_of(module: str) -> str | None:
    """The area of a handler's module: `pcrm.<area>.…`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[0] == "pcrm" else None

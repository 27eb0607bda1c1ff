"""The global search: every area's kinds of record (`core.search`), asked in layer order and
shown grouped by kind, the group holding the best match first."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pcrm.accounts.public import normalize_search
from pcrm.core.i18n import translate
from pcrm.core.search import SearchGroup, SearchResults, kinds
from pcrm.identity.public import Permission, Principal


def search(
    db: Session, principal: Principal, query: str, locale: str, limit: int = 10
) -> SearchResults:
    """Up to `limit` hits of each kind whose text holds the query (Chinese substrings, pinyin
    initials, Latin case-insensitively; phone-like input without its spaces and dashes), best
    first; groups without hits are left out. A group whose best hit ranks higher comes first
    (yj finds the contact 杨杰 before accounts that merely hold the letters); groups that
    rank alike keep the order of the areas."""
    principal.require(Permission.READ)
    q = normalize_search(query)
    if not q:
        return SearchResults(query=query, groups=[])
    groups = [
        SearchGroup(kind=kind.kind, label=translate(locale, kind.label), hits=list(hits))
        for kind in kinds()
        if (hits := kind.find(db, principal, q, limit, locale))
    ]
    groups.sort(key=lambda group: min(hit.rank for hit in group.hits))
    return SearchResults(query=query, groups=groups)

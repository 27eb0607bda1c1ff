"""The query parameters every list shares and each list's own, through the JSON API: a bad or
unknown one is a 422 naming it."""

from __future__ import annotations

from tests.accounts.records import send


def test_bad_list_parameters(client, acme):
    token = acme.tokens["viewer"]
    common = {
        "sort=search_text": "sort",
        "sort=-sort_name": "sort",
        "color=red": "color",
        "page_size=201": "page_size",
        "page_size=0": "page_size",
        "page=0": "page",
    }
    own = {
        "accounts": {"industry=mining": "industry", "created_from=yesterday": "created_from"},
        "contacts": {"importance=vip": "importance", "province=mars": "province"},
        "activities": {"type=fax": "type.0", "occurred_to=tomorrow": "occurred_to"},
    }
    expected = {
        f"/api/v1/{path}?{query}": (422, [field])
        for path, extra in own.items()
        for query, field in {**common, **extra}.items()
    }

    results = {url: send(client, token, "GET", url, None) for url in expected}

    assert results == expected

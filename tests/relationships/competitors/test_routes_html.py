"""The competitors' pages: a new competitor opens on its own page, a refused one comes back
with the message by field, and an edit of an older version changes nothing."""

from __future__ import annotations

from pcrm.relationships.competitors.models import Competitor
from tests.factories import sign_in
from tests.relationships.builders import competitor, row_counts, stored


def test_a_new_competitor_opens_on_its_own_page_with_a_notice(client, acme):
    csrf = sign_in(client, "sales@acme.example")

    created = client.post(
        "/competitors", data={"name": "竞品甲", "website": "", "csrf_token": csrf}
    )

    assert created.status_code == 303
    location = created.headers["location"]
    assert location.startswith("/competitors/")
    assert location.endswith("?notice=created")
    page = client.get(location)
    assert 'data-testid="competitor-name">竞品甲</h1>' in page.text
    assert 'data-testid="notice">已创建。</div>' in page.text


def test_a_second_competitor_of_a_name_comes_back_with_the_message(client, uow, acme):
    competitor(client, acme.tokens["sales"], "竞品甲")
    csrf = sign_in(client, "sales@acme.example")
    before = row_counts(uow)

    refused = client.post("/competitors", data={"name": "竞品甲", "csrf_token": csrf})

    assert refused.status_code == 422
    assert 'data-testid="error-name">已存在同名的竞争对手。</div>' in refused.text
    assert row_counts(uow) == before


def test_an_edit_of_an_older_version_is_a_412_that_changes_nothing(client, uow, acme):
    rival = competitor(client, acme.tokens["sales"], "竞品甲")["id"]
    csrf = sign_in(client, "sales@acme.example")
    first = client.post(
        f"/competitors/{rival}",
        data={"name": "竞品甲", "notes": "新", "version": "1", "csrf_token": csrf},
    )

    stale = client.post(
        f"/competitors/{rival}", data={"name": "竞品乙", "version": "1", "csrf_token": csrf}
    )

    assert first.status_code == 303
    assert first.headers["location"] == f"/competitors/{rival}?notice=saved"
    assert stale.status_code == 412
    assert 'data-testid="form-error">此记录已被他人修改，请刷新后重试。</div>' in stale.text
    assert (stored(uow, Competitor, rival)["name"], stored(uow, Competitor, rival)["version"]) == (
        "竞品甲",
        2,
    )

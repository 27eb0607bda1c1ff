"""The insights pages: both languages, what a viewer reads, another workspace's records, and the
rhythm page's comparison with another ownership type."""

from __future__ import annotations

import json
import re

from tests.factories import bearer, sign_in
from tests.opportunities.insights.world import view_routes


def test_another_workspaces_pages_are_not_found(client, acme, park):
    sign_in(client, "owner@other.example")
    for path in (
        f"/accounts/{park['account']}/tender-rhythm",
        f"/accounts/{park['account']}/project-history",
        f"/competitors/{park['k']}/record",
    ):
        response = client.get(path)
        assert (path, response.status_code) == (path, 404)


def test_a_viewer_reads_every_view_and_page(client, acme, park):
    token = acme.tokens["viewer"]
    for path in view_routes(park["account"], park["account"], park["k"]):
        assert client.get(path, headers=bearer(token)).status_code == 200
    sign_in(client, "viewer@acme.example")
    for path in (
        f"/accounts/{park['account']}/tender-rhythm",
        f"/accounts/{park['account']}/project-history",
        f"/competitors/{park['k']}/record",
    ):
        assert (path, client.get(path).status_code) == (path, 200)


def test_the_pages_render_in_chinese_and_in_english(client, acme, park):
    sign_in(client, "sales@acme.example")
    account_id, ids = park["account"], park["ids"]
    pages = {
        f"/accounts/{account_id}/tender-rhythm": (
            "Tender rhythm",
            "Outlook for the next 12 months",
        ),
        f"/accounts/{account_id}/project-history": ("Project history", "Lessons learned"),
        f"/competitors/{park['k']}/record": ("Record against us", "Where we met them"),
    }
    for path, english in pages.items():
        zh = client.get(path)
        assert zh.status_code == 200, zh.text
        assert '<html lang="zh-CN">' in zh.text
        assert "工作台" in zh.text
        client.cookies.set("pcrm_lang", "en")
        en = client.get(path)
        client.cookies.delete("pcrm_lang")
        assert '<html lang="en">' in en.text
        assert all(text in en.text for text in english), path
        assert "<script>" not in en.text  # CSP: no inline scripts

    client.cookies.set("pcrm_lang", "en")
    rhythm = client.get(f"/accounts/{account_id}/tender-rhythm").text
    # 一期 (March 2023) and 二期 (March 2024): March is the only month tendered
    assert (
        '<tr data-testid="months-account"><td>科创园区管委会</td>'
        + "".join(f"<td>{n}</td>" for n in [0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        + "</tr>"
        in rhythm
    )
    assert f'href="/accounts/{account_id}"' in rhythm
    history = client.get(f"/accounts/{account_id}/project-history").text
    assert history.count('data-testid="history-chain"') == 2
    assert history.count('data-testid="history-entry"') == 4
    assert [int(x) for x in _attr(history, "data-opportunity")] == [
        ids["one"],
        ids["two"],
        ids["three"],
        ids["four"],
    ]
    record = client.get(f"/competitors/{park['k']}/record").text
    assert f'href="/competitors/{park["k"]}"' in record


def _attr(html, name):
    import re

    return re.findall(rf'{name}="(\d+)"', html)


def test_the_rhythm_page_compares_with_another_ownership_type(client, acme, rhythm):
    sign_in(client, "viewer@acme.example")
    client.cookies.set("pcrm_lang", "en")

    # by default with the account's own kind, then with private customers
    own = client.get(f"/accounts/{rhythm['city']}/tender-rhythm").text
    private = client.get(
        f"/accounts/{rhythm['city']}/tender-rhythm", params={"compare": "private"}
    ).text

    assert '<option value="government" selected>' in own
    assert "<td>Government customers <span" in own
    assert '<option value="private" selected>' in private
    assert "<td>Private customers <span" in private
    assert (
        '<tr data-testid="months-kind"><td>Private customers '
        '<span class="muted small">1 account</span></td><td>1</td>' in private
    )


def test_the_record_chart_has_a_month_under_every_bar(client, acme, rivalry):
    # Given a competitor met on several opportunities with quotes (a chart with many bars
    # shows months on its x axis instead of names, which no longer fit)
    sign_in(client, "viewer@acme.example")
    client.cookies.set("pcrm_lang", "en")

    html = client.get(f"/competitors/{rivalry['k']}/record").text

    found = re.search(
        r'<script type="application/json" id="competitor-chart-data">(.*?)</script>', html, re.S
    )
    assert found is not None
    chart = json.loads(found.group(1))
    assert len(chart["labels"]) == len(chart["ratios"]) == len(chart["dates"]) == 2
    assert all(re.fullmatch(r"[A-Z][a-z]{2} \d{4}", d) for d in chart["dates"]), chart["dates"]

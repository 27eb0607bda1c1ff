"""The link queries behind the graph and the path search: each link touching the given people
once, by id, read through the index of its own side (docs/performance.md)."""

from __future__ import annotations

import pytest

from pcrm.accounts.public import live_contacts, reporting_links
from pcrm.core.tenancy import WorkspaceScope
from pcrm.relationships.competitors import repository as competitors_repo
from pcrm.relationships.graph import repository as repo
from tests.accounts.builders import new_account, new_contact
from tests.factories import bearer, current
from tests.plans import plans_of
from tests.relationships.builders import dotted_line, influence


@pytest.fixture
def people(client, acme):
    """a → b → c → d in influence and dotted lines, a ← d too; b and c report to a."""
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为")["id"]
    a = new_contact(client, token, account, "甲")["id"]
    b = new_contact(client, token, account, "乙", reports_to_id=a)["id"]
    c = new_contact(client, token, account, "丙", reports_to_id=a)["id"]
    d = new_contact(client, token, account, "丁")["id"]
    gone = new_contact(client, token, account, "戊")["id"]
    assert (
        client.post(
            f"/api/v1/contacts/{gone}/archive",
            headers=current(client, f"/api/v1/contacts/{gone}", bearer(token)),
        ).status_code
        == 200
    )
    edges = {
        "ab": influence(client, token, a, b, 1)["id"],
        "bc": influence(client, token, b, c, 2)["id"],
        "cd": influence(client, token, c, d, 3)["id"],
        "da": influence(client, token, d, a, 4)["id"],
        "ab_dotted": dotted_line(client, token, a, b)["id"],
        "cd_dotted": dotted_line(client, token, c, d)["id"],
    }
    scope = WorkspaceScope(acme.workspace.id)
    return {"a": a, "b": b, "c": c, "d": d, "gone": gone, **edges, "scope": scope}


def test_links_touching_people_come_once_each_by_id(uow, people):
    p = people
    with uow() as db:
        influences = repo.influences_touching(db, p["scope"], {p["a"], p["b"]})
        dotted = repo.dotted_lines_touching(db, p["scope"], {p["b"], p["c"]})
        reports = reporting_links(db, p["scope"], {p["a"], p["b"]})
        live = live_contacts(db, p["scope"], {p["a"], p["d"], p["gone"], p["gone"] + 1000})
        nothing = repo.influences_touching(db, p["scope"], set())

    assert [tuple(row) for row in influences] == [
        (p["ab"], p["a"], p["b"], 1),  # both ends given: once
        (p["bc"], p["b"], p["c"], 2),
        (p["da"], p["d"], p["a"], 4),
    ]
    assert [tuple(row) for row in dotted] == [
        (p["ab_dotted"], p["a"], p["b"]),
        (p["cd_dotted"], p["c"], p["d"]),
    ]
    assert sorted(reports) == sorted([(p["b"], p["a"]), (p["c"], p["a"])])
    assert live == {p["a"]: "甲", p["d"]: "丁"}
    assert nothing == []


def test_each_side_of_a_link_is_read_through_its_own_index(engine, uow, people):
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's planner only")
    p = people
    with uow() as db:
        [influences] = plans_of(
            engine, lambda: repo.influences_touching(db, p["scope"], {p["a"]}), "influences"
        )
        [dotted] = plans_of(
            engine, lambda: repo.dotted_lines_touching(db, p["scope"], {p["a"]}), "dotted_lines"
        )
        [reports] = plans_of(engine, lambda: reporting_links(db, p["scope"], {p["a"]}), "contacts")
        several = {p["a"], p["b"], p["c"], p["d"]}
        [known] = plans_of(
            engine, lambda: repo.acquaintance_links(db, p["scope"], several), "acquaintances"
        )
        [ties] = plans_of(
            engine, lambda: competitors_repo.tie_links(db, p["scope"], several), "ties"
        )
        [live] = plans_of(engine, lambda: live_contacts(db, p["scope"], several), "contacts")

    unique = "COVERING INDEX sqlite_autoindex"
    assert f"{unique}_influences_1 (workspace_id=? AND from_contact_id=?)" in influences
    assert "COVERING INDEX ix_influences_to (workspace_id=? AND to_contact_id=?)" in influences
    assert f"{unique}_dotted_lines_1 (workspace_id=? AND contact_id=?)" in dotted
    assert "COVERING INDEX ix_dotted_lines_manager (workspace_id=? AND manager_id=?)" in dotted
    assert "ix_contacts_reports_to (workspace_id=? AND reports_to_id=?)" in reports
    for found in (influences, dotted, reports):  # then the rows by id, never the workspace's
        assert found.splitlines()[0].endswith("(workspace_id=? AND rowid=?)")
    assert known == (
        "SEARCH acquaintances USING INDEX ix_acquaintances_contact "
        "(workspace_id=? AND contact_id=?)"
    )
    assert ties == (
        "SEARCH competitor_ties USING INDEX ix_competitor_ties_contact "
        "(workspace_id=? AND contact_id=?)"
    )
    assert live.endswith("(workspace_id=? AND rowid=?)")

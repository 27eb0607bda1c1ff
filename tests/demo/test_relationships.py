"""The demo's people-relationship line (`pcrm.demo.relationships`): profiles, influence, dotted
lines, our and competitors' relationship resources, written through the relationships area's
public calls as the demo users, so that closeness shows real weak spots and the path search
finds introductions. On both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pcrm.accounts.accounts.models import Account
from pcrm.accounts.contacts.models import Contact
from pcrm.core.audit import AuditEntry
from pcrm.core.tenancy import GLOBAL
from pcrm.demo import DEMO_SLUG, DEMO_USERS
from pcrm.identity.public import operator_principal
from pcrm.relationships.closeness import service as analyses
from pcrm.relationships.competitors.models import Competitor, CompetitorTie
from pcrm.relationships.graph import service
from pcrm.relationships.graph.models import (
    Acquaintance,
    DottedLine,
    Influence,
    ProfileEntry,
)
from tests.demo.conftest import Demo
from tests.demo.plans.test_relationships import EXPECTED
from tests.demo.rows import count

pytestmark = pytest.mark.xdist_group("demo")

MODELS = {
    "competitors": Competitor,
    "profile_entries": ProfileEntry,
    "influences": Influence,
    "dotted_lines": DottedLine,
    "acquaintances": Acquaintance,
    "competitor_ties": CompetitorTie,
}


def one(db: Session, query):
    found = db.scalars(query.execution_options(**GLOBAL)).all()
    assert len(found) == 1, found
    return found[0]


def account_named(db: Session, name: str) -> Account:
    return one(db, select(Account).where(Account.name == name))


def person(db: Session, account: str, title: str) -> Contact:
    return one(
        db,
        select(Contact).where(
            Contact.account_id == account_named(db, account).id, Contact.title == title
        ),
    )


def test_the_demo_relationships_make_closeness_and_paths_meaningful(demo: Demo):
    with demo.session() as db:
        assert {name: count(db, model) for name, model in MODELS.items()} == EXPECTED

        rivals = db.scalars(select(Competitor).execution_options(**GLOBAL)).all()
        assert all(r.strengths and r.weaknesses and r.website for r in rivals)
        assert {"东方信联", "华数智通", "中科汇能"} <= {r.name for r in rivals}

        # Recorded by the demo users themselves: 陈思雨 keeps the competitors, the owners the rest.
        actors = set(
            db.scalars(
                select(AuditEntry.actor_label)
                .where(AuditEntry.entity_type.in_(["competitor", "influence", "acquaintance"]))
                .distinct()
                .execution_options(**GLOBAL)
            )
        )
        assert {"陈思雨", "李明", "张伟"} <= actors

        reader = operator_principal(db, DEMO_SLUG, DEMO_USERS[3].email)  # 张伟

        # A person who turned against us during the tender: the history shows how.
        cio = person(db, "江苏省人民医院", "信息中心主任")
        history = service.profile_history(db, reader, cio.id)  # newest first
        assert [p.relationship_status.value for p in reversed(history)] == [
            "unknown",
            "neutral",
            "supporter",
            "opponent",
        ]
        assert [p.effective_on for p in history] == sorted(
            (p.effective_on for p in history), reverse=True
        )

        # 苏州工业园区: a competitor is closer than we are to the decision makers.
        park = account_named(db, "苏州工业园区管理委员会")
        analysis = analyses.closeness(db, reader, park.id, "zh_CN")
        closer = [
            w for w in analysis.weak_spots if "competitor_closer" in {r.code for r in w.reasons}
        ]
        assert closer
        head = person(db, "苏州工业园区管理委员会", "主任")
        assert head.id in {w.contact_id for w in closer}
        assert 0 < analysis.score < 100

        # 杭州地铁's chairwoman: none of us knows her; 王建国 knows the city's data bureau
        # head who influences her, the account owner knows the CIO: introductions, not calls.
        chair = person(db, "杭州市地铁集团有限责任公司", "董事长")
        paths = analyses.paths_to(db, reader, chair.id)
        assert paths
        assert all(p.hops >= 2 for p in paths)
        best = paths[0]
        assert best.steps[0].kind == "acquaintance"
        assert best.steps[0].source == f"u{best.user_id}"
        assert best.steps[-1].target == f"c{chair.id}"
        crossing = [p for p in paths if any(s.kind == "influence" for s in p.steps)]
        assert crossing  # influence from another account opens a door

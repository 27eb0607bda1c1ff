"""History labels: every audited field of every area is named in both languages, and a value
of a closed vocabulary is shown with its own vocabulary's label."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import pytest

from pcrm.areas import AREAS
from pcrm.core import history
from pcrm.core.audit import Audited
from pcrm.core.i18n import translate
from pcrm.opportunities.vocab import DocumentKind, RelationKind

SKIPPED = {"id", "workspace_id", "version", "created_at", "updated_at"}


@pytest.fixture(scope="module", autouse=True)
def _labels_registered():
    for area in AREAS:
        if area.history is not None:
            history.register(area.history)


def _audited_fields() -> list[tuple[str, str]]:
    found = []
    for entity, model in sorted(history.audited_models().items()):
        excluded = SKIPPED | set(model.__audit_exclude__)
        found += [(entity, c.key) for c in model.__table__.columns if c.key not in excluded]
    return found


def _enum_fields() -> list[tuple[str, str, type[StrEnum]]]:
    found = []
    for entity, name in _audited_fields():
        vocabulary = history.column_vocabulary(entity, name)
        if vocabulary is not None:
            found.append((entity, name, vocabulary))
    return found


def test_every_audited_model_belongs_to_a_declared_entity():
    declared = {e for area in AREAS if area.history for e in area.history.entities}
    assert set(history.audited_models()) - declared == set()
    assert all(issubclass(m, Audited) for m in history.audited_models().values())


@pytest.mark.parametrize(("entity", "name"), _audited_fields())
def test_every_audited_field_has_a_label_in_both_languages(entity, name):
    label = history.field_label(entity, name)
    assert label is not None, f"{entity}.{name} has no label: declare it in its area.py"
    assert translate("en", label) == label
    assert translate("zh_CN", label) != label, f"{label!r} is not translated to Chinese"


@pytest.mark.parametrize(("entity", "name", "vocabulary"), _enum_fields())
def test_every_value_of_an_audited_vocabulary_has_a_label(entity, name, vocabulary):
    labels = history.vocabulary_labels(vocabulary)
    assert labels is not None, f"{vocabulary.__name__} ({entity}.{name}) has no labels"
    assert {member.value for member in vocabulary} <= set(labels)


def _texts(row: history.HistoryRow) -> list[tuple[str, str | None, str | None]]:
    return [
        (label, None if b is None else b.text, None if a is None else a.text)
        for label, b, a in row.changes
    ]


def _entry(entity: str, changes: dict[str, Any]) -> Any:
    class Entry:
        occurred_at = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)
        actor_user_id = None
        actor_label = "test"
        entity_type = entity
        entity_id = 7
        entity_label = None
        action = "update"

    entry = Entry()
    entry.changes = changes  # type: ignore[attr-defined]
    return entry


def test_two_vocabularies_on_fields_of_one_name_keep_their_own_labels():
    """`kind` is a RelationKind on a related opportunity and a DocumentKind on a document: both
    were once registered under the bare name `kind`, and the later one won."""
    relation, document = history.history_rows(
        [
            _entry("opportunity_relation", {"kind": ["phase_2_of", "follow_on_of"]}),
            _entry("opportunity_document", {"kind": [None, "rfp"]}),
        ],
        "en",
    )
    assert _texts(relation) == [("Relation", "Phase 2 of", "Follow-on of")]
    assert _texts(document) == [("Document kind", None, "RFP")]
    assert RelationKind.FOLLOW_ON_OF == "follow_on_of"
    assert DocumentKind.RFP == "rfp"


def test_a_name_is_named_for_its_entity_and_lists_read_as_lists():
    account, contact, opportunity = history.history_rows(
        [
            _entry("account", {"name": ["甲", "乙"], "aliases": [[], ["深圳市交通局", "深交局"]]}),
            _entry("contact", {"name": ["张三", "张叁"]}),
            _entry("opportunity", {"triggers": [["old_system"], ["old_system", "regulation"]]}),
        ],
        "zh_CN",
    )
    assert _texts(account) == [("客户名称", "甲", "乙"), ("别名", "", "深圳市交通局、深交局")]
    assert _texts(contact) == [("姓名", "张三", "张叁")]
    assert _texts(opportunity) == [
        ("必要条件", "旧系统无法满足需求", "旧系统无法满足需求、政策法规要求"),
    ]

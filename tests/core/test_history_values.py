"""Every value of every audited entity kind reads as the user sees it elsewhere: the walk
builds an entry of each audited model (from `history.audited_models()`) with a stored value of
each audited column, renders it in both languages and finds no raw id, code or repr. A JSON
list of ids (`requirement_ids`) names every record it holds."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import JSON, Boolean, Date, Integer, Numeric

from pcrm.areas import AREAS
from pcrm.core import history
from pcrm.core.db import UTCDateTime
from pcrm.core.i18n import translate

SKIPPED = {"id", "workspace_id", "version", "created_at", "updated_at"}
LOCALES = ("zh_CN", "en")
KNOWN_ID, GONE_ID = 4242, 9999
CODE = re.compile(r"^[a-z]+(_[a-z0-9]+)*$")
REPR = ("[", "]", "{", "}", "Decimal(", "datetime.")
PY_WORDS = ("None", "True", "False")


@pytest.fixture(scope="module", autouse=True)
def _labels_registered():
    for area in AREAS:
        if area.history is not None:
            history.register(area.history)


class Entry:
    occurred_at = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)
    actor_user_id = None
    actor_label = "test"
    entity_label = None
    action = "update"

    def __init__(self, entity: str, changes: dict[str, Any]) -> None:
        self.entity_type = entity
        self.entity_id = KNOWN_ID
        self.changes = changes


def _columns(model: Any) -> list[Any]:
    excluded = SKIPPED | set(model.__audit_exclude__)
    return [c for c in model.__table__.columns if c.key not in excluded]


def _kind_fields(entity: str, model: Any) -> dict[str, str]:
    """type field → id field of the entity's polymorphic references (owner_type → owner_id)."""
    return {
        type_field: c.key
        for c in _columns(model)
        if (type_field := history.kind_field(entity, c.key)) is not None
    }


BY_TYPE: list[tuple[type, Any, str]] = [  # the first whose column type matches
    (Boolean, True, "text"),
    (Numeric, "4734000.00", "number"),
    (Date, "2024-03-05", "date"),
    (UTCDateTime, "2024-03-05T08:00:00+00:00", "date"),
    (JSON, ["深圳市交通局", "深交局"], "list"),
    (Integer, 12, "text"),
]


def _stored(  # noqa: PLR0911 - one return per sort of value
    entity: str, model: Any, column: Any, record_id: int
) -> tuple[Any, str]:
    """A value as the audit trail stores it, and what sort of value it is."""
    name = column.key
    vocabulary = history.column_vocabulary(entity, name)
    if isinstance(column.type, JSON) and name.endswith("_ids"):
        assert history.reference_kind(entity, name), f"{entity}.{name}: a list of what?"
        return [record_id], "reference"
    if history.reference_kind(entity, name) or history.kind_field(entity, name):
        return record_id, "reference"
    if name in _kind_fields(entity, model):
        return "opportunity", "code"
    if vocabulary is not None:
        first = next(iter(vocabulary)).value
        return ([first] if isinstance(column.type, JSON) else first), "code"
    if name == "province":
        return "guangdong", "code"
    if name == "currency":
        return "CNY", "currency"
    found = [(v, sort) for kind, v, sort in BY_TYPE if isinstance(column.type, kind)]
    return found[0] if found else ("示例文字", "text")


def _walk() -> list[tuple[str, str]]:
    return [(entity, locale) for entity in sorted(history.audited_models()) for locale in LOCALES]


def _references() -> dict[tuple[str, int], history.Reference]:
    kinds = {
        kind
        for entity, model in history.audited_models().items()
        for c in _columns(model)
        if (kind := history.reference_kind(entity, c.key)) is not None
    } | {"opportunity"}
    return {(k, KNOWN_ID): history.Reference(f"«{k}»", f"/{k}/{KNOWN_ID}") for k in kinds}


@pytest.mark.parametrize(("entity", "locale"), _walk())
def test_every_value_of_an_audited_kind_reads_as_the_user_sees_it(entity, locale):
    model = history.audited_models()[entity]
    for record_id in (KNOWN_ID, GONE_ID):
        stored = {c.key: _stored(entity, model, c, record_id) for c in _columns(model)}
        entry = Entry(entity, {name: [None, value] for name, (value, _) in stored.items()})
        (row,) = history.history_rows([entry], locale, references=_references(), with_subject=True)
        shown = dict(zip(stored, (after for _, _, after in row.changes), strict=True))
        for name, (_, sort) in stored.items():
            text = shown[name].text
            where = f"{entity}.{name} in {locale}: {text!r}"
            assert not any(mark in text for mark in REPR), where
            assert sort == "code" or text not in PY_WORDS, where
            if sort == "reference":
                kind = history.reference_kind(entity, name) or "opportunity"
                listed = isinstance(stored[name][0], list)  # a list of ids names each, unlinked
                if record_id == KNOWN_ID and listed:
                    assert text == f"«{kind}»", where
                elif record_id == KNOWN_ID:
                    assert (text, shown[name].link) == (f"«{kind}»", f"/{kind}/{KNOWN_ID}"), where
                else:  # gone: its kind's label, marked deleted, never its id
                    label = translate(locale, history.entity_label(kind))
                    assert text == translate(locale, history.GONE_OF_KIND, kind=label), where
                    assert str(GONE_ID) not in text, where
            elif sort == "code":
                assert not CODE.match(text), where
            elif sort == "number":
                assert "4734000" not in text, where
                assert "4,734,000" in text, where
            elif sort == "date":
                assert "2024-03-05" not in text, where
                assert "2024" in text, where
            elif sort == "currency":
                assert text == ("人民币" if locale == "zh_CN" else "Chinese Yuan"), where
            elif sort == "list":
                assert text == (
                    "深圳市交通局、深交局" if locale == "zh_CN" else "深圳市交通局, 深交局"
                )


def test_every_kind_a_reference_points_to_has_a_resolver():
    pointed = {
        (entity, c.key, kind)
        for entity, model in history.audited_models().items()
        for c in _columns(model)
        if (kind := history.reference_kind(entity, c.key)) is not None
    }
    assert {p for p in pointed if not history.has_resolver(p[2])} == set()
    assert ("opportunity", "owner_id", "user") in pointed
    assert ("quote", "vendor_id", "opportunity_vendor") in pointed


def test_money_reads_in_the_records_currency_and_numbers_are_grouped():
    opportunity, tender = history.history_rows(
        [
            Entry("opportunity", {"budget_amount": ["4734000.00", "5000000.00"]}),
            Entry("tender", {"benchmark_discount": [None, "12.50"]}),
        ],
        "zh_CN",
        currency="CNY",
    )
    assert [(b.text, a.text) for _, b, a in opportunity.changes] == [  # type: ignore[union-attr]
        ("¥4,734,000.00", "¥5,000,000.00")
    ]
    assert tender.changes[0][2].text == "12.5"  # type: ignore[union-attr]


def test_a_name_field_is_never_a_persons_name_for_a_company_or_a_project():
    for entity, model in history.audited_models().items():
        if "name" in model.__table__.columns and entity not in (
            "contact",
            "user",
            "invitation",
            "portal_user",
        ):  # people
            label = history.field_label(entity, "name")
            assert translate("zh_CN", label or "") != "姓名", entity

"""Turns audit entries into rows for the shared history component (`components/_history.html`).

Each area declares the labels of its audited entities in its `area.py` (`HistoryLabels`); the
application factory registers them. A field's label is looked up for the entity it belongs to
(an opportunity's `kind` is not a document's `kind`), and a value of a closed vocabulary is
shown with the label of the vocabulary of *that entity's column*, found from the ORM model, so
two enums sharing a field name can never be confused.

Every value reads as the user sees it elsewhere: a reference (a foreign key, found from the ORM
model, or a declared id field) by the name of the record it points to, linked when the reader
may open it, by its kind's label marked deleted when it is gone (never by its id); dates and
money in the reader's locale; lists as lists.
The area that owns an entity kind declares its `resolver` (ids → names), called once per kind
for a whole page of entries (`resolve_references`), never per row."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import Date, Enum, Numeric
from sqlalchemy.orm import Session

from pcrm.core.audit import Audited
from pcrm.core.db import Base
from pcrm.core.i18n import N_, format_date, format_datetime, format_money, format_number, translate

ACTIONS = {"create": N_("created"), "update": N_("changed"), "delete": N_("deleted")}
COMMON_FIELDS: dict[str, str] = {
    "archived_at": N_("Archived"),
    "notes": N_("Notes"),
    "workspace_id": N_("Workspace"),
}
GONE = N_("deleted record")
GONE_OF_KIND = N_("%(kind)s (deleted)")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Reference:
    """A record as a history names it: its name in the reader's language, and its page when
    the reader may open it."""

    name: str
    link: str | None = None


# (session, the reader (a Principal of identity), ids, locale) → the records that exist
Resolver = Callable[[Session, Any, frozenset[int], str], Mapping[int, Reference]]
ValueFormat = Callable[[str, str], str]  # (stored code, locale) → what the user reads


@dataclass(frozen=True, slots=True)
class EntityLabels:
    """How one audited entity is named: its kind, the labels of fields of its own (they win
    over the area's), where its page is (`/accounts/{id}`), the vocabulary of a field that
    is not an enum column (a JSON list of enum values, say), the entity kind of an id field
    that is not a foreign key (`references`), and, for an id whose kind is stored beside it,
    the field that holds the kind (`kind_fields`: `owner_id` → `owner_type`)."""

    label: str
    fields: Mapping[str, str] = field(default_factory=dict)
    link: str | None = None
    vocabularies: Mapping[str, type[StrEnum]] = field(default_factory=dict)
    references: Mapping[str, str] = field(default_factory=dict)
    kind_fields: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class HistoryLabels:
    """An area's labels: its entities (by audit entity type), the labels of the fields its
    entities share, the labels of its closed vocabularies (English message ids), how to name
    its records from their ids (`resolvers`, by entity type), the fields that hold money
    (shown in the record's `currency`, else the workspace's) and the fields whose stored codes
    read through a function of their own (`formats`: a province code → its name)."""

    entities: Mapping[str, EntityLabels]
    fields: Mapping[str, str] = field(default_factory=dict)
    vocabularies: Mapping[type[StrEnum], Mapping[str, str]] = field(default_factory=dict)
    resolvers: Mapping[str, Resolver] = field(default_factory=dict)
    money: frozenset[str] = frozenset()
    formats: Mapping[str, ValueFormat] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Entity:
    label: str
    fields: Mapping[str, str]
    link: str | None
    vocabularies: Mapping[str, type[StrEnum]]
    references: Mapping[str, str]
    kind_fields: Mapping[str, str]
    money: frozenset[str]
    formats: Mapping[str, ValueFormat]


_ENTITIES: dict[str, _Entity] = {}
_VOCABULARIES: dict[type[StrEnum], Mapping[str, str]] = {}
_RESOLVERS: dict[str, Resolver] = {}
_VALUE_LABELS: dict[tuple[str, str], Mapping[str, str] | None] = {}
_COLUMN_KINDS: dict[tuple[str, str], str | None] = {}


def register(labels: HistoryLabels) -> None:
    """Make an area's labels known (the application factory calls it for every area)."""
    _VOCABULARIES.update(labels.vocabularies)
    _RESOLVERS.update(labels.resolvers)
    for entity, declared in labels.entities.items():
        _ENTITIES[entity] = _Entity(
            declared.label,
            {**labels.fields, **declared.fields},
            declared.link,
            declared.vocabularies,
            declared.references,
            declared.kind_fields,
            labels.money,
            labels.formats,
        )
    _VALUE_LABELS.clear()
    _COLUMN_KINDS.clear()


def entity_label(entity: str) -> str:
    """The English message id naming an entity kind (the entity type itself if unknown)."""
    known = _ENTITIES.get(entity)
    return known.label if known else entity


def field_label(entity: str, name: str) -> str | None:
    """The English message id of a field of an entity, or None when nobody declared one."""
    known = _ENTITIES.get(entity)
    if known is not None and name in known.fields:
        return known.fields[name]
    return COMMON_FIELDS.get(name)


def entity_link(entity: str, entity_id: int) -> str | None:
    known = _ENTITIES.get(entity)
    return known.link.format(id=entity_id) if known and known.link else None


def _column(entity: str, name: str) -> Any:
    model = audited_models().get(entity)
    return model.__table__.columns.get(name) if model is not None else None


def column_vocabulary(entity: str, name: str) -> type[StrEnum] | None:
    """The closed vocabulary of an entity's field: declared, or the enum of its column."""
    known = _ENTITIES.get(entity)
    if known is not None and name in known.vocabularies:
        return known.vocabularies[name]
    column = _column(entity, name)
    if column is not None and isinstance(column.type, Enum):
        enum_class = column.type.enum_class
        if enum_class is not None and issubclass(enum_class, StrEnum):
            return enum_class
    return None


def value_labels(entity: str, name: str) -> Mapping[str, str] | None:
    key = (entity, name)
    if key not in _VALUE_LABELS:
        vocabulary = column_vocabulary(entity, name)
        _VALUE_LABELS[key] = _VOCABULARIES.get(vocabulary) if vocabulary else None
    return _VALUE_LABELS[key]


def vocabulary_labels(vocabulary: type[StrEnum]) -> Mapping[str, str] | None:
    return _VOCABULARIES.get(vocabulary)


def reference_kind(entity: str, name: str) -> str | None:
    """The entity kind an id field points to: declared, or the audited model whose table the
    column's foreign key names. None for a field that is not a reference."""
    key = (entity, name)
    if key not in _COLUMN_KINDS:
        known = _ENTITIES.get(entity)
        kind = known.references.get(name) if known is not None else None
        column = _column(entity, name)
        if kind is None and column is not None and column.foreign_keys:
            by_table = {m.__tablename__: e for e, m in audited_models().items()}
            target = next(iter(column.foreign_keys)).column.table.name
            kind = by_table.get(target)
        _COLUMN_KINDS[key] = kind
    return _COLUMN_KINDS[key]


def kind_field(entity: str, name: str) -> str | None:
    """The field holding the entity kind of a polymorphic id field (`owner_id` → `owner_type`)."""
    known = _ENTITIES.get(entity)
    return known.kind_fields.get(name) if known is not None else None


def has_resolver(kind: str) -> bool:
    return kind in _RESOLVERS


def audited_models() -> dict[str, Any]:
    """Every audited ORM model by its audit entity type."""
    return {
        mapper.class_.__audit_entity__: mapper.class_
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, Audited)
    }


class AuditEntryLike(Protocol):
    occurred_at: datetime
    actor_user_id: int | None
    actor_label: str
    entity_type: str
    entity_id: int
    entity_label: str | None
    action: str
    changes: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Shown:
    """A value as the history shows it, linked when it names a record the reader may open."""

    text: str
    link: str | None = None

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class HistoryRow:
    occurred_at: datetime
    actor: str
    action: str
    subject: str
    link: str | None
    changes: list[tuple[str, Shown | None, Shown | None]]

    @property
    def long(self) -> bool:
        """Whether the changes are worth folding away (many fields, or long texts)."""
        texts = [v.text for _, *values in self.changes for v in values if v is not None]
        return len(self.changes) > 4 or sum(len(t) for t in texts) > 240


LOCALE_NAMES = {"zh_CN": "简体中文", "en": "English"}
_LOCALE_FIELDS = ("locale", "default_locale")
References = Mapping[tuple[str, int], Reference]


def _kinds_of(entity: str, changes: Mapping[str, Any]) -> Iterable[tuple[str, Any]]:
    """(kind, id) of every reference among an entry's changed values."""
    for name, values in changes.items():
        kind = reference_kind(entity, name)
        type_field = kind_field(entity, name)
        for position, value in enumerate(values):
            if type_field is not None and type_field in changes:
                kind = changes[type_field][position]
            if kind is not None and value is not None:
                yield kind, value


def wanted_references(
    entries: Iterable[AuditEntryLike], *, with_subject: bool = False, with_changes: bool = True
) -> dict[str, set[int]]:
    """The ids each entry's references point to, by entity kind (with the entries' own
    records when the history names them)."""
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        changes = entry.changes if with_changes else {}
        for kind, value in _kinds_of(entry.entity_type, changes):
            for one in value if isinstance(value, list) else (value,):  # a list of ids: each
                if isinstance(one, int) and not isinstance(one, bool):
                    wanted.setdefault(kind, set()).add(one)
        if with_subject and entry.entity_type in _RESOLVERS:
            wanted.setdefault(entry.entity_type, set()).add(entry.entity_id)
    return wanted


def resolve_references(
    db: Session,
    reader: Any,
    entries: Iterable[AuditEntryLike],
    locale: str,
    *,
    with_subject: bool = False,
    with_changes: bool = True,
) -> dict[tuple[str, int], Reference]:
    """The records the entries refer to, named for the reader: one resolver call per kind."""
    found: dict[tuple[str, int], Reference] = {}
    wanted = wanted_references(entries, with_subject=with_subject, with_changes=with_changes)
    for kind, ids in wanted.items():
        resolver = _RESOLVERS.get(kind)
        if resolver is not None:
            for key, reference in resolver(db, reader, frozenset(ids), locale).items():
                found[(kind, key)] = reference
    return found


def gone(kind: str | None, locale: str) -> str:
    """What a history says for a record that cannot be named any more: its kind's label
    marked deleted ("客户（已删除）"), never its id; "deleted record" when the kind is unknown."""
    if kind is None or kind not in _ENTITIES:
        return translate(locale, GONE)
    return translate(locale, GONE_OF_KIND, kind=translate(locale, entity_label(kind)))


def name_record(db: Session, reader: Any, kind: str, record_id: int, locale: str) -> Reference:
    """One record named for the reader (its kind's label when nobody names that kind;
    its kind's label marked deleted when it is gone)."""
    resolver = _RESOLVERS.get(kind)
    if resolver is None:
        known = kind in _ENTITIES
        return Reference(translate(locale, entity_label(kind)) if known else gone(None, locale))
    found = resolver(db, reader, frozenset({record_id}), locale).get(record_id)
    return found or Reference(gone(kind, locale))


@dataclass(frozen=True, slots=True)
class _Reading:
    locale: str
    tz: str
    currency: str
    references: References


def _show(
    entity: str, name: str, value: Any, kind: str | None, reading: _Reading, currency: str
) -> Shown | None:
    if value is None:
        return None
    locale = reading.locale
    if kind is not None and isinstance(value, int) and not isinstance(value, bool):
        found = reading.references.get((kind, value))
        return Shown(found.name, found.link) if found else Shown(gone(kind, locale))
    if isinstance(value, bool):
        text = translate(locale, N_("Yes") if value else N_("No"))
    elif isinstance(value, list):
        items = [_show(entity, name, item, kind, reading, currency) for item in value]
        text = ("、" if locale == "zh_CN" else ", ").join(i.text for i in items if i)
    elif isinstance(value, dict):
        text = "; ".join(f"{k}: {v}" for k, v in value.items())
    else:
        text = _show_text(entity, name, str(value), reading, currency)
    return Shown(text)


def _show_text(entity: str, name: str, text: str, reading: _Reading, currency: str) -> str:
    locale = reading.locale
    labels = value_labels(entity, name)
    known = _ENTITIES.get(entity)
    column = _column(entity, name)
    shown: str | None = None
    if labels is not None and text in labels:
        shown = translate(locale, labels[text])
    elif known is not None and name in known.formats:
        shown = known.formats[name](text, locale)
    elif kind_field_of(entity, name):
        shown = translate(locale, entity_label(text))
    elif name in _LOCALE_FIELDS:
        shown = LOCALE_NAMES.get(text)
    elif _ISO_DATETIME.match(text):
        shown = _show_datetime(text, locale, reading.tz)
    elif column is not None and isinstance(column.type, Date) and _ISO_DATE.match(text):
        shown = format_date(date.fromisoformat(text), locale)
    elif column is not None and isinstance(column.type, Numeric):
        money = known is not None and name in known.money
        shown = _show_number(text, money, currency, locale)
    return shown or text


def kind_field_of(entity: str, name: str) -> bool:
    """Whether the field holds the entity kind of a polymorphic id (`owner_type`)."""
    known = _ENTITIES.get(entity)
    return known is not None and name in known.kind_fields.values()


def _show_number(text: str, money: bool, currency: str, locale: str) -> str:
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    if money:
        return format_money(number, currency, locale)
    return format_number(number.normalize() if number == number.to_integral() else number, locale)


def _show_datetime(text: str, locale: str, tz: str) -> str:
    try:
        return format_datetime(datetime.fromisoformat(text), locale, tz)
    except ValueError:
        return text


def _currency_of(entry: AuditEntryLike, default: str) -> str:
    values = entry.changes.get("currency")
    if isinstance(values, list):
        for value in reversed(values):
            if isinstance(value, str) and value:
                return value
    return default


def history_rows(
    entries: Iterable[AuditEntryLike],
    locale: str,
    tz: str = "Asia/Shanghai",
    *,
    with_subject: bool = False,
    with_changes: bool = True,
    actor_names: Mapping[int, str] | None = None,
    references: References | None = None,
    currency: str = "CNY",
) -> list[HistoryRow]:
    """Rows for the history component. `actor_names` (user id → name in the reader's language)
    replaces the name recorded at the time, e.g. to show English names in English;
    `references` (from `resolve_references`) names the records that ids point to."""
    reading = _Reading(locale, tz, currency, references or {})
    rows = []
    for entry in entries:
        changes = _changes(entry, reading) if with_changes else []
        subject, link = "", None
        if with_subject:
            subject, link = _subject(entry, reading)
        actor = entry.actor_label
        if actor_names and entry.actor_user_id in actor_names:
            actor = actor_names[entry.actor_user_id]  # type: ignore[index]
        rows.append(
            HistoryRow(
                entry.occurred_at,
                actor,
                translate(locale, ACTIONS.get(entry.action, entry.action)),
                subject,
                link,
                changes,
            )
        )
    return rows


def _changes(
    entry: AuditEntryLike, reading: _Reading
) -> list[tuple[str, Shown | None, Shown | None]]:
    entity = entry.entity_type
    currency = _currency_of(entry, reading.currency)
    rows = []
    for name, values in entry.changes.items():
        if name in ("id", "workspace_id"):
            continue
        before, after = values
        kinds = [reference_kind(entity, name)] * 2
        type_field = kind_field(entity, name)
        if type_field is not None and type_field in entry.changes:
            kinds = list(entry.changes[type_field])
        label = translate(reading.locale, field_label(entity, name) or name)
        rows.append(
            (
                label,
                _show(entity, name, before, kinds[0], reading, currency),
                _show(entity, name, after, kinds[1], reading, currency),
            )
        )
    return rows


def _subject(entry: AuditEntryLike, reading: _Reading) -> tuple[str, str | None]:
    entity = entry.entity_type
    kind = translate(reading.locale, entity_label(entity))
    if entity in _RESOLVERS:
        found = reading.references.get((entity, entry.entity_id))
        if found is None:  # gone: the name it had, or its kind alone, marked deleted
            named = f"{kind} {entry.entity_label}" if entry.entity_label else kind
            return translate(reading.locale, GONE_OF_KIND, kind=named), None
        return f"{kind} {found.name}", found.link
    name = entry.entity_label or ""
    return f"{kind} {name}".strip(), entity_link(entity, entry.entity_id)

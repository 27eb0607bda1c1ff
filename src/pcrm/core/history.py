"""Turns audit entries into rows for the shared history component (`components/_history.html`).

Each area declares the labels of its audited entities in its `area.py` (`HistoryLabels`); the
application factory registers them. A field's label is looked up for the entity it belongs to
(an opportunity's `kind` is not a document's `kind`), and a value of a closed vocabulary is
shown with the label of the vocabulary of *that entity's column*, found from the ORM model, so
two enums sharing a field name can never be confused."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import Enum

from pcrm.core.audit import Audited
from pcrm.core.db import Base
from pcrm.core.i18n import N_, format_datetime, translate

ACTIONS = {"create": N_("created"), "update": N_("changed"), "delete": N_("deleted")}
COMMON_FIELDS: dict[str, str] = {
    "archived_at": N_("Archived"),
    "notes": N_("Notes"),
    "workspace_id": N_("Workspace"),
}
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@dataclass(frozen=True, slots=True)
class EntityLabels:
    """How one audited entity is named: its kind, the labels of fields of its own (they win
    over the area's), where its page is (`/accounts/{id}`), and the vocabulary of a field that
    is not an enum column (a JSON list of enum values, say)."""

    label: str
    fields: Mapping[str, str] = field(default_factory=dict)
    link: str | None = None
    vocabularies: Mapping[str, type[StrEnum]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class HistoryLabels:
    """An area's labels: its entities (by audit entity type), the labels of the fields its
    entities share, and the labels of its closed vocabularies (English message ids)."""

    entities: Mapping[str, EntityLabels]
    fields: Mapping[str, str] = field(default_factory=dict)
    vocabularies: Mapping[type[StrEnum], Mapping[str, str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Entity:
    label: str
    fields: Mapping[str, str]
    link: str | None
    vocabularies: Mapping[str, type[StrEnum]]


_ENTITIES: dict[str, _Entity] = {}
_VOCABULARIES: dict[type[StrEnum], Mapping[str, str]] = {}
_VALUE_LABELS: dict[tuple[str, str], Mapping[str, str] | None] = {}


def register(labels: HistoryLabels) -> None:
    """Make an area's labels known (the application factory calls it for every area)."""
    _VOCABULARIES.update(labels.vocabularies)
    for entity, declared in labels.entities.items():
        _ENTITIES[entity] = _Entity(
            declared.label,
            {**labels.fields, **declared.fields},
            declared.link,
            declared.vocabularies,
        )
    _VALUE_LABELS.clear()


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


def column_vocabulary(entity: str, name: str) -> type[StrEnum] | None:
    """The closed vocabulary of an entity's field: declared, or the enum of its column."""
    known = _ENTITIES.get(entity)
    if known is not None and name in known.vocabularies:
        return known.vocabularies[name]
    model = audited_models().get(entity)
    column = model.__table__.columns.get(name) if model is not None else None
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
class HistoryRow:
    occurred_at: datetime
    actor: str
    action: str
    subject: str
    link: str | None
    changes: list[tuple[str, str | None, str | None]]


LOCALE_NAMES = {"zh_CN": "简体中文", "en": "English"}
_LOCALE_FIELDS = ("locale", "default_locale")


def _show(entity: str, name: str, value: Any, locale: str, tz: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return translate(locale, N_("Yes") if value else N_("No"))
    if isinstance(value, list):
        return ", ".join(_show(entity, name, item, locale, tz) or "" for item in value)
    text = str(value)
    labels = value_labels(entity, name)
    if labels is not None and text in labels:
        return translate(locale, labels[text])
    if name in _LOCALE_FIELDS:
        return LOCALE_NAMES.get(text, text)
    return _show_datetime(text, locale, tz) if _ISO_DATETIME.match(text) else text


def _show_datetime(text: str, locale: str, tz: str) -> str:
    try:
        return format_datetime(datetime.fromisoformat(text), locale, tz)
    except ValueError:
        return text


def history_rows(
    entries: Iterable[AuditEntryLike],
    locale: str,
    tz: str = "Asia/Shanghai",
    *,
    with_subject: bool = False,
    with_changes: bool = True,
    actor_names: Mapping[int, str] | None = None,
) -> list[HistoryRow]:
    """Rows for the history component. `actor_names` (user id → name in the reader's language)
    replaces the name recorded at the time, e.g. to show English names in English."""
    rows = []
    for entry in entries:
        entity = entry.entity_type
        changes = (
            [
                (
                    translate(locale, field_label(entity, name) or name),
                    _show(entity, name, before, locale, tz),
                    _show(entity, name, after, locale, tz),
                )
                for name, (before, after) in entry.changes.items()
                if name not in ("id", "workspace_id")
            ]
            if with_changes
            else []
        )
        subject, link = "", None
        if with_subject:
            kind = translate(locale, entity_label(entity))
            subject = f"{kind} {entry.entity_label or f'#{entry.entity_id}'}"
            link = entity_link(entity, entry.entity_id)
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

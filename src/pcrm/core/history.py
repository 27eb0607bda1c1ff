"""Turns audit entries into rows for the shared history component (`components/_history.html`).

Areas register the labels of their entities and fields with `register_labels`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from pcrm.core.i18n import N_, format_datetime, translate

ACTIONS = {"create": N_("created"), "update": N_("changed"), "delete": N_("deleted")}
ENTITIES: dict[str, str] = {}
FIELD_LABELS: dict[str, str] = {"name": N_("Name")}
FIELD_VALUES: dict[str, dict[str, str]] = {
    "locale": {"zh_CN": "简体中文", "en": "English"},
    "default_locale": {"zh_CN": "简体中文", "en": "English"},
}
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


class AuditEntryLike(Protocol):
    occurred_at: datetime
    actor_label: str
    entity_type: str
    entity_id: int
    action: str
    changes: dict[str, Any]


def register_labels(
    entities: Mapping[str, str],
    fields: Mapping[str, str],
    values: Mapping[str, Mapping[str, str]] | None = None,
) -> None:
    """An area names its audited entities, fields and closed-vocabulary values (English message
    ids, translated when shown)."""
    ENTITIES.update(entities)
    FIELD_LABELS.update(fields)
    for field, labels in (values or {}).items():
        FIELD_VALUES.setdefault(field, {}).update(labels)


@dataclass(frozen=True, slots=True)
class HistoryRow:
    occurred_at: datetime
    actor: str
    action: str
    subject: str
    changes: list[tuple[str, str | None, str | None]]


def _show(field: str, value: Any, locale: str, tz: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return translate(locale, N_("Yes") if value else N_("No"))
    text = str(value)
    labels = FIELD_VALUES.get(field, {})
    if text in labels:
        return translate(locale, labels[text])
    if _ISO_DATETIME.match(text):
        try:
            return format_datetime(datetime.fromisoformat(text), locale, tz)
        except ValueError:
            return text
    return text


def history_rows(
    entries: Iterable[AuditEntryLike],
    locale: str,
    tz: str = "Asia/Shanghai",
    *,
    with_subject: bool = False,
    with_changes: bool = True,
) -> list[HistoryRow]:
    rows = []
    for entry in entries:
        changes = (
            [
                (
                    translate(locale, FIELD_LABELS.get(field, field)),
                    _show(field, before, locale, tz),
                    _show(field, after, locale, tz),
                )
                for field, (before, after) in entry.changes.items()
                if field not in ("id", "workspace_id")
            ]
            if with_changes
            else []
        )
        subject = ""
        if with_subject:
            subject = (
                f"{translate(locale, ENTITIES.get(entry.entity_type, entry.entity_type))}"
                f" #{entry.entity_id}"
            )
        rows.append(
            HistoryRow(
                entry.occurred_at,
                entry.actor_label,
                translate(locale, ACTIONS.get(entry.action, entry.action)),
                subject,
                changes,
            )
        )
    return rows

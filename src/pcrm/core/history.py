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
LINKS: dict[str, str] = {}
FIELD_LABELS: dict[str, str] = {"name": N_("Name")}
FIELD_VALUES: dict[str, dict[str, str]] = {
    "locale": {"zh_CN": "简体中文", "en": "English"},
    "default_locale": {"zh_CN": "简体中文", "en": "English"},
}
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


class AuditEntryLike(Protocol):
    occurred_at: datetime
    actor_user_id: int | None
    actor_label: str
    entity_type: str
    entity_id: int
    entity_label: str | None
    action: str
    changes: dict[str, Any]


def register_labels(
    entities: Mapping[str, str],
    fields: Mapping[str, str],
    values: Mapping[str, Mapping[str, str]] | None = None,
    links: Mapping[str, str] | None = None,
) -> None:
    """An area names its audited entities, fields and closed-vocabulary values (English message
    ids, translated when shown) and says where a record's page is (`/accounts/{id}`)."""
    ENTITIES.update(entities)
    FIELD_LABELS.update(fields)
    LINKS.update(links or {})
    for field, labels in (values or {}).items():
        FIELD_VALUES.setdefault(field, {}).update(labels)


@dataclass(frozen=True, slots=True)
class HistoryRow:
    occurred_at: datetime
    actor: str
    action: str
    subject: str
    link: str | None
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
    actor_names: Mapping[int, str] | None = None,
) -> list[HistoryRow]:
    """Rows for the history component. `actor_names` (user id → name in the reader's language)
    replaces the name recorded at the time, e.g. to show English names in English."""
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
        subject, link = "", None
        if with_subject:
            kind = translate(locale, ENTITIES.get(entry.entity_type, entry.entity_type))
            subject = f"{kind} {entry.entity_label or f'#{entry.entity_id}'}"
            pattern = LINKS.get(entry.entity_type)
            link = pattern.format(id=entry.entity_id) if pattern else None
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

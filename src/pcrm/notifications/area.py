"""The notifications area's declaration: reminders now; notices, e-mail and chat-robot delivery
will land here (see `pcrm.core.areas`)."""

from __future__ import annotations

from pcrm.core.areas import Area
from pcrm.core.history import EntityLabels, HistoryLabels
from pcrm.core.i18n import N_
from pcrm.notifications import models, routes_api, routes_html

AREA = Area(
    name="notifications",
    summary="Reminders of what a user must do by a time, kept by the records that need them.",
    api=(routes_api.router,),
    pages=(routes_html.router,),
    models=(models,),
    history=HistoryLabels(
        entities={
            "reminder": EntityLabels(
                N_("Reminder"),
                {
                    "user_id": N_("For"),
                    "due_at": N_("Due"),
                    "title": N_("Reminder"),
                    "link": N_("Link"),
                    "source_type": N_("Source"),
                    "source_id": N_("Source"),
                    "done_at": N_("Done"),
                },
                kind_fields={"source_id": "source_type"},
            )
        }
    ),
)

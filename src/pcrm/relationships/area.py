"""The relationships area's declaration: the people-relationship line (人脉线) of profiles,
influence, our and competitors' relationships and their analyses (see `pcrm.core.areas`)."""

from __future__ import annotations

from pcrm.core.areas import Area, NavEntry
from pcrm.core.history import EntityLabels, HistoryLabels
from pcrm.core.i18n import N_
from pcrm.relationships import models, routes_api, routes_html
from pcrm.relationships.vocab import LABELS

AREA = Area(
    name="relationships",
    summary="The people-relationship line: profiles, influence, who knows whom, competitors.",
    demo="relationships",
    api=(routes_api.router,),
    pages=(routes_html.router,),
    models=(models,),
    nav=(NavEntry("relationships", N_("Relationships"), "network", "/relationships", order=50),),
    history=HistoryLabels(
        entities={
            "profile_entry": EntityLabels(N_("Profile")),
            "influence": EntityLabels(N_("Influence")),
            "dotted_line": EntityLabels(N_("Dotted-line reporting")),
            "acquaintance": EntityLabels(N_("Our relationship"), {"user_id": N_("Our colleague")}),
            "competitor": EntityLabels(
                N_("Competitor"), {"name": N_("Competitor name")}, link="/competitors/{id}"
            ),
            "competitor_tie": EntityLabels(N_("Competitor relationship")),
        },
        fields={
            "contact_id": N_("Contact"),
            "behaviour": N_("Behaviour orientation"),
            "relationship_status": N_("Relationship status"),
            "interaction_level": N_("Interaction level"),
            "effective_on": N_("As of"),
            "note": N_("Note"),
            "from_contact_id": N_("From"),
            "to_contact_id": N_("To"),
            "strength": N_("Strength"),
            "manager_id": N_("Dotted-line manager"),
            "closeness": N_("Closeness"),
            "kind": N_("Kind"),
            "since": N_("Since"),
            "competitor_id": N_("Competitor"),
            "website": N_("Website"),
            "strengths": N_("Strengths"),
            "weaknesses": N_("Weaknesses"),
            "source": N_("Source"),
        },
        vocabularies={
            vocabulary: {value: texts[0] for value, texts in labels.items()}
            for vocabulary, labels in LABELS.items()
        },
    ),
)

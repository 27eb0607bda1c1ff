"""The relationships area's declaration: the people-relationship line (人脉线) of profiles,
influence, our and competitors' relationships and their analyses (see `pcrm.core.areas`)."""

from __future__ import annotations

from pcrm.core.areas import Area, NavEntry
from pcrm.core.history import EntityLabels, HistoryLabels
from pcrm.core.i18n import N_
from pcrm.core.search import SearchKind
from pcrm.relationships.closeness import routes_api as closeness_api
from pcrm.relationships.closeness import routes_html as closeness_pages
from pcrm.relationships.competitors import models as competitor_models
from pcrm.relationships.competitors import routes_api as competitor_api
from pcrm.relationships.competitors import routes_html as competitor_pages
from pcrm.relationships.competitors import service as competitors
from pcrm.relationships.competitors.service import competitor_references
from pcrm.relationships.graph import models as graph_models
from pcrm.relationships.graph import routes_api as graph_api
from pcrm.relationships.graph import routes_html as graph_pages
from pcrm.relationships.vocab import LABELS

AREA = Area(
    name="relationships",
    summary="The people-relationship line: profiles, influence, who knows whom, competitors.",
    demo="relationships",
    search=(SearchKind("competitor", N_("Competitors"), competitors.find_competitors),),
    api=(graph_api.router, competitor_api.router, closeness_api.router),
    pages=(graph_pages.router, competitor_pages.router, closeness_pages.router),
    models=(graph_models, competitor_models),
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
        resolvers={"competitor": competitor_references},
    ),
)

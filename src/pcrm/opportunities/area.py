"""The opportunities area's declaration: the current-opportunity and project-history lines
(当前项目线, 项目历史线): pipeline, tenders and bids, decision chains, documents and insights
(see `pcrm.core.areas`)."""

from __future__ import annotations

from pcrm.core.areas import Area, NavEntry
from pcrm.core.history import EntityLabels, HistoryLabels
from pcrm.core.i18n import N_, currency_name
from pcrm.core.search import SearchKind
from pcrm.opportunities.chain import models as chain_models
from pcrm.opportunities.chain import routes_api as chain_api
from pcrm.opportunities.chain import routes_html as chain_pages
from pcrm.opportunities.documents import routes_api as documents_api
from pcrm.opportunities.documents import routes_html as documents_pages
from pcrm.opportunities.handover import routes_api as handover_api
from pcrm.opportunities.insights import routes_api as insights_api
from pcrm.opportunities.insights import routes_html as insights_pages
from pcrm.opportunities.pipeline import models as pipeline_models
from pcrm.opportunities.pipeline import routes_api as pipeline_api
from pcrm.opportunities.pipeline import routes_html as pipeline_pages
from pcrm.opportunities.pipeline import service as pipeline
from pcrm.opportunities.references import service as references
from pcrm.opportunities.review import models as review_models
from pcrm.opportunities.review import routes_api as review_api
from pcrm.opportunities.tender import models as tender_models
from pcrm.opportunities.tender import routes_api as tender_api
from pcrm.opportunities.tender import routes_html as tender_pages
from pcrm.opportunities.vocab import LABELS, DocumentKind, ReviewReason, Trigger

AREA = Area(
    name="opportunities",
    summary="Opportunities and tenders: pipeline, bids, decision chains, project history.",
    demo="opportunities",
    search=(SearchKind("opportunity", N_("Opportunities"), pipeline.find_opportunities),),
    api=(
        pipeline_api.router,
        review_api.router,
        tender_api.router,
        chain_api.router,
        documents_api.router,
        handover_api.router,
        insights_api.router,
    ),
    pages=(
        documents_pages.router,
        pipeline_pages.router,
        tender_pages.router,
        chain_pages.router,
        insights_pages.router,
    ),
    models=(pipeline_models, review_models, tender_models, chain_models),
    nav=(NavEntry("opportunities", N_("Opportunities"), "target", "/opportunities", order=60),),
    history=HistoryLabels(
        entities={
            "opportunity": EntityLabels(
                N_("Opportunity"),
                {"name": N_("Opportunity name"), "triggers": N_("Triggering conditions")},
                link="/opportunities/{id}",
                vocabularies={"triggers": Trigger},
            ),
            "opportunity_team_member": EntityLabels(
                N_("Opportunity team"), {"user_id": N_("Team member"), "role": N_("Team role")}
            ),
            "opportunity_relation": EntityLabels(
                N_("Related opportunity"), {"kind": N_("Relation")}
            ),
            "tender": EntityLabels(N_("Tender")),
            "scoring_item": EntityLabels(
                N_("Scoring item"),
                {
                    "name": N_("Scoring item"),
                    "parent_id": N_("Part of"),
                    "position": N_("Position in the sheet"),
                },
            ),
            "vendor_score": EntityLabels(N_("Estimated score")),
            "opportunity_vendor": EntityLabels(N_("Participating vendor")),
            "quote_round": EntityLabels(N_("Quote round")),
            "quote": EntityLabels(N_("Quote")),
            "decision_chain_member": EntityLabels(N_("Decision chain")),
            # documents are files in pcrm.files now; their entries from before still read well
            "opportunity_document": EntityLabels(
                N_("Document"),
                {
                    "kind": N_("Document kind"),
                    "content_type": N_("File type"),
                    "size": N_("File size"),
                    "sha256": N_("Checksum (SHA-256)"),
                },
                vocabularies={"kind": DocumentKind},
            ),
            "win_loss_review": EntityLabels(
                N_("Win/loss review"),
                {"reasons": N_("Main reasons")},
                vocabularies={"reasons": ReviewReason},
            ),
        },
        fields={
            "account_id": N_("Account"),
            "owner_id": N_("Owner"),
            "stage": N_("Stage"),
            "probability": N_("Probability"),
            "probability_overridden": N_("Probability set by hand"),
            "expected_close_on": N_("Expected close"),
            "project_type": N_("Project type"),
            "trigger_note": N_("Triggering conditions (details)"),
            "budget_amount": N_("Budget"),
            "awarded_amount": N_("Awarded amount"),
            "currency": N_("Currency"),
            "source": N_("Source"),
            "no_tender_reason": N_("Why no tender"),
            "description": N_("Description"),
            "closed_on": N_("Closed on"),
            "opportunity_id": N_("Opportunity"),
            "tender_id": N_("Tender"),
            "round_id": N_("Quote round"),
            "uploaded_by_id": N_("Uploaded by"),
            "status": N_("Status"),
            "note": N_("Note"),
            "earlier_id": N_("Earlier opportunity"),
            "method": N_("Tender method"),
            "evaluation_method": N_("Evaluation method"),
            "price_formula": N_("Price score rule"),
            "benchmark_discount": N_("Benchmark discount (%)"),
            "deduct_above": N_("Points lost per 1% above"),
            "deduct_below": N_("Points lost per 1% below"),
            "agency": N_("Tender agency"),
            "bid_bond": N_("Bid bond"),
            "rfp_published_on": N_("RFP published"),
            "qa_deadline": N_("Q&A deadline"),
            "site_visit_at": N_("Site visit"),
            "submission_deadline": N_("Bid submission deadline"),
            "opening_at": N_("Bid opening"),
            "award_announced_on": N_("Award announced"),
            "contract_signed_on": N_("Contract signed"),
            "competitor_id": N_("Competitor"),
            "number": N_("Round"),
            "quoted_on": N_("Date"),
            "amount": N_("Amount"),
            "weight": N_("Weight"),
            "is_price": N_("Price item"),
            "score": N_("Score"),
            "scoring_item_id": N_("Scoring item"),
            "vendor_id": N_("Vendor"),
            "contact_id": N_("Contact"),
            "decision_role": N_("Decision role"),
            "relationship_status": N_("Relationship status"),
            "interaction_level": N_("Interaction level"),
            "stance": N_("Stance"),
            "favoured_competitor_id": N_("Favoured competitor"),
            "filename": N_("File"),
            "outcome": N_("Outcome"),
            "reason_note": N_("Reasons (details)"),
            "what_worked": N_("What worked"),
            "what_to_change": N_("What to change"),
            "winner_competitor_id": N_("Winner"),
            "winning_price": N_("Winning price"),
        },
        vocabularies=LABELS,
        resolvers={
            "opportunity": references.opportunity_references,
            "tender": references.tender_references,
            "quote_round": references.quote_round_references,
            "opportunity_vendor": references.vendor_references,
            "scoring_item": references.scoring_item_references,
        },
        money=frozenset({"budget_amount", "awarded_amount", "amount", "bid_bond", "winning_price"}),
        formats={"currency": currency_name},
    ),
)

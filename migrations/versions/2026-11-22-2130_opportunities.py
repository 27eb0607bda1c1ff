"""Opportunities, tenders, vendors, quote rounds, decision chain, documents, reviews.

Revision ID: 6d8521506372
Revises: 4b1d5e7a9c20
Create Date: 2026-11-22 20:13:00.571505
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "6d8521506372"
down_revision: str | None = "4b1d5e7a9c20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "opportunities",
        sa.Column(
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("owner_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "stage",
            sa.Enum(
                "potential",
                "bidding",
                "execution",
                "delivered",
                "lost",
                "abandoned",
                name="opportunity_stage",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("probability", sa.Integer(), nullable=False),
        sa.Column("probability_overridden", sa.Boolean(), nullable=False),
        sa.Column("expected_close_on", sa.Date(), nullable=True),
        sa.Column(
            "project_type",
            sa.Enum(
                "new",
                "phase_2",
                "upgrade",
                "operations",
                name="project_type",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("triggers", sa.JSON(), nullable=False),
        sa.Column("trigger_note", sa.String(length=500), nullable=True),
        sa.Column("budget_amount", sa.Numeric(precision=18, scale=2), nullable=True),
        sa.Column("awarded_amount", sa.Numeric(precision=18, scale=2), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "existing_customer",
                "referral",
                "tender_notice",
                "event",
                "partner",
                "inbound",
                "other",
                name="opportunity_source",
                native_enum=False,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("no_tender_reason", sa.String(length=500), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "awarded_amount IS NULL OR awarded_amount >= 0",
            name=op.f("ck_opportunities_awarded_positive"),
        ),
        sa.CheckConstraint(
            "budget_amount IS NULL OR budget_amount >= 0",
            name=op.f("ck_opportunities_budget_positive"),
        ),
        sa.CheckConstraint(
            "probability BETWEEN 0 AND 100", name=op.f("ck_opportunities_probability_range")
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_opportunities_account_id_accounts"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_opportunities_owner_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_opportunities_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunities")),
    )
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.create_index(
            "ix_opportunities_account", ["workspace_id", "account_id", "created_at"], unique=False
        )
        batch_op.create_index(
            "ix_opportunities_list_updated",
            ["workspace_id", "archived_at", "updated_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_opportunities_totals",
            ["workspace_id", "archived_at", "stage", "budget_amount", "probability"],
            unique=False,
        )
        batch_op.create_index(
            "ix_opportunities_name", ["workspace_id", "archived_at", "name"], unique=False
        )
        batch_op.create_index(
            "ix_opportunities_owner",
            ["workspace_id", "owner_id", "archived_at", "stage"],
            unique=False,
        )
        batch_op.create_index(
            "ix_opportunities_stage",
            ["workspace_id", "archived_at", "stage", "expected_close_on"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_opportunities_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "decision_chain_members",
        sa.Column(
            "opportunity_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "contact_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "decision_role",
            sa.Enum(
                "decision_maker",
                "technical_evaluator",
                "business_evaluator",
                "user",
                "influencer",
                "gatekeeper",
                "coach",
                name="decision_role",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "relationship_status",
            sa.Enum(
                "supporter",
                "neutral",
                "opponent",
                "unknown",
                name="relationship_status",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "interaction_level",
            sa.Enum(
                "none",
                "occasional",
                "regular",
                "frequent",
                name="interaction_level",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "stance",
            sa.Enum(
                "favours_us",
                "neutral",
                "favours_competitor",
                "unknown",
                name="stance",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "favoured_competitor_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_decision_chain_members_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["favoured_competitor_id"],
            ["competitors.id"],
            name=op.f("fk_decision_chain_members_favoured_competitor_id_competitors"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_decision_chain_members_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_decision_chain_members_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_chain_members")),
        sa.UniqueConstraint(
            "opportunity_id",
            "contact_id",
            name=op.f("uq_decision_chain_members_opportunity_id_contact_id"),
        ),
    )
    with op.batch_alter_table("decision_chain_members", schema=None) as batch_op:
        batch_op.create_index(
            "ix_decision_chain_members_contact", ["workspace_id", "contact_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_decision_chain_members_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "opportunity_documents",
        sa.Column(
            "opportunity_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "kind",
            sa.Enum(
                "rfp",
                "qa",
                "proposal",
                "pitch",
                "contract",
                "other",
                name="document_kind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=200), nullable=False),
        sa.Column(
            "uploaded_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_opportunity_documents_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["users.id"],
            name=op.f("fk_opportunity_documents_uploaded_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_opportunity_documents_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunity_documents")),
    )
    with op.batch_alter_table("opportunity_documents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_opportunity_documents_opportunity",
            ["workspace_id", "opportunity_id", "kind"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_opportunity_documents_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "opportunity_relations",
        sa.Column(
            "opportunity_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "earlier_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "kind",
            sa.Enum(
                "phase_2_of",
                "landing_of",
                "replacement_of",
                "follow_on_of",
                name="opportunity_relation_kind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "opportunity_id <> earlier_id", name=op.f("ck_opportunity_relations_no_self")
        ),
        sa.ForeignKeyConstraint(
            ["earlier_id"],
            ["opportunities.id"],
            name=op.f("fk_opportunity_relations_earlier_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_opportunity_relations_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_opportunity_relations_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunity_relations")),
        sa.UniqueConstraint(
            "opportunity_id",
            "earlier_id",
            name=op.f("uq_opportunity_relations_opportunity_id_earlier_id"),
        ),
    )
    with op.batch_alter_table("opportunity_relations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_opportunity_relations_earlier", ["workspace_id", "earlier_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_opportunity_relations_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "opportunity_team_members",
        sa.Column(
            "opportunity_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "sales",
                "presales",
                "bid_manager",
                "delivery",
                "executive",
                name="opportunity_role",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_opportunity_team_members_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_opportunity_team_members_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_opportunity_team_members_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunity_team_members")),
        sa.UniqueConstraint(
            "opportunity_id",
            "user_id",
            name=op.f("uq_opportunity_team_members_opportunity_id_user_id"),
        ),
    )
    with op.batch_alter_table("opportunity_team_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_opportunity_team_members_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "opportunity_vendors",
        sa.Column(
            "opportunity_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "competitor_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "status",
            sa.Enum(
                "bidding",
                "withdrew",
                "disqualified",
                "won",
                "lost",
                name="vendor_status",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("notes", sa.String(length=1000), nullable=True),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["competitor_id"],
            ["competitors.id"],
            name=op.f("fk_opportunity_vendors_competitor_id_competitors"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_opportunity_vendors_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_opportunity_vendors_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunity_vendors")),
        sa.UniqueConstraint(
            "opportunity_id",
            "competitor_id",
            name=op.f("uq_opportunity_vendors_opportunity_id_competitor_id"),
        ),
    )
    with op.batch_alter_table("opportunity_vendors", schema=None) as batch_op:
        batch_op.create_index(
            "ix_opportunity_vendors_competitor", ["workspace_id", "competitor_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_opportunity_vendors_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "quote_rounds",
        sa.Column(
            "opportunity_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("quoted_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_quote_rounds_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_quote_rounds_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quote_rounds")),
        sa.UniqueConstraint(
            "opportunity_id", "number", name=op.f("uq_quote_rounds_opportunity_id_number")
        ),
    )
    with op.batch_alter_table("quote_rounds", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_quote_rounds_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "tenders",
        sa.Column(
            "opportunity_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "method",
            sa.Enum(
                "open",
                "invited",
                "negotiation",
                "consultation",
                "inquiry",
                "single_source",
                name="tender_method",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "evaluation_method",
            sa.Enum(
                "lowest_price", "weighted", name="evaluation_method", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column(
            "price_formula",
            sa.Enum(
                "lowest_ratio",
                "average_deviation",
                name="price_formula",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("benchmark_discount", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("deduct_above", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("deduct_below", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("agency", sa.String(length=200), nullable=True),
        sa.Column("bid_bond", sa.Numeric(precision=18, scale=2), nullable=True),
        sa.Column("rfp_published_on", sa.Date(), nullable=True),
        sa.Column("qa_deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("site_visit_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("submission_deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("opening_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("award_announced_on", sa.Date(), nullable=True),
        sa.Column("contract_signed_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "bid_bond IS NULL OR bid_bond >= 0", name=op.f("ck_tenders_bond_positive")
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_tenders_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_tenders_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tenders")),
        sa.UniqueConstraint("opportunity_id", name=op.f("uq_tenders_opportunity_id")),
    )
    with op.batch_alter_table("tenders", schema=None) as batch_op:
        batch_op.create_index(
            "ix_tenders_submission", ["workspace_id", "submission_deadline"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_tenders_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "win_loss_reviews",
        sa.Column(
            "opportunity_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "outcome",
            sa.Enum(
                "won", "lost", "abandoned", name="review_outcome", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("reason_note", sa.Text(), nullable=True),
        sa.Column("what_worked", sa.Text(), nullable=True),
        sa.Column("what_to_change", sa.Text(), nullable=True),
        sa.Column(
            "winner_competitor_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("winning_price", sa.Numeric(precision=18, scale=2), nullable=True),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "winning_price IS NULL OR winning_price > 0",
            name=op.f("ck_win_loss_reviews_price_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_win_loss_reviews_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["winner_competitor_id"],
            ["competitors.id"],
            name=op.f("fk_win_loss_reviews_winner_competitor_id_competitors"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_win_loss_reviews_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_win_loss_reviews")),
        sa.UniqueConstraint("opportunity_id", name=op.f("uq_win_loss_reviews_opportunity_id")),
    )
    with op.batch_alter_table("win_loss_reviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_win_loss_reviews_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "quotes",
        sa.Column("round_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "vendor_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("amount", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_quotes_amount_positive")),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["quote_rounds.id"],
            name=op.f("fk_quotes_round_id_quote_rounds"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["opportunity_vendors.id"],
            name=op.f("fk_quotes_vendor_id_opportunity_vendors"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_quotes_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotes")),
        sa.UniqueConstraint("round_id", "vendor_id", name=op.f("uq_quotes_round_id_vendor_id")),
    )
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.create_index("ix_quotes_vendor", ["workspace_id", "vendor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_quotes_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "scoring_items",
        sa.Column(
            "tender_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("parent_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("weight", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("is_price", sa.Boolean(), nullable=False),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "weight > 0 AND weight <= 100", name=op.f("ck_scoring_items_weight_range")
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["scoring_items.id"],
            name=op.f("fk_scoring_items_parent_id_scoring_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tender_id"],
            ["tenders.id"],
            name=op.f("fk_scoring_items_tender_id_tenders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_scoring_items_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scoring_items")),
    )
    with op.batch_alter_table("scoring_items", schema=None) as batch_op:
        batch_op.create_index(
            "ix_scoring_items_tender", ["workspace_id", "tender_id", "position"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_scoring_items_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "vendor_scores",
        sa.Column(
            "vendor_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "scoring_item_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("score", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("score >= 0", name=op.f("ck_vendor_scores_score_positive")),
        sa.ForeignKeyConstraint(
            ["scoring_item_id"],
            ["scoring_items.id"],
            name=op.f("fk_vendor_scores_scoring_item_id_scoring_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["opportunity_vendors.id"],
            name=op.f("fk_vendor_scores_vendor_id_opportunity_vendors"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_vendor_scores_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vendor_scores")),
        sa.UniqueConstraint(
            "vendor_id", "scoring_item_id", name=op.f("uq_vendor_scores_vendor_id_scoring_item_id")
        ),
    )
    with op.batch_alter_table("vendor_scores", schema=None) as batch_op:
        batch_op.create_index(
            "ix_vendor_scores_item", ["workspace_id", "scoring_item_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_vendor_scores_workspace_id"), ["workspace_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("vendor_scores", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vendor_scores_workspace_id"))
        batch_op.drop_index("ix_vendor_scores_item")

    op.drop_table("vendor_scores")
    with op.batch_alter_table("scoring_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scoring_items_workspace_id"))
        batch_op.drop_index("ix_scoring_items_tender")

    op.drop_table("scoring_items")
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quotes_workspace_id"))
        batch_op.drop_index("ix_quotes_vendor")

    op.drop_table("quotes")
    with op.batch_alter_table("win_loss_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_win_loss_reviews_workspace_id"))

    op.drop_table("win_loss_reviews")
    with op.batch_alter_table("tenders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tenders_workspace_id"))
        batch_op.drop_index("ix_tenders_submission")

    op.drop_table("tenders")
    with op.batch_alter_table("quote_rounds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quote_rounds_workspace_id"))

    op.drop_table("quote_rounds")
    with op.batch_alter_table("opportunity_vendors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opportunity_vendors_workspace_id"))
        batch_op.drop_index("ix_opportunity_vendors_competitor")

    op.drop_table("opportunity_vendors")
    with op.batch_alter_table("opportunity_team_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opportunity_team_members_workspace_id"))

    op.drop_table("opportunity_team_members")
    with op.batch_alter_table("opportunity_relations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opportunity_relations_workspace_id"))
        batch_op.drop_index("ix_opportunity_relations_earlier")

    op.drop_table("opportunity_relations")
    with op.batch_alter_table("opportunity_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opportunity_documents_workspace_id"))
        batch_op.drop_index("ix_opportunity_documents_opportunity")

    op.drop_table("opportunity_documents")
    with op.batch_alter_table("decision_chain_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decision_chain_members_workspace_id"))
        batch_op.drop_index("ix_decision_chain_members_contact")

    op.drop_table("decision_chain_members")
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opportunities_workspace_id"))
        batch_op.drop_index("ix_opportunities_stage")
        batch_op.drop_index("ix_opportunities_owner")
        batch_op.drop_index("ix_opportunities_name")
        batch_op.drop_index("ix_opportunities_totals")
        batch_op.drop_index("ix_opportunities_list_updated")
        batch_op.drop_index("ix_opportunities_account")

    op.drop_table("opportunities")

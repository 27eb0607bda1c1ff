"""Rules of the tender (招标信息) and the bid: the scoring sheet and its weights, key-date
reminders, participating vendors, estimated scores, quote rounds and the bid sheet with its
"what if we quote ¥X" simulation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pcrm.core.db import utcnow
from pcrm.core.errors import FieldError, NotFound, ValidationFailed, field_error
from pcrm.core.etag import check_version
from pcrm.core.i18n import N_, translate
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Permission, Principal
from pcrm.notifications.public import ReminderPlan, replace_reminders
from pcrm.opportunities.pipeline import repository as pipeline_repo
from pcrm.opportunities.pipeline.models import Opportunity
from pcrm.opportunities.tender import pricing
from pcrm.opportunities.tender import repository as repo
from pcrm.opportunities.tender.models import (
    Quote,
    QuoteRound,
    ScoringItem,
    Tender,
    Vendor,
    VendorScore,
)
from pcrm.opportunities.tender.schemas import (
    BidSheet,
    QuoteRead,
    QuoteRoundCreate,
    QuoteRoundRead,
    ScoreGrid,
    ScoresWrite,
    ScoringItemRead,
    ScoringItemWrite,
    TenderRead,
    TenderWrite,
    VendorCreate,
    VendorRead,
    VendorUpdate,
)
from pcrm.opportunities.vocab import CLOSED_STAGES, EvaluationMethod
from pcrm.relationships.public import competitor_names

HUNDRED = Decimal(100)
# Key dates that remind the owner and the team, and how long before.
KEY_DATES: tuple[tuple[str, str], ...] = (
    ("qa_deadline", N_("Q&A deadline")),
    ("site_visit_at", N_("Site visit")),
    ("submission_deadline", N_("Bid submission deadline")),
    ("opening_at", N_("Bid opening")),
)
REMIND_BEFORE = timedelta(days=2)


def _open(db: Session, principal: Principal, opportunity_id: int) -> Opportunity:
    """The opportunity, for a change to its bid: refused once closed."""
    principal.require(Permission.WRITE_TENDERS)
    opportunity = pipeline_repo.opportunity(db, principal.scope, opportunity_id)
    if opportunity.stage in CLOSED_STAGES:
        raise field_error("opportunity", N_("This opportunity is closed; its bid is history."))
    return opportunity


# --- tender and scoring sheet ----------------------------------------------------------------


def _sheet_errors(data: TenderWrite) -> list[FieldError]:
    items = data.scoring_items
    if data.evaluation_method is EvaluationMethod.LOWEST_PRICE:
        if items:
            return [
                FieldError("scoring_items", N_("Lowest-price evaluation has no scoring items."))
            ]
        return []
    errors: list[FieldError] = []
    if not items:
        return [FieldError("scoring_items", N_("Weighted scoring needs its scoring items."))]
    if sum((i.weight for i in items), Decimal(0)) != HUNDRED:
        errors.append(
            FieldError("scoring_items", N_("The weights of the scoring items must add up to 100."))
        )
    prices = [i for i in items if i.is_price]
    if len(prices) != 1:
        errors.append(
            FieldError("scoring_items", N_("Exactly one scoring item must be the price."))
        )
    names = [i.name for i in items]
    if len(set(names)) != len(names):
        errors.append(FieldError("scoring_items", N_("Each scoring item needs its own name.")))
    for n, item in enumerate(items):
        if item.is_price and item.sub_items:
            errors.append(
                FieldError(f"scoring_items.{n}.sub_items", N_("The price item has no sub-items."))
            )
        if item.sub_items and sum((s.weight for s in item.sub_items), Decimal(0)) != item.weight:
            errors.append(
                FieldError(
                    f"scoring_items.{n}.sub_items",
                    N_("The weights of the sub-items must add up to the item's weight."),
                )
            )
    return errors


DATE_ORDER: tuple[tuple[str, str], ...] = (
    ("rfp_published_on", "qa_deadline"),
    ("qa_deadline", "submission_deadline"),
    ("rfp_published_on", "submission_deadline"),
    ("submission_deadline", "opening_at"),
    ("opening_at", "award_announced_on"),
    ("rfp_published_on", "award_announced_on"),
    ("award_announced_on", "contract_signed_on"),
)


def _date_errors(data: TenderWrite, principal: Principal) -> list[FieldError]:
    """Key dates in order (RFP ≤ Q&A ≤ submission ≤ opening ≤ award ≤ contract); a date
    without a time counts from the start of its day in the workspace's time zone."""
    zone = ZoneInfo(principal.timezone)

    def as_datetime(value: object) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=zone)
        return datetime.combine(value, datetime.min.time(), tzinfo=zone)  # type: ignore[arg-type]

    errors = []
    seen: set[str] = set()
    for earlier, later in DATE_ORDER:
        first, second = as_datetime(getattr(data, earlier)), as_datetime(getattr(data, later))
        if first is not None and second is not None and second < first and later not in seen:
            seen.add(later)
            errors.append(FieldError(later, N_("This date comes before an earlier key date.")))
    return errors


def write_tender(
    db: Session,
    principal: Principal,
    opportunity_id: int,
    data: TenderWrite,
    expected_version: int | None = None,
) -> Tender:
    """Create or replace the tender with its scoring sheet. Items given with their `id` keep
    their vendors' estimated scores; items left out lose theirs."""
    opportunity = _open(db, principal, opportunity_id)
    scope = principal.scope
    tender = repo.tender_of(db, scope, opportunity_id)
    if tender is not None:
        check_version(tender.version, expected_version)
    errors = _sheet_errors(data) + _date_errors(data, principal)
    existing = {i.id: i for i in repo.scoring_items(db, scope, [tender.id])} if tender else {}
    given = [
        entry.id
        for item in data.scoring_items
        for entry in (item, *item.sub_items)
        if entry.id is not None
    ]
    if any(item_id not in existing for item_id in given) or len(set(given)) != len(given):
        errors.append(FieldError("scoring_items", N_("Unknown scoring item.")))
    if errors:
        raise ValidationFailed(errors)
    values = data.model_dump(exclude={"scoring_items"})
    if tender is None:
        tender = Tender(workspace_id=scope.workspace_id, opportunity_id=opportunity_id, **values)
        db.add(tender)
        db.flush()
    else:
        for key, value in values.items():
            setattr(tender, key, value)
    _write_sheet(db, scope, tender, data.scoring_items, existing)
    _ensure_us(db, scope, opportunity_id)
    _schedule_reminders(db, principal, opportunity, tender)
    db.flush()
    return tender


def _write_sheet(
    db: Session,
    scope: WorkspaceScope,
    tender: Tender,
    items: Sequence[ScoringItemWrite],
    existing: dict[int, ScoringItem],
) -> None:
    kept: set[int] = set()
    position = 0

    def put(
        parent_id: int | None, item_id: int | None, name: str, weight: Decimal, is_price: bool
    ) -> ScoringItem:
        nonlocal position
        position += 1
        row = existing.get(item_id) if item_id is not None else None
        if row is None:
            row = ScoringItem(workspace_id=scope.workspace_id, tender_id=tender.id)
            db.add(row)
        row.parent_id, row.position, row.name = parent_id, position, name
        row.weight, row.is_price = weight, is_price
        db.flush()
        kept.add(row.id)
        return row

    for item in items:
        parent = put(None, item.id, item.name, item.weight, item.is_price)
        for sub in item.sub_items:
            put(parent.id, sub.id, sub.name, sub.weight, False)
    dropped = [row for item_id, row in existing.items() if item_id not in kept]
    for row in sorted(dropped, key=lambda r: r.parent_id is None):  # sub-items first
        db.delete(row)
        db.flush()


def _schedule_reminders(
    db: Session, principal: Principal, opportunity: Opportunity, tender: Tender
) -> None:
    """Remind the owner and the team two days before each upcoming key date; dates that moved
    move their open reminders."""
    scope = principal.scope
    people = {opportunity.owner_id} | {
        m.user_id for m in pipeline_repo.team(db, scope, opportunity.id)
    }
    people.discard(None)
    now = utcnow()
    locale = principal.locale or "zh_CN"
    link = f"/opportunities/{opportunity.id}/bid"
    plans = []
    for field, label in KEY_DATES:
        when: datetime | None = getattr(tender, field)
        if when is None or when <= now:
            continue
        due = max(when - REMIND_BEFORE, now)
        title = f"{translate(locale, label)} · {opportunity.name}"
        plans += [
            ReminderPlan(user, due, title, link)
            for user in sorted(p for p in people if p is not None)
        ]
    replace_reminders(db, scope, "tender", tender.id, plans)


def _item_reads(items: Sequence[ScoringItem]) -> list[ScoringItemRead]:
    tops = [i for i in items if i.parent_id is None]
    return [
        ScoringItemRead(
            id=top.id,
            name=top.name,
            weight=top.weight,
            is_price=top.is_price,
            sub_items=[
                ScoringItemRead(id=s.id, name=s.name, weight=s.weight, is_price=False)
                for s in items
                if s.parent_id == top.id
            ],
        )
        for top in tops
    ]


def read_tender(db: Session, principal: Principal, opportunity_id: int) -> TenderRead | None:
    principal.require(Permission.READ)
    scope = principal.scope
    pipeline_repo.opportunity(db, scope, opportunity_id)
    tender = repo.tender_of(db, scope, opportunity_id)
    return None if tender is None else tender_read(db, scope, tender)


def tender_read(db: Session, scope: WorkspaceScope, tender: Tender) -> TenderRead:
    items = repo.scoring_items(db, scope, [tender.id])
    return TenderRead.model_validate(
        {
            **{k: getattr(tender, k) for k in TenderRead.model_fields if k != "scoring_items"},
            "scoring_items": _item_reads(items),
        }
    )


# --- vendors ----------------------------------------------------------------------------------


def _ensure_us(db: Session, scope: WorkspaceScope, opportunity_id: int) -> Vendor:
    us = repo.our_vendor(db, scope, opportunity_id)
    if us is None:
        us = Vendor(workspace_id=scope.workspace_id, opportunity_id=opportunity_id)
        db.add(us)
        db.flush()
    return us


def vendor_reads(db: Session, principal: Principal, opportunity_id: int) -> list[VendorRead]:
    principal.require(Permission.READ)
    scope = principal.scope
    pipeline_repo.opportunity(db, scope, opportunity_id)
    rows = repo.vendors(db, scope, opportunity_id)
    return _vendor_reads(db, principal, rows)


def _vendor_reads(db: Session, principal: Principal, rows: Sequence[Vendor]) -> list[VendorRead]:
    names = competitor_names(
        db, principal.scope, {v.competitor_id for v in rows if v.competitor_id is not None}
    )
    return [
        VendorRead(
            id=v.id,
            competitor_id=v.competitor_id,
            name=names.get(v.competitor_id, "") if v.competitor_id else principal.workspace_name,
            is_us=v.competitor_id is None,
            status=v.status,
            notes=v.notes,
            version=v.version,
        )
        for v in rows
    ]


def add_vendor(
    db: Session, principal: Principal, opportunity_id: int, data: VendorCreate
) -> VendorRead:
    _open(db, principal, opportunity_id)
    scope = principal.scope
    if not competitor_names(db, scope, {data.competitor_id}):
        raise field_error("competitor_id", N_("Choose a competitor of this workspace."))
    _ensure_us(db, scope, opportunity_id)
    if any(v.competitor_id == data.competitor_id for v in repo.vendors(db, scope, opportunity_id)):
        raise field_error(
            "competitor_id", N_("This competitor is already on the opportunity."), "unique"
        )
    vendor = Vendor(
        workspace_id=scope.workspace_id, opportunity_id=opportunity_id, **data.model_dump()
    )
    db.add(vendor)
    try:
        db.flush()
    except IntegrityError as exc:  # a concurrent add of the same competitor
        raise field_error(
            "competitor_id", N_("This competitor is already on the opportunity."), "unique"
        ) from exc
    return _vendor_reads(db, principal, [vendor])[0]


def _vendor_of(db: Session, principal: Principal, opportunity_id: int, vendor_id: int) -> Vendor:
    vendor = repo.vendor(db, principal.scope, vendor_id)
    if vendor.opportunity_id != opportunity_id:
        raise NotFound()
    return vendor


def update_vendor(
    db: Session,
    principal: Principal,
    opportunity_id: int,
    vendor_id: int,
    data: VendorUpdate,
    expected_version: int | None = None,
) -> VendorRead:
    _open(db, principal, opportunity_id)
    vendor = _vendor_of(db, principal, opportunity_id, vendor_id)
    check_version(vendor.version, expected_version)
    for key, value in data.model_dump(exclude_unset=True).items():
        if key != "status" or value is not None:
            setattr(vendor, key, value)
    db.flush()
    return _vendor_reads(db, principal, [vendor])[0]


def remove_vendor(
    db: Session,
    principal: Principal,
    opportunity_id: int,
    vendor_id: int,
    *,
    expected: int | None = None,
) -> None:
    _open(db, principal, opportunity_id)
    vendor = _vendor_of(db, principal, opportunity_id, vendor_id)
    check_version(vendor.version, expected)
    if vendor.competitor_id is None:
        raise field_error("vendor_id", N_("We stay on our own opportunity."))
    rounds = repo.rounds(db, principal.scope, opportunity_id)
    if any(
        q.vendor_id == vendor.id for q in repo.quotes(db, principal.scope, [r.id for r in rounds])
    ):
        raise field_error(
            "vendor_id", N_("This vendor has quotes on record; mark it withdrawn instead.")
        )
    db.delete(vendor)
    db.flush()


def set_scores(
    db: Session, principal: Principal, opportunity_id: int, vendor_id: int, data: ScoresWrite
) -> None:
    """Replace a vendor's estimated scores. Each is for a scoring item without sub-items that
    is not the price, and at most the item's weight."""
    _open(db, principal, opportunity_id)
    scope = principal.scope
    vendor = _vendor_of(db, principal, opportunity_id, vendor_id)
    tender = repo.tender_of(db, scope, opportunity_id)
    if tender is None or tender.evaluation_method is not EvaluationMethod.WEIGHTED:
        raise field_error("scores", N_("Only a weighted-scoring tender has scores."))
    items = {i.id: i for i in repo.scoring_items(db, scope, [tender.id])}
    parents = {i.parent_id for i in items.values() if i.parent_id is not None}
    errors = []
    for item_id, score in data.scores.items():
        item = items.get(item_id)
        if item is None or item.is_price or item_id in parents:
            errors.append(
                FieldError(
                    f"scores.{item_id}",
                    N_("Score the items without sub-items, other than the price."),
                )
            )
        elif score > item.weight:
            errors.append(
                FieldError(f"scores.{item_id}", N_("A score cannot exceed the item's weight."))
            )
    if errors:
        raise ValidationFailed(errors)
    current = {s.scoring_item_id: s for s in repo.vendor_scores(db, scope, [vendor.id])}
    for item_id, row in current.items():
        if item_id not in data.scores:
            db.delete(row)
    for item_id, score in data.scores.items():
        if item_id in current:
            current[item_id].score = score
        else:
            db.add(
                VendorScore(
                    workspace_id=scope.workspace_id,
                    vendor_id=vendor.id,
                    scoring_item_id=item_id,
                    score=score,
                )
            )
    db.flush()


def set_grid_scores(
    db: Session, principal: Principal, opportunity_id: int, grid: ScoreGrid
) -> None:
    """Replace several vendors' estimated scores at once (the bid page's grid): every one is
    checked, and the messages of all of them come together, as `vendors.<id>.scores.<item>`;
    the caller's transaction keeps all of them or none."""
    errors: list[FieldError] = []
    for vendor_id, scores in grid.vendors.items():
        try:
            set_scores(db, principal, opportunity_id, vendor_id, scores)
        except ValidationFailed as exc:
            errors += [
                FieldError(f"vendors.{vendor_id}.{e.field}", e.message, e.type) for e in exc.errors
            ]
    if errors:
        raise ValidationFailed(errors)


# --- quote rounds -----------------------------------------------------------------------------


def rounds(db: Session, principal: Principal, opportunity_id: int) -> list[QuoteRoundRead]:
    principal.require(Permission.READ)
    scope = principal.scope
    pipeline_repo.opportunity(db, scope, opportunity_id)
    rows = repo.rounds(db, scope, opportunity_id)
    quotes = repo.quotes(db, scope, [r.id for r in rows])
    return [
        QuoteRoundRead(
            id=r.id,
            number=r.number,
            quoted_on=r.quoted_on,
            note=r.note,
            quotes=[QuoteRead.model_validate(q) for q in quotes if q.round_id == r.id],
        )
        for r in rows
    ]


def submit_quote_round(
    db: Session, principal: Principal, opportunity_id: int, data: QuoteRoundCreate
) -> QuoteRound:
    """Record a round of quotes. Rounds are numbered 1, 2, … without gaps and dated in order;
    each quote is from a vendor of this opportunity, one per vendor."""
    _open(db, principal, opportunity_id)
    scope = principal.scope
    previous = list(repo.rounds(db, scope, opportunity_id))
    number = data.number if data.number is not None else len(previous) + 1
    errors = []
    if number != len(previous) + 1:
        errors.append(
            FieldError("number", N_("Quote rounds are numbered in order: this is the next one."))
        )
    if previous and data.quoted_on < previous[-1].quoted_on:
        errors.append(
            FieldError("quoted_on", N_("A round cannot be dated before the previous round."))
        )
    if data.quoted_on > principal.today():
        errors.append(FieldError("quoted_on", N_("The date cannot be in the future.")))
    vendors = {v.id: v for v in repo.vendors(db, scope, opportunity_id)}
    seen: set[int] = set()
    for n, quote in enumerate(data.quotes):
        if quote.vendor_id not in vendors:
            errors.append(
                FieldError(f"quotes.{n}.vendor_id", N_("Choose a vendor of this opportunity."))
            )
        elif quote.vendor_id in seen:
            errors.append(
                FieldError(f"quotes.{n}.vendor_id", N_("One quote per vendor in a round."))
            )
        seen.add(quote.vendor_id)
    if errors:
        raise ValidationFailed(errors)
    round_ = QuoteRound(
        workspace_id=scope.workspace_id,
        opportunity_id=opportunity_id,
        number=number,
        quoted_on=data.quoted_on,
        note=data.note,
    )
    db.add(round_)
    try:
        db.flush()
    except IntegrityError as exc:  # another user recorded the same round number first
        raise field_error(
            "number", N_("Quote rounds are numbered in order: this is the next one.")
        ) from exc
    for quote in data.quotes:
        db.add(
            Quote(
                workspace_id=scope.workspace_id,
                round_id=round_.id,
                vendor_id=quote.vendor_id,
                amount=quote.amount,
                source=quote.source,
            )
        )
    db.flush()
    return round_


def delete_last_round(
    db: Session, principal: Principal, opportunity_id: int, round_id: int
) -> None:
    """Take back the latest round (a mistake); earlier rounds stay as history."""
    _open(db, principal, opportunity_id)
    scope = principal.scope
    round_ = repo.quote_round(db, scope, round_id)
    if round_.opportunity_id != opportunity_id:
        raise NotFound()
    latest = repo.rounds(db, scope, opportunity_id)[-1]
    if latest.id != round_.id:
        raise field_error("round_id", N_("Only the latest round can be taken back."))
    for quote in repo.quotes(db, scope, [round_.id]):
        db.delete(quote)
    db.delete(round_)
    db.flush()


# --- the bid sheet ----------------------------------------------------------------------------


def bid_sheet(
    db: Session, principal: Principal, opportunity_id: int, try_price: Decimal | None = None
) -> BidSheet:
    """Every vendor's estimated scores, latest quote, price score, total and rank under the
    tender's rule. With `try_price`, our quote is replaced by it: "if we quote ¥X, our price
    score becomes Y and our rank Z" (nothing is written)."""
    principal.require(Permission.READ)
    scope = principal.scope
    pipeline_repo.opportunity(db, scope, opportunity_id)
    tender = repo.tender_of(db, scope, opportunity_id)
    if tender is None:
        raise field_error("tender", N_("This opportunity has no tender yet."))
    if try_price is not None and try_price <= 0:
        raise field_error("try_price", N_("Enter an amount greater than 0."))
    items = list(repo.scoring_items(db, scope, [tender.id]))
    vendors = list(repo.vendors(db, scope, opportunity_id))
    reads = {v.id: v for v in _vendor_reads(db, principal, vendors)}
    scores = repo.vendor_scores(db, scope, [v.id for v in vendors])
    round_rows = repo.rounds(db, scope, opportunity_id)
    latest: dict[int, Decimal] = {}
    for quote in repo.quotes(db, scope, [r.id for r in round_rows]):  # rounds in order
        latest[quote.vendor_id] = quote.amount
    price_item = next((i for i in items if i.is_price), None)
    rule = pricing.rule_of(tender, price_item.weight if price_item is not None else None)
    per_vendor: dict[int, dict[int, Decimal]] = {v.id: {} for v in vendors}
    for s in scores:
        per_vendor.setdefault(s.vendor_id, {})[s.scoring_item_id] = s.score
    return pricing.sheet(
        tender.evaluation_method,
        rule,
        _item_reads(items),
        [reads[v.id] for v in vendors],
        per_vendor,
        latest,
        try_price,
    )

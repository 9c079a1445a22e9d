"""Offers and the pre-employment checks (issue 15 item 6).

- An offer is made to an interviewed candidate, by one of the campaign's employers, with the
  salary, weekly hours and start date. The pay is checked against the Health and Care Worker
  route's threshold for the role's occupation on the start date (`health_and_care_pay_per_year_<SOC>`
  and `..._per_hour_<SOC>` in `portal/data/policy_figures.csv`): below either, the offer is refused
  with the figure quoted. An occupation with no figure on file is allowed, and the page says the
  pay must be checked against the Immigration Rules by hand.
- A repayment clause, if the offer has one, lists each cost with its amount and evidence and a
  monthly plan; what is never recoverable from a worker, interest and cash are refused, quoting
  the Code of Practice.
- "Offered" needs an offer; "Accepted" the candidate's acceptance is recorded by the hub as the move.
- The compliance checklist per role (`campaigns/data/compliance.csv`) is recorded item by item
  with an evidence file (the portal's file checks), the date checked and, for items that expire,
  the expiry date. "CoS assigned" is refused until every item is recorded and none has expired.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from campaigns.models import Application, ApplicationEvent, ComplianceCheck, Offer, RepaymentItem, Stage
from campaigns.roles import job_roles
from portal.files import file_remove, file_store, stored_path
from portal.policy import policy_in_force
from providers.models import Provider
from recruits.documents import document_path
from recruits.models import NEVER_RECOVERABLE, RepaymentCost

COMPLIANCE = Path(__file__).parent / "data" / "compliance.csv"
WEEKS_A_YEAR = Decimal(52)


@dataclass(frozen=True)
class CheckItem:
    code: str
    label: str
    expires: bool


@cache
def _compliance_rows() -> list[dict[str, str]]:
    with COMPLIANCE.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def compliance_items(role: str) -> list[CheckItem]:
    return [
        CheckItem(row["item"], row["label"], row["expires"] == "yes")
        for row in _compliance_rows()
        if row["role"] in ("*", role)
    ]


def checks_directory() -> Path:
    return Path(settings.MEDIA_ROOT) / "compliance-checks"


def check_document_path(check: ComplianceCheck) -> Path:
    """Where the evidence is: once the candidate arrived, the recruit's document it became."""
    if check.document is not None:
        return document_path(check.document)
    return stored_path(checks_directory(), check.stored_name, owner=f"compliance check {check.pk}")


@dataclass(frozen=True)
class PayThreshold:
    per_year: Decimal | None
    per_hour: Decimal | None


def pay_threshold(role: str, *, on: dt.date) -> PayThreshold:
    soc = job_roles()[role].soc_code if role in job_roles() else ""
    year = policy_in_force(f"health_and_care_pay_per_year_{soc}", on=on) if soc else None
    hour = policy_in_force(f"health_and_care_pay_per_hour_{soc}", on=on) if soc else None
    return PayThreshold(
        Decimal(str(year.value)) if year else None,
        Decimal(str(hour.value)) if hour else None,
    )


def hourly(salary: Decimal, hours_per_week: Decimal) -> Decimal:
    return (salary / (hours_per_week * WEEKS_A_YEAR)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def offer_make(
    *,
    actor: Any,
    application: Application,
    employer: Provider,
    salary: Decimal,
    hours_per_week: Decimal,
    starts_on: dt.date,
    repayment: list[tuple[str, Decimal, str]] | None = None,
    repayment_months: int | None = None,
    interest: bool = False,
    cash: bool = False,
) -> Offer:
    """`repayment`: the clause's costs as (cost, amount, evidence); none for an offer without one."""
    application = Application.objects.select_for_update().select_related("campaign").get(pk=application.pk)
    if application.stage != Stage.INTERVIEWED:
        raise ValidationError(
            f"The application is {application.get_stage_display().lower()}: an offer is made after a passed interview."
        )
    errors: dict[str, list[str]] = {}
    if not application.campaign.employers.filter(pk=employer.pk).exists():
        errors.setdefault("employer", []).append("Choose one of the campaign's employers")
    if starts_on <= timezone.localdate():
        errors.setdefault("starts_on", []).append("The start date must be in the future")
    threshold = pay_threshold(application.role, on=starts_on)
    if threshold.per_year is not None and salary < threshold.per_year:
        errors.setdefault("salary", []).append(
            f"£{salary:,.2f} a year is below the route's threshold for a {application.get_role_display().lower()} "
            f"on {starts_on:%-d %B %Y}: £{threshold.per_year:,.0f} a year"
        )
    if threshold.per_hour is not None and hours_per_week > 0 and hourly(salary, hours_per_week) < threshold.per_hour:
        errors.setdefault("hours_per_week", []).append(
            f"£{hourly(salary, hours_per_week)} an hour ({hours_per_week} hours a week) is below the route's "
            f"£{threshold.per_hour} an hour"
        )
    _check_repayment(errors, repayment or [], repayment_months, interest=interest, cash=cash)
    if errors:
        raise ValidationError(errors)
    offer = Offer.objects.create(
        application=application,
        employer=employer,
        salary=salary,
        hours_per_week=hours_per_week,
        starts_on=starts_on,
        repayment_months=repayment_months if repayment else None,
        made_by=actor,
    )
    RepaymentItem.objects.bulk_create(
        RepaymentItem(offer=offer, cost=cost, amount=amount, evidence=evidence.strip())
        for cost, amount, evidence in repayment or []
    )
    from campaigns.pipeline import stage_change

    description = f"{employer.name}, £{salary:,.0f} a year, {hours_per_week} hours a week, from {starts_on:%-d %b %Y}"
    stage_change(application, actor=actor, to_stage=Stage.OFFERED, reason=description, offer_made=True)
    return offer


def _check_repayment(
    errors: dict[str, list[str]],
    items: list[tuple[str, Decimal, str]],
    months: int | None,
    *,
    interest: bool,
    cash: bool,
) -> None:
    """The Code of Practice on repayment clauses: genuine, itemised, evidenced costs only; never
    the Immigration Skills Charge, the CoS or licence fees or a fee for finding work; no interest;
    not in cash; a monthly plan offered."""
    if interest:
        errors.setdefault("interest", []).append("A repayment clause may not charge interest (Code of Practice)")
    if cash:
        errors.setdefault("cash", []).append("A repayment clause may not be repaid in cash (Code of Practice)")
    if not items:
        return
    never = [RepaymentCost(cost).label for cost, _amount, _evidence in items if cost in NEVER_RECOVERABLE]
    if never:
        errors.setdefault("repayment", []).append(
            f"Never recoverable from a worker (Code of Practice): {', '.join(never)}. Remove it from the clause"
        )
    if any(amount <= 0 for _cost, amount, _evidence in items):
        errors.setdefault("repayment", []).append("Enter each cost's amount in pounds, more than 0")
    if any(not evidence.strip() for _cost, _amount, evidence in items):
        errors.setdefault("repayment", []).append("Say what evidences each cost, like the flight invoice")
    if not months or months < 1:
        errors.setdefault("repayment_months", []).append(
            "Offer a monthly plan: enter over how many months the costs are repaid"
        )


def missing_checks(application: Application, *, on: dt.date | None = None) -> list[str]:
    """The checklist items not recorded, or expired on `on` (today): labels, in checklist order."""
    day = on or timezone.localdate()
    recorded = {check.item: check for check in application.checks.all()}
    missing = []
    for item in compliance_items(application.role):
        check = recorded.get(item.code)
        if check is None:
            missing.append(item.label)
        elif check.expires_on is not None and check.expires_on < day:
            missing.append(f"{item.label} (expired {check.expires_on:%-d %b %Y})")
    return missing


def check_record(
    *,
    actor: Any,
    application: Application,
    item: str,
    checked_on: dt.date,
    expires_on: dt.date | None,
    reference: str,
    upload: UploadedFile,
) -> ComplianceCheck:
    """Record (or replace) one checklist item with its evidence file; all or nothing."""
    items = {entry.code: entry for entry in compliance_items(application.role)}
    if item not in items:
        raise ValidationError({"item": "Choose an item of this role's checklist"})
    if application.stage not in (Stage.ACCEPTED, Stage.CHECKS):
        raise ValidationError(
            f"The application is {application.get_stage_display().lower()}: checks are recorded once the offer is "
            "accepted."
        )
    errors: dict[str, list[str]] = {}
    if checked_on > timezone.localdate():
        errors.setdefault("checked_on", []).append("The date checked cannot be in the future")
    if items[item].expires and expires_on is None:
        errors.setdefault("expires_on", []).append(f"Enter when it expires: {items[item].label.lower()} expires")
    if expires_on is not None and expires_on <= checked_on:
        errors.setdefault("expires_on", []).append("The expiry date must be after the date checked")
    if errors:
        raise ValidationError(errors)
    try:
        stored = file_store(upload, checks_directory())
    except ValidationError as error:
        raise ValidationError({"upload": error.messages}) from None
    try:
        with transaction.atomic():
            previous = ComplianceCheck.objects.select_for_update().filter(application=application, item=item).first()
            old_path = check_document_path(previous) if previous else None
            if previous:
                previous.delete()
            check = ComplianceCheck.objects.create(
                application=application,
                item=item,
                checked_on=checked_on,
                expires_on=expires_on,
                reference=reference.strip(),
                original_name=stored.original_name,
                stored_name=stored.stored_name,
                content_type=stored.content_type,
                recorded_by=actor,
            )
            ApplicationEvent.objects.create(
                application=application, actor=actor, text=f"Check recorded: {items[item].label}"
            )
    except BaseException:
        file_remove(stored.path, what="compliance check")
        raise
    if old_path is not None:
        transaction.on_commit(lambda: file_remove(old_path, what="compliance check"))
    return check

"""Writes on recruits: registration, edits, the status machine."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from providers.models import Provider
from recruits import hooks
from recruits.care_route import route_check
from recruits.code_of_practice import flags_for
from recruits.models import DEFAULT_OCCUPATION_CODE, Employment, JobRole, Recruit, RecruitStatus, StatusChange
from recruits.right_to_work import rtw_reminders_sync
from recruits.unsupervised import unsupervised_problems

# The fields a provider or hub may set on registration and edit (status and employer move
# only through `recruit_transition`).
RECRUIT_FIELDS = [
    "given_names",
    "family_name",
    "date_of_birth",
    "nationality",
    "passport_number",
    "email",
    "phone",
    "address",
    "postcode",
    "job_role",
    "occupation_code",
    "visa_route",
    "visa_expiry",
    "cos_reference",
    "evisa_share_code",
    "visa_application_date",
    "curtailment_letter_date",
    "curtailment_notes",
    "rtw_check_date",
    "rtw_followup_due",
    "dbs_status",
    "dbs_date",
    "dbs_barred_list_checked",
    "overseas_crc",
    "unsupervised_from",
    "english_level",
    "english_test",
    "english_test_date",
    "nmc_pin",
    "nmc_cbt_passed",
    "osce_date",
    "osce_attempts",
    "recruitment_channel",
    "agency",
    "agency_name_other",
    "candidate_fees",
    "amber_agreement",
    "repayment_costs",
    "repayment_itemised",
    "repayment_interest",
    "repayment_cash",
    "repayment_monthly_plan",
]
REPAYMENT_TERMS = ["repayment_itemised", "repayment_interest", "repayment_cash", "repayment_monthly_plan"]
# What a recruit may change about themselves.
CONTACT_FIELDS = ["email", "phone", "address", "postcode"]

ACTIVE = {
    RecruitStatus.ARRIVING,
    RecruitStatus.EMPLOYED,
    RecruitStatus.AT_RISK,
    RecruitStatus.DISPLACED,
    RecruitStatus.REMATCHED,
}
# The status machine: arriving → employed → at_risk → displaced → rematched → employed (at the
# new provider), at_risk → employed when the risk passes, and left from any active state.
TRANSITIONS: dict[str, set[str]] = {
    RecruitStatus.ARRIVING: {RecruitStatus.EMPLOYED, RecruitStatus.LEFT},
    RecruitStatus.EMPLOYED: {RecruitStatus.AT_RISK, RecruitStatus.LEFT},
    RecruitStatus.AT_RISK: {RecruitStatus.DISPLACED, RecruitStatus.EMPLOYED, RecruitStatus.LEFT},
    RecruitStatus.DISPLACED: {RecruitStatus.REMATCHED, RecruitStatus.LEFT},
    RecruitStatus.REMATCHED: {RecruitStatus.EMPLOYED, RecruitStatus.LEFT},
    RecruitStatus.LEFT: set(),
}


def _apply(recruit: Recruit, data: dict[str, Any], fields: list[str]) -> None:
    for key in fields:
        if key in data:
            setattr(recruit, key, data[key])
    if recruit.nationality:
        recruit.nationality = recruit.nationality.upper()
    if recruit.passport_number:
        recruit.passport_number = recruit.passport_number.replace(" ", "").upper()
    if recruit.nmc_pin:
        recruit.nmc_pin = recruit.nmc_pin.replace(" ", "").upper()
    if not recruit.occupation_code:
        recruit.occupation_code = DEFAULT_OCCUPATION_CODE[JobRole(recruit.job_role)]
    if recruit.job_role != JobRole.NURSE:
        recruit.nmc_pin, recruit.nmc_cbt_passed, recruit.osce_date, recruit.osce_attempts = "", False, None, 0


# The facts each refusing rule reads: it is checked when one of them is recorded or changed, so
# an edit of something else never trips over a rule that came in after the record was made.
ROUTE_FIELDS = ("visa_application_date", "job_role", "occupation_code", "visa_route", "recruitment_channel")
UNSUPERVISED_FIELDS = ("unsupervised_from", "job_role", "dbs_status", "dbs_date", "dbs_barred_list_checked")


def _changed(recruit: Recruit, before: Recruit | None, fields: tuple[str, ...]) -> bool:
    return before is None or any(getattr(recruit, name) != getattr(before, name) for name in fields)


def _sponsor_since(recruit: Recruit) -> date | None:
    """When the recruit's current work for its provider started (rule 12)."""
    if recruit.pk is None or recruit.provider_id is None:
        return None
    current = Employment.objects.filter(recruit=recruit, provider_id=recruit.provider_id, end_date__isnull=True)
    return current.order_by("start_date").values_list("start_date", flat=True).first()


def _refuse_against_the_rules(recruit: Recruit, before: Recruit | None, *, start_date: date | None = None) -> None:
    """Rules 11 and 12 (the care route), 21 and 24 (before unsupervised work), 18 (a repayment
    clause's terms need its costs): refused with the rule quoted, on the field it is about."""
    errors: dict[str, list[str]] = {}
    if _changed(recruit, before, ROUTE_FIELDS):
        started = start_date is not None and start_date <= timezone.localdate()
        since = start_date if before is None else _sponsor_since(recruit)
        check = route_check(recruit, sponsor_since=since, started=started)
        if check is not None and check.refused:
            errors["visa_application_date"] = [check.message]
    if _changed(recruit, before, UNSUPERVISED_FIELDS) and (problems := unsupervised_problems(recruit)):
        errors["unsupervised_from"] = problems
    if not recruit.repayment_costs and any(getattr(recruit, name) for name in REPAYMENT_TERMS):
        errors["repayment_costs"] = [
            "Choose the costs the repayment clause recovers, or clear its terms if the contract has no clause."
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def recruit_register(
    *, actor: User, provider: Provider, data: dict[str, Any], start_date: date | None = None
) -> Recruit:
    """Register a recruit sponsored by `provider`; with a start date they are employed from then."""
    recruit = Recruit(region_id=provider.region_id, provider=provider)
    _apply(recruit, data, RECRUIT_FIELDS)
    recruit.flags = flags_for(recruit)
    recruit.full_clean()
    _refuse_against_the_rules(recruit, None, start_date=start_date)
    recruit.save()
    if start_date is not None:
        recruit_employment_begin(actor=actor, recruit=recruit, start_date=start_date)
    rtw_reminders_sync(recruit=recruit)
    return recruit


def recruit_employment_begin(*, actor: User | None, recruit: Recruit, start_date: date) -> None:
    """The first work of an arriving recruit for its provider, from `start_date`; employed from
    today when the day has come (a later day leaves them arriving until then)."""
    assert recruit.provider is not None, "an arriving recruit has the provider that sponsors them"
    Employment.objects.create(recruit=recruit, provider=recruit.provider, start_date=start_date)
    if start_date <= timezone.localdate():
        recruit_transition(actor=actor, recruit=recruit, to_status=RecruitStatus.EMPLOYED, reason="Started work")
        recruit.refresh_from_db()


@transaction.atomic
def recruit_update(*, actor: User, recruit: Recruit, data: dict[str, Any]) -> Recruit:
    before = Recruit.objects.get(pk=recruit.pk)  # as stored: a model form has already changed `recruit`
    _apply(recruit, data, RECRUIT_FIELDS)
    recruit.flags = flags_for(recruit)
    recruit.full_clean()
    _refuse_against_the_rules(recruit, before)
    recruit.save()
    hooks.recruit_updated(recruit=recruit)  # rematch: an open request's clock follows the record's dates
    if _changed(recruit, before, ("rtw_check_date", "rtw_followup_due", "visa_expiry")):
        rtw_reminders_sync(recruit=recruit)
    return recruit


@transaction.atomic
def recruit_update_contact(*, actor: User, recruit: Recruit, data: dict[str, Any]) -> Recruit:
    _apply(recruit, data, CONTACT_FIELDS)
    recruit.full_clean()
    recruit.save(update_fields=[*CONTACT_FIELDS, "updated_at"])
    return recruit


# -- writes the apps above ask for (docs/ARCHITECTURE.md, "One writer per table") -----------------
# Each is one statement run in the caller's transaction (no savepoint of its own) and changes only
# what its name says; what the change means for the caller's own rows (a rematch request's clock,
# a case's workers) stays with the caller.

# What a public referral tells the hub about a worker the region has no record of.
REFERRAL_FIELDS = [
    "given_names",
    "family_name",
    "date_of_birth",
    "email",
    "phone",
    "address",
    "postcode",
    "visa_expiry",
    "curtailment_letter_date",
]


def recruit_create_from_referral(*, actor: User, region_id: int, data: dict[str, Any]) -> Recruit:
    """A record for a worker who referred themself to the region's hub: displaced, with no
    employer on record, and unverified until the hub has checked what they said."""
    unknown = set(data) - set(REFERRAL_FIELDS)
    if unknown:
        raise ValidationError(f"A referral does not say {', '.join(sorted(unknown))}.")
    recruit = Recruit(region_id=region_id, status=RecruitStatus.DISPLACED, unverified=True, **data)
    recruit.full_clean()
    recruit.save()
    return recruit


def recruit_mark_unverified(*, actor: User, recruit: Recruit) -> Recruit:
    """The record was made from someone else's list (a compliance case's affected workers), so
    its details are shown as not yet checked."""
    if recruit.pk is None:
        raise ValidationError("Register the recruit before marking the record unverified.")
    recruit.unverified = True
    recruit.save(update_fields=["unverified", "updated_at"])
    return recruit


def recruit_move_region(*, actor: User, recruit: Recruit, region_id: int) -> Recruit:
    """Move the record to another region's hub: a placement with an employer there, or a hand-over
    that the lead of the region holding it accepted. Give it the row already locked."""
    if recruit.pk is None:
        raise ValidationError("Only a registered record can move between regions.")
    recruit.region_id = region_id
    recruit.save(update_fields=["region", "updated_at"])
    hooks.region_moved(recruit=recruit)
    return recruit


def recruit_record_letter_date(*, actor: User, recruit: Recruit, letter_date: date) -> Recruit:
    """The worker says when the UKVI letter cutting their leave short came (a self-referral):
    the leave clock (`recruits/leave.py`) runs from it."""
    if letter_date > timezone.localdate():
        raise ValidationError({"curtailment_letter_date": "The date of the letter cannot be in the future"})
    recruit.curtailment_letter_date = letter_date
    recruit.save(update_fields=["curtailment_letter_date", "updated_at"])
    return recruit


def recruit_set_leave_dates(
    *, actor: User | None, recruit_id: int, letter_date: date | None, visa_expiry: date | None
) -> None:
    """The UKVI letter's date (None while it is awaited) and the visa's end, the two dates the
    leave clock runs from, as the hub recorded them on a rematch request. By id, in one UPDATE:
    the request holds the record's id, not its row."""
    updated = Recruit.objects.filter(pk=recruit_id).update(
        curtailment_letter_date=letter_date, visa_expiry=visa_expiry, updated_at=timezone.now()
    )
    if not updated:
        raise ValidationError("The worker's record no longer exists.")


def recruit_record_osce(*, actor: User, recruit: Recruit, attempts: int, on: date) -> Recruit:
    """The OSCE facts on a nurse's record after an attempt was booked or its result recorded
    (`training/osce.py` keeps the attempts themselves): how many attempts, and the latest date."""
    if recruit.job_role != JobRole.NURSE:
        raise ValidationError("The OSCE is for nurses: change the recruit's job to nurse first.")
    Recruit._meta.get_field("osce_attempts").run_validators(attempts)
    recruit.osce_attempts, recruit.osce_date = attempts, on
    recruit.save(update_fields=["osce_attempts", "osce_date", "updated_at"])
    return recruit


def recruit_link_account(*, user: User, recruit: Recruit) -> None:
    """The recruit role: the person's own sign-in, linked one-to-one to their record. Called by
    `hubs.services.role_grant`, which registers it from `RecruitsConfig.ready()`."""
    if recruit.user_id not in (None, user.pk):
        raise ValueError("This recruit record already belongs to another account.")
    recruit.user = user
    recruit.save(update_fields=["user"])


def recruit_unlink_account(*, user: User, recruit: Recruit) -> None:
    """The recruit role revoked: the record keeps no sign-in (only if it was this user's)."""
    Recruit.objects.filter(pk=recruit.pk, user=user).update(user=None)


def transition_error(recruit: Recruit, to_status: str) -> str | None:
    """Why `recruit` cannot move to `to_status`, or None when it can."""
    current = RecruitStatus(recruit.status)
    target = RecruitStatus(to_status)
    if target == current:
        return f"{recruit.full_name} is already “{current.label}”."
    if current == RecruitStatus.LEFT:
        return f"{recruit.full_name} has left; a record that has left cannot change status."
    if target not in TRANSITIONS[current]:
        allowed = ", ".join(f"“{RecruitStatus(s).label}”" for s in sorted(TRANSITIONS[current]))
        return f"A recruit who is “{current.label}” can only move to {allowed}, not to “{target.label}”."
    return None


@transaction.atomic
def recruit_transition(
    *,
    actor: User | None,
    recruit: Recruit,
    to_status: str,
    reason: str = "",
    new_provider: Provider | None = None,
    on: date | None = None,
) -> StatusChange:
    """The one way to change a recruit's status; refuses illegal moves with the reason."""
    recruit = Recruit.objects.select_for_update().get(pk=recruit.pk)
    error = transition_error(recruit, to_status)
    if error:
        raise ValidationError(error)
    on = on or timezone.localdate()
    moving_employer = to_status == RecruitStatus.EMPLOYED and recruit.status == RecruitStatus.REMATCHED
    if moving_employer:
        if new_provider is None:
            raise ValidationError("Choose the new employer the recruit starts with.")
        if new_provider.region_id != recruit.region_id:
            raise ValidationError("The new employer is in another region; move the record between regions first.")
        Employment.objects.filter(recruit=recruit, end_date__isnull=True).update(
            end_date=on, end_reason=reason or "Rematched"
        )
        Employment.objects.create(recruit=recruit, provider=new_provider, start_date=on)
        recruit.provider = new_provider
    if to_status == RecruitStatus.LEFT:
        Employment.objects.filter(recruit=recruit, end_date__isnull=True).update(
            end_date=on, end_reason=reason or "Left"
        )
    change = StatusChange.objects.create(
        recruit=recruit, from_status=recruit.status, to_status=to_status, reason=reason, actor=actor
    )
    recruit.status = to_status
    recruit.save(update_fields=["status", "provider", "updated_at"])
    if moving_employer or to_status == RecruitStatus.LEFT:
        rtw_reminders_sync(recruit=recruit)  # the follow-up reminds the new employer, or nobody once they left
    if to_status == RecruitStatus.EMPLOYED:
        hooks.employment_started(recruit=recruit, on=on)  # pastoral: the 12-month plan starts or carries on
    return change

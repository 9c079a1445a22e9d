"""An application's way through a campaign (issue 15 item 4): the stages, the screening checklist
per role (`campaigns/data/screening.csv`, `*` for every role), and the moves the hub team makes.

Moves go one stage forward at a time, or end the application (`rejected`, `withdrawn`) with a
reason from any stage before `arrived`; each move is a line of the timeline. Two gates:
- `screened` needs every item of the role's checklist answered;
- `shortlisted` needs every item met (an unmet item is a reason to reject, said as such).
- `interviewed` comes only with the panel's decision (`campaigns.interviews.interview_decide`);
- `offered` only with an offer (`campaigns.offers.offer_make`), its pay checked;
- `CoS assigned` needs every pre-employment check recorded and in date (`campaigns.offers`).
- `pre_arrival` comes with the candidate's first pre-arrival step (`campaigns.prearrival`), or by
  hand;
- `arrived` only with the arrival form, which makes the candidate a recruit (`campaigns.arrival`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from campaigns.models import ENDED, PIPELINE, Application, ApplicationEvent, ScreeningAnswer, Stage
from campaigns.offers import missing_checks

SCREENING = Path(__file__).parent / "data" / "screening.csv"
BULK_LIMIT = 200


@dataclass(frozen=True)
class ScreeningItem:
    code: str
    label: str


@cache
def _screening_rows() -> list[dict[str, str]]:
    with SCREENING.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def screening_items(role: str) -> list[ScreeningItem]:
    """The checklist of a role: the items for every role, then the role's own."""
    rows = _screening_rows()
    return [ScreeningItem(row["item"], row["label"]) for row in rows if row["role"] == "*" or row["role"] == role]


def next_stage(stage: str) -> str | None:
    if stage in ENDED:
        return None
    return PIPELINE[PIPELINE.index(stage) + 1]


def allowed_moves(application: Application) -> list[Stage]:
    """Where the application may go from here: the next stage, or ended with a reason."""
    if application.stage in ENDED:
        return []
    following = next_stage(application.stage)
    moves = [Stage(following)] if following else []
    return [*moves, Stage.REJECTED, Stage.WITHDRAWN]


def _answers(application: Application) -> dict[str, bool]:
    return dict(application.screening.values_list("item", "met"))


def _gate(
    application: Application,
    to_stage: str,
    *,
    interview_passed: bool = False,
    offer_made: bool = False,
    arrived: bool = False,
) -> None:
    items = screening_items(application.role)
    if to_stage == Stage.ARRIVED and not arrived:
        raise ValidationError(
            "An application moves to “Arrived” with the arrival form, which makes the candidate a recruit: "
            "use “Record the arrival”"
        )
    if to_stage == Stage.OFFERED and not offer_made:
        raise ValidationError("An application moves to “Offered” when the offer is made: use “Make an offer”")
    if to_stage == Stage.COS_ASSIGNED:
        missing = missing_checks(application)
        if missing:
            raise ValidationError(
                f"The CoS is assigned once every check is recorded: {len(missing)} missing ({missing[0]}…)"
            )
    if to_stage == Stage.INTERVIEWED and not interview_passed:
        raise ValidationError(
            "An application moves to “Interviewed” with the panel's decision: book the interview, and decide it "
            "once every panel member has scored"
        )
    if to_stage == Stage.SCREENED:
        answered = _answers(application)
        missing = [item.label for item in items if item.code not in answered]
        if missing:
            raise ValidationError(
                f"Record the screening checklist first: {len(missing)} item"
                f"{'s' if len(missing) != 1 else ''} not answered ({missing[0]}…)"
            )
    if to_stage == Stage.SHORTLISTED:
        answered = _answers(application)
        unmet = [item.label for item in items if not answered.get(item.code)]
        if unmet:
            raise ValidationError(
                f"Not every screening item is met ({unmet[0]}): reject the application with that reason instead"
            )


def stage_change(
    application: Application,
    *,
    actor: Any,
    to_stage: str,
    reason: str,
    interview_passed: bool = False,
    offer_made: bool = False,
    arrived: bool = False,
) -> None:
    """Move a locked application (the caller holds its row lock), gates checked, with its timeline line."""
    allowed = allowed_moves(application)
    if to_stage not in allowed:
        if application.stage in ENDED:
            raise ValidationError(f"The application is {application.get_stage_display().lower()}: it cannot move on.")
        following = next_stage(application.stage)
        label = Stage(following).label if following else ""
        raise ValidationError(
            f"From “{application.get_stage_display()}” the application moves to “{label}”, or is rejected or withdrawn."
        )
    reason = reason.strip()
    if to_stage in (Stage.REJECTED, Stage.WITHDRAWN) and not reason:
        raise ValidationError({"reason": f"Give the reason the application is {Stage(to_stage).label.lower()}"})
    _gate(application, to_stage, interview_passed=interview_passed, offer_made=offer_made, arrived=arrived)
    ApplicationEvent.objects.create(
        application=application, actor=actor, from_stage=application.stage, to_stage=to_stage, text=reason
    )
    application.stage, application.stage_since = to_stage, timezone.now()
    application.end_reason = reason if to_stage in (Stage.REJECTED, Stage.WITHDRAWN) else ""
    application.save(update_fields=["stage", "stage_since", "end_reason"])


@transaction.atomic
def application_move(*, actor: Any, application: Application, to_stage: str, reason: str = "") -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    stage_change(application, actor=actor, to_stage=to_stage, reason=reason)
    return application


@dataclass
class BulkResult:
    moved: list[Application]
    refused: list[tuple[Application, str]]


@transaction.atomic
def applications_bulk_move(*, actor: Any, applications: list[Application], action: str, reason: str = "") -> BulkResult:
    """Move each chosen application on (`action` "next") or end them all (`rejected`/`withdrawn`).

    All or nothing: when any one is refused (a gate, or an ended application), none moves and each
    refusal is listed with its reason, so the hub fixes or unticks those and sends again.
    """
    if not applications:
        raise ValidationError("Choose at least one applicant")
    if len(applications) > BULK_LIMIT:
        raise ValidationError(f"Choose at most {BULK_LIMIT} applicants at a time")
    if action in (Stage.REJECTED, Stage.WITHDRAWN) and not reason.strip():
        raise ValidationError({"reason": f"Give the reason the applications are {Stage(action).label.lower()}"})
    locked = list(Application.objects.select_for_update().filter(pk__in=[a.pk for a in applications]).order_by("id"))
    result = BulkResult(moved=[], refused=[])
    for application in locked:
        target = next_stage(application.stage) if action == "next" else action
        try:
            if target is None:
                raise ValidationError(f"The application is {application.get_stage_display().lower()}")
            with transaction.atomic():
                stage_change(application, actor=actor, to_stage=target, reason=reason)
        except ValidationError as error:
            result.refused.append((application, " ".join(error.messages)))
        else:
            result.moved.append(application)
    if result.refused:
        transaction.set_rollback(True)
        result.moved = []
    return result


@transaction.atomic
def screening_record(*, actor: Any, application: Application, answers: dict[str, tuple[bool, str]]) -> None:
    """Record the hub's answers to the role's checklist (item code: (met, note)); other codes are refused."""
    if application.stage != Stage.APPLIED:
        raise ValidationError(
            f"The application is {application.get_stage_display().lower()}: "
            "screening is recorded while it is “Applied”."
        )
    known = {item.code for item in screening_items(application.role)}
    unknown = set(answers) - known
    if unknown:
        raise ValidationError(f"Not an item of this role's checklist: {', '.join(sorted(unknown))}")
    for code, (met, note) in answers.items():
        ScreeningAnswer.objects.update_or_create(
            application=application,
            item=code,
            defaults={"met": met, "note": note.strip(), "answered_by": actor, "answered_at": timezone.now()},
        )
    met_count = sum(1 for met, _note in answers.values() if met)
    ApplicationEvent.objects.create(
        application=application, actor=actor, text=f"Screening recorded: {met_count} of {len(answers)} items met"
    )

"""Writes of the advice app: services, subscriptions, requests, their threads and reminders.

Decision (issue 16 item 2): time an adviser records beyond what is left of the allowance is
recorded and flagged (`AdviceMessage.over_allowance_minutes`, shown to the lead and the
subscriber), never refused: the work was done, and refusing would lose it. The first time a
subscription goes over, the region's leads hear of it in the inbox (`advice.over_allowance`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from advice.models import (
    AdviceMessage,
    AdviceRequest,
    Category,
    RequestKind,
    RequestStatus,
    Service,
    Subscription,
)
from advice.targets import first_answer_due, resolution_due
from hubs.access import scope_for
from hubs.models import LocalAuthority, Region
from hubs.roles import Role
from notifications.services import reminder_cancel_for, reminder_schedule
from portal.files import file_remove, file_store
from providers.models import Provider

if TYPE_CHECKING:
    from accounts.models import User

NEW_REQUEST = "advice.request"
WAITING = "advice.waiting"
ANSWERED = "advice.answered"
OVER_ALLOWANCE = "advice.over_allowance"
MINUTES_MAX = 8 * 60  # one message records at most a working day


# -- services and subscriptions (the lead's) ------------------------------------------------------


@transaction.atomic
def service_create(*, actor: User, region: Region, data: dict[str, Any]) -> Service:
    if not scope_for(actor).is_lead(region):
        raise ValidationError("Only the region's lead adds the hub's services.")
    name = data["name"].strip()
    if Service.objects.filter(region=region, name__iexact=name).exists():
        raise ValidationError({"name": f"{region.name} already offers a service called {name}: choose another name."})
    return Service.objects.create(
        region=region,
        name=name,
        kind=data["kind"],
        description=data.get("description", "").strip(),
        default_allowance_minutes=data.get("default_allowance_minutes") or 0,
        for_providers=data.get("for_providers", True),
        for_councils=data.get("for_councils", False),
    )


@transaction.atomic
def subscription_create(*, actor: User, region: Region, data: dict[str, Any]) -> Subscription:
    """A provider or a council of the region subscribes to one of its services."""
    if not scope_for(actor).is_lead(region):
        raise ValidationError("Only the region's lead adds subscriptions.")
    service: Service = data["service"]
    provider: Provider | None = data.get("provider")
    council: LocalAuthority | None = data.get("local_authority")
    if (provider is None) == (council is None):
        raise ValidationError({"provider": "Choose either a provider or a council: one subscriber per subscription."})
    if service.region_id != region.id:
        raise ValidationError({"service": "Choose a service of your region."})
    if provider is not None:
        if provider.region_id != region.id:
            raise ValidationError({"provider": "Choose a provider of your region."})
        if not service.for_providers:
            raise ValidationError({"service": f"{service.name} is offered to councils only."})
    if council is not None:
        if council.region_id != region.id:
            raise ValidationError({"local_authority": "Choose a council of your region."})
        if not service.for_councils:
            raise ValidationError({"service": f"{service.name} is offered to providers only."})
    starts_on: dt.date = data["starts_on"]
    ends_on: dt.date | None = data.get("ends_on")
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": "The end date must be on or after the start date."})
    allowance = data.get("allowance_minutes")
    if allowance is None:
        allowance = service.default_allowance_minutes
    return Subscription.objects.create(
        region=region,
        service=service,
        provider=provider,
        local_authority=council,
        starts_on=starts_on,
        ends_on=ends_on,
        allowance_minutes=allowance,
    )


@transaction.atomic
def subscription_end(*, actor: User, subscription: Subscription, ends_on: dt.date) -> Subscription:
    if not scope_for(actor).is_lead(subscription.region_id):
        raise ValidationError("Only the region's lead ends subscriptions.")
    if ends_on < subscription.starts_on:
        raise ValidationError(
            {"ends_on": f"The end date must be on or after the start date ({subscription.starts_on:%-d %B %Y})."}
        )
    subscription.ends_on = ends_on
    subscription.save(update_fields=["ends_on"])
    return subscription


# -- the allowance ---------------------------------------------------------------------------------


def minutes_used(subscription: Subscription) -> int:
    """All the minutes the hub recorded on the subscription's requests."""
    total = AdviceMessage.objects.filter(request__subscription=subscription).aggregate(n=Sum("minutes"))["n"]
    return int(total or 0)


def minutes_left(subscription: Subscription) -> int:
    """What is left of the allowance, never below zero (time beyond it is flagged on the message)."""
    return max(subscription.allowance_minutes - minutes_used(subscription), 0)


# -- requests --------------------------------------------------------------------------------------


def _store(upload: Any) -> tuple[Any, dict[str, str]]:
    if upload is None:
        return None, {}
    from advice.documents import advice_documents_directory

    try:
        stored = file_store(upload, advice_documents_directory())
    except ValidationError as error:
        raise ValidationError({"upload": error.messages}) from None
    return stored.path, {
        "document_name": stored.original_name or "document",
        "stored_name": stored.stored_name,
        "content_type": stored.content_type,
    }


def _create_message(*, request_row: AdviceRequest, fields: dict[str, Any], upload: Any) -> AdviceMessage:
    """Write the file first; remove it if the row fails."""
    path, file_fields = _store(upload)
    try:
        return AdviceMessage.objects.create(request=request_row, **fields, **file_fields)
    except BaseException:
        if path is not None:
            file_remove(path, what="advice message")
        raise


def _tell_advisers(request_row: AdviceRequest) -> None:
    for role in (Role.HUB_STAFF, Role.LEAD):
        reminder_schedule(
            recipient_role=role,
            region=request_row.region,
            kind=NEW_REQUEST,
            about=request_row,
            due_at=request_row.raised_at,
            key=f"{NEW_REQUEST}:{request_row.pk}:{role.value}",
        )


@transaction.atomic
def advice_request_raise(
    *, actor: User, kind: str, data: dict[str, Any], upload: Any = None, now: dt.datetime | None = None
) -> AdviceRequest:
    """A provider's or council's question to its region's hub.

    `kind` advice: under one of the asker's subscriptions in force today; sponsor-licence help: any
    provider of the region, no subscription; council support: a council officer about a provider of
    the officer's council area.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    scope = scope_for(actor)
    question = (data.get("question") or "").strip()
    subject = (data.get("subject") or "").strip()
    if not subject:
        raise ValidationError({"subject": "Give your request a short title."})
    if not question:
        raise ValidationError({"question": "Write your question for the hub."})
    fields: dict[str, Any] = {
        "kind": kind,
        "subject": subject,
        "question": question,
        "urgency": data["urgency"],
        "raised_by": actor,
        "raised_at": now,
    }
    if kind == RequestKind.ADVICE:
        subscription: Subscription | None = data.get("subscription")
        if subscription is None:
            raise ValidationError({"subscription": "Choose the subscription this question is under."})
        mine = (subscription.provider_id in scope.providers) or (
            subscription.local_authority_id in scope.council_authorities
        )
        if not mine:
            raise ValidationError({"subscription": "Choose one of your own subscriptions."})
        if not subscription.active_on(today):
            raise ValidationError(
                {"subscription": "This subscription is not in force today: ask the hub's lead to renew it."}
            )
        fields |= {
            "subscription": subscription,
            "region_id": subscription.region_id,
            "provider_id": subscription.provider_id,
            "local_authority_id": subscription.local_authority_id,
            "category": data.get("category") or Category.OTHER,
        }
    elif kind == RequestKind.SPONSOR_LICENCE:
        provider: Provider | None = data.get("provider")
        if provider is None or provider.id not in scope.providers:
            raise ValidationError({"provider": "Choose your own provider."})
        category = data.get("category")
        if category not in (Category.SPONSOR_APPLY, Category.SPONSOR_KEEP):
            raise ValidationError({"category": "Say whether you want to apply for a licence or keep one."})
        fields |= {"region_id": provider.region_id, "provider": provider, "category": category}
    elif kind == RequestKind.COUNCIL_SUPPORT:
        about: Provider | None = data.get("about_provider")
        if about is None or about.local_authority_id not in scope.council_authorities:
            raise ValidationError({"about_provider": "Choose a provider of your council's area."})
        fields |= {
            "region_id": about.region_id,
            "local_authority_id": about.local_authority_id,
            "about_provider": about,
            "category": Category.PROVIDER_SUPPORT,
        }
    else:
        raise ValidationError("Unknown kind of request.")
    request_row = AdviceRequest.objects.create(**fields)
    if upload is not None:
        _create_message(
            request_row=request_row,
            fields={"author": actor, "at": now, "text": "Attached with the request.", "from_hub": False},
            upload=upload,
        )
    _tell_advisers(request_row)
    return request_row


@transaction.atomic
def advice_reply(
    *,
    actor: User,
    request_row: AdviceRequest,
    text: str,
    minutes: int = 0,
    upload: Any = None,
    now: dt.datetime | None = None,
) -> AdviceMessage:
    """A message in the thread. An adviser's message records the minutes spent (against the
    subscription's allowance, flagged beyond it) and tells the requester (inbox and email)."""
    now = now or timezone.now()
    request_row = AdviceRequest.objects.select_for_update().get(pk=request_row.pk)
    if request_row.status == RequestStatus.CLOSED:
        raise ValidationError("This request is closed: raise a new one.")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write your message."})
    adviser = scope_for(actor).is_hub_team(request_row.region_id)
    minutes = int(minutes or 0)
    if minutes and not adviser:
        raise ValidationError({"minutes": "Only the hub's advisers record time."})
    if minutes < 0 or minutes > MINUTES_MAX:
        raise ValidationError({"minutes": f"Enter the minutes spent, from 0 to {MINUTES_MAX}."})
    over = 0
    if minutes and request_row.subscription_id is not None:
        left = minutes_left(request_row.subscription)  # type: ignore[arg-type]
        over = max(minutes - left, 0)
    message = _create_message(
        request_row=request_row,
        fields={
            "author": actor,
            "at": now,
            "text": text,
            "from_hub": adviser,
            "minutes": minutes,
            "over_allowance_minutes": over,
        },
        upload=upload,
    )
    if over:
        # Once per subscription: the lead decides what follows (a bigger allowance, a charge).
        reminder_schedule(
            recipient_role=Role.LEAD,
            region=request_row.region,
            kind=OVER_ALLOWANCE,
            about=request_row,
            due_at=now,
            key=f"{OVER_ALLOWANCE}:{request_row.subscription_id}",
        )
    if adviser:
        changed = ["status"]
        if request_row.first_answer_at is None:
            request_row.first_answer_at = now
            changed.append("first_answer_at")
        request_row.status = RequestStatus.ANSWERED
        request_row.save(update_fields=changed)
        _tell_requester(request_row, key=f"{ANSWERED}:{message.pk}", now=now)
    else:
        request_row.status = RequestStatus.WAITING
        request_row.save(update_fields=["status"])
    return message


def _tell_requester(request_row: AdviceRequest, *, key: str, now: dt.datetime) -> None:
    if request_row.raised_by_id is None:
        return
    reminder_schedule(
        recipient=request_row.raised_by,
        region=request_row.region,
        kind=ANSWERED,
        about=request_row,
        due_at=now,
        key=key,
    )


@transaction.atomic
def advice_close(
    *, actor: User, request_row: AdviceRequest, outcome: str, note: str = "", now: dt.datetime | None = None
) -> AdviceRequest:
    now = now or timezone.now()
    request_row = AdviceRequest.objects.select_for_update().get(pk=request_row.pk)
    if not scope_for(actor).is_hub_team(request_row.region_id):
        raise ValidationError("Only the hub's advisers close a request.")
    if request_row.status == RequestStatus.CLOSED:
        raise ValidationError("This request is closed already.")
    if not outcome:
        raise ValidationError({"outcome": "Choose the outcome."})
    request_row.status = RequestStatus.CLOSED
    request_row.closed_at = now
    request_row.outcome = outcome
    request_row.outcome_note = (note or "").strip()
    request_row.save(update_fields=["status", "closed_at", "outcome", "outcome_note"])
    reminder_cancel_for(about=request_row, kind=WAITING)
    _tell_requester(request_row, key=f"{ANSWERED}:closed:{request_row.pk}", now=now)
    return request_row


# -- reminders: requests waiting past their target -------------------------------------------------


@transaction.atomic
def advice_remind_waiting(*, now: dt.datetime | None = None) -> int:
    """Remind the hub of requests past their target: no first answer in time goes to the region's
    hub staff, not closed in time to its leads. Once per request and target (the key)."""
    now = now or timezone.now()
    scheduled = 0
    open_rows = AdviceRequest.objects.exclude(status=RequestStatus.CLOSED).select_related("region")
    for row in open_rows.order_by("id"):
        if row.first_answer_at is None and first_answer_due(row) <= now:
            reminder_schedule(
                recipient_role=Role.HUB_STAFF,
                region=row.region,
                kind=WAITING,
                about=row,
                due_at=now,
                deadline=first_answer_due(row),
                key=f"{WAITING}:first:{row.pk}",
            )
            scheduled += 1
        if resolution_due(row) <= now:
            reminder_schedule(
                recipient_role=Role.LEAD,
                region=row.region,
                kind=WAITING,
                about=row,
                due_at=now,
                deadline=resolution_due(row),
                key=f"{WAITING}:resolve:{row.pk}",
            )
            scheduled += 1
    return scheduled

"""The welcome booklet: hubs write sections in Markdown (rendered by `portal.markdown`), publish
versions, and each recruit's copy adds a personal part. The PDF is kept with a
fingerprint of its HTML and rendered again only when something in it changed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone

from hubs.access import scope_for
from hubs.models import Hub
from pastoral.models import (
    Appointment,
    AppointmentStatus,
    Booklet,
    BookletRender,
    BookletSection,
    BookletTopic,
    BookletVersion,
    CheckIn,
    CheckInStatus,
    PastoralPlan,
)
from pastoral.services import hub_for
from portal.markdown import markdown_render
from portal.pdf import pdf_render
from recruits.models import Recruit

# The sections a new booklet starts with (DOMAIN.md: what hubs put in their welcome booklets).
STARTER_SECTIONS: list[tuple[str, str, str]] = [
    (
        BookletTopic.SERVICES,
        "Key services and the GP",
        (
            "Register with a GP surgery near your home as soon as you arrive. Call **111** for urgent "
            "medical help and **999** in an emergency."
        ),
    ),
    (
        BookletTopic.HOUSING,
        "Housing and bills",
        ("Read your tenancy agreement before you sign it. Ask who pays for gas, electricity, water and broadband."),
    ),
    (
        BookletTopic.COUNCIL_TAX,
        "Council tax",
        ("Your local council charges council tax for your home. A single adult living alone gets a 25% discount."),
    ),
    (
        BookletTopic.TAX,
        "Tax and National Insurance",
        ("Your employer takes income tax and National Insurance from your pay. Check your payslip every month."),
    ),
    (
        BookletTopic.PENSIONS,
        "Pensions",
        ("Your employer must put you into a workplace pension. You can choose to leave it, but nobody can make you."),
    ),
    (
        BookletTopic.BANK,
        "Bank",
        (
            "Open a UK bank account in your own name. Never give your bank card or PIN to anyone, "
            "including your employer."
        ),
    ),
    (
        BookletTopic.TRANSPORT,
        "Transport",
        ("Ask your employer whether they help with travel to work. Local bus and train times are online."),
    ),
    (
        BookletTopic.COMMUNITY,
        "Community and faith groups",
        ("Local community and faith groups welcome new arrivals; the hub can put you in touch."),
    ),
    (
        BookletTopic.RIGHTS,
        "Rights at work",
        (
            "You must be paid at least the National Living Wage and the salary on your Certificate of "
            "Sponsorship. You have a right to rest breaks and paid holiday."
        ),
    ),
    (
        BookletTopic.EXPLOITATION,
        "Getting help with exploitation",
        (
            "If someone keeps your passport, takes money from your pay that you did not agree to, or "
            "you feel unsafe, call the Modern Slavery Helpline on **08000 121 700** (free, 24 hours)."
        ),
    ),
    (
        BookletTopic.CONTACTS,
        "Local contacts",
        ("Your hub's contact details are at the front of this booklet."),
    ),
]


def _hub_team(actor: Any, region_id: int) -> None:
    if not scope_for(actor).is_hub_team(region_id):
        raise PermissionDenied("Only the hub team writes the booklet.")


@transaction.atomic
def booklet_create(*, actor: Any, hub: Hub) -> Booklet:
    """A draft booklet for the hub, starting from the standard sections."""
    _hub_team(actor, hub.region_id)
    booklet, created = Booklet.objects.get_or_create(hub=hub, defaults={"region_id": hub.region_id})
    if created:
        BookletSection.objects.bulk_create(
            [
                BookletSection(booklet=booklet, order=n, topic=topic, heading=heading, body=body)
                for n, (topic, heading, body) in enumerate(STARTER_SECTIONS, start=1)
            ]
        )
    return booklet


@transaction.atomic
def booklet_section_save(
    *, actor: Any, booklet: Booklet, data: dict[str, Any], section: BookletSection | None = None
) -> BookletSection:
    _hub_team(actor, booklet.region_id)
    if section is not None and section.version_id is not None:
        raise ValidationError("A published section cannot change; edit the draft and publish a new version.")
    section = section or BookletSection(booklet=booklet)
    for key in ("order", "topic", "heading", "body"):
        if key in data:
            setattr(section, key, data[key])
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def booklet_section_delete(*, actor: Any, section: BookletSection) -> None:
    _hub_team(actor, section.booklet.region_id)
    if section.version_id is not None:
        raise ValidationError("A published section cannot be removed.")
    section.delete()


@transaction.atomic
def booklet_publish(*, actor: Any, booklet: Booklet, note: str = "") -> BookletVersion:
    """Freeze the draft as the next version; recruits see it from now on."""
    _hub_team(actor, booklet.region_id)
    booklet = Booklet.objects.select_for_update().get(pk=booklet.pk)
    draft = list(booklet.sections.filter(version__isnull=True).order_by("order", "id"))
    if not draft:
        raise ValidationError("Add at least one section before publishing.")
    number = (booklet.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = BookletVersion.objects.create(booklet=booklet, number=number, published_by=actor, note=note.strip())
    BookletSection.objects.bulk_create(
        [
            BookletSection(
                booklet=booklet, version=version, order=s.order, topic=s.topic, heading=s.heading, body=s.body
            )
            for s in draft
        ]
    )
    return version


def booklet_latest(hub: Hub | None) -> BookletVersion | None:
    if hub is None:
        return None
    return BookletVersion.objects.filter(booklet__hub=hub).select_related("booklet__hub").order_by("-number").first()


@dataclass
class PersonalPart:
    recruit: Recruit
    hub: Hub | None
    plan: PastoralPlan | None
    check_ins: list[CheckIn] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    training: Any = None


def booklet_personal(*, user: Any, recruit: Recruit) -> PersonalPart:
    """The recruit's own part: employer and manager, pastoral contact, check-in dates,
    appointments, training plan and key dates. Never what they told the hub."""
    from training.selectors import training_plan

    plan = PastoralPlan.objects.select_related("contact").filter(recruit=recruit).first()
    check_ins = (
        list(plan.check_ins.exclude(status=CheckInStatus.CANCELLED).only("step", "due_date", "status", "done_on"))
        if plan
        else []
    )
    appointments = list(
        Appointment.objects.filter(
            recruit=recruit,
            status__in=[AppointmentStatus.BOOKED, AppointmentStatus.REARRANGE],
            starts_at__gte=timezone.now(),
        ).order_by("starts_at")
    )
    return PersonalPart(
        recruit=recruit,
        hub=hub_for(recruit),
        plan=plan,
        check_ins=check_ins,
        appointments=appointments,
        training=training_plan(user=user, recruit=recruit),
    )


def booklet_context(*, user: Any, recruit: Recruit) -> dict[str, Any]:
    personal = booklet_personal(user=user, recruit=recruit)
    version = booklet_latest(personal.hub)
    sections = list(version.sections.order_by("order", "id")) if version else []
    for section in sections:
        section.html = markdown_render(section.body)  # type: ignore[attr-defined]
    return {
        "recruit": recruit,
        "personal": personal,
        "version": version,
        "booklet": version.booklet if version else None,
        "sections": sections,
        "language": version.booklet.language if version else "en-GB",
    }


def booklet_pdf(*, user: Any, recruit: Recruit) -> bytes:
    """The recruit's booklet as a tagged PDF, rendered again only when its content changed."""
    context = booklet_context(user=user, recruit=recruit)
    html = render_to_string("pastoral/pdf/booklet.html", {**context, "pdf_title": _title(context)})
    fingerprint = hashlib.sha256(html.encode()).hexdigest()
    stored = BookletRender.objects.filter(recruit=recruit, fingerprint=fingerprint).values_list("content", flat=True)
    cached = stored.first()
    if cached is not None:
        return bytes(cached)
    content = pdf_render(template="pastoral/pdf/booklet.html", context=context, title=_title(context))
    BookletRender.objects.update_or_create(recruit=recruit, defaults={"fingerprint": fingerprint, "content": content})
    return content


def _title(context: dict[str, Any]) -> str:
    booklet = context["booklet"]
    return f"{booklet.title if booklet else 'Welcome booklet'}: {context['recruit'].full_name}"

"""Demo student placement (issue 18 item 6): in the West Midlands, Oakfield Care Homes offers two
places on its dementia unit (started two weeks before the demo is loaded, ending in two weeks); the
demo college's partner account puts a nursing student forward, the provider's admin accepts her,
and the first two weeks' attendance is recorded. The student signs in by emailed code with
`STUDENT_EMAIL` to read her placement. Running it again changes nothing."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from hubs.access import scope_for
from hubs.models import Region, TrainingPartner
from providers.models import Provider
from training.models import PlacementOffer, PlacementStatus
from training.placements import (
    placement_attendance_record,
    placement_decide,
    placement_offer_add,
    placement_put_forward,
)

OFFERING_PROVIDER = "Oakfield Care Homes Ltd"
OFFERING_ADMIN = "admin.oakfield@"
PARTNER_ACCOUNT = "partner.wm@"
SETTING = "Dementia nursing unit, Oakfield House"
STUDENT_EMAIL = "priya.patel@students.demo.test"
STUDENT = {"name": "Priya Patel", "course": "BSc (Hons) Adult Nursing, year 2", "email": STUDENT_EMAIL}


@transaction.atomic
def seed_placement(region: Region) -> None:
    provider = Provider.objects.filter(region=region, name=OFFERING_PROVIDER).first()
    admin = User.objects.filter(email__startswith=OFFERING_ADMIN).first()
    partner_user = User.objects.filter(email__startswith=PARTNER_ACCOUNT).first()
    if provider is None or admin is None or partner_user is None:
        return
    partner = TrainingPartner.objects.filter(id__in=scope_for(partner_user).partner_organisations).first()
    if partner is None or PlacementOffer.objects.filter(provider=provider, setting=SETTING).exists():
        return
    start = timezone.localdate() - timedelta(days=14)
    offer = placement_offer_add(
        actor=admin,
        provider=provider,
        data={
            "setting": SETTING,
            "starts_on": start,
            "ends_on": start + timedelta(days=27),
            "places": 2,
            "requirements": "Second or third year nursing students; an enhanced DBS check through the university.",
        },
    )
    placement = placement_put_forward(actor=partner_user, offer=offer, partner=partner, data=STUDENT)
    placement_decide(actor=admin, placement=placement, accept=True, reason="")
    assert placement.status == PlacementStatus.ACCEPTED
    for week, days in ((0, 5), (1, 4)):
        placement_attendance_record(
            actor=admin,
            placement=placement,
            unit="week",
            starts_on=start + timedelta(days=7 * week),
            days_attended=days,
            note="Missed one shift: college study day" if days == 4 else "",
        )


CAREER_PAGES = [
    (
        "Senior care assistant",
        "Leads a shift of care assistants and looks after medicines and care plans.",
        "## What the role involves\n\n- Leading a shift and supporting newer carers\n- Giving medicines"
        " and keeping care plans up to date\n\n## How to get there\n\nA year or more as a care assistant,"
        " the **Care Certificate**, and the hub's funded Level 3 diploma.",
    ),
    (
        "Nursing associate",
        "Bridges care and registered nursing; a two-year apprenticeship registered with the NMC.",
        "## What the role involves\n\nClinical care under a registered nurse's supervision.\n\n"
        "## How to get there\n\nA two-year apprenticeship with a university partner of the hub; your"
        " employer releases you one day a week.",
    ),
]


def seed_career_pages(region: Region, author: User | None) -> None:
    from training.models import CareerPage

    for role, summary, body in CAREER_PAGES:
        CareerPage.objects.get_or_create(
            region=region, role=role, defaults={"summary": summary, "body": body, "updated_by": author}
        )

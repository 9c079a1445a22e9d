"""Training (issue 8): programmes and cohorts are seen by everyone working in their region;
enrolments, evidence, certificates and plans belong to a recruit and are seen by the region's
hub team, the recruit's current provider and the recruit (never council officers or national)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from hubs.access import Scope, fetch_changeable, fetch_visible, require_hub_team, require_lead, scope_for
from hubs.models import Region, TrainingPartner
from providers.models import Provider
from recruits.access import get_sensitive_recruit_for_user
from recruits.models import Recruit
from training.models import (
    CareerPage,
    Certificate,
    Cohort,
    EnglishEvidence,
    Enrolment,
    Learner,
    LiteracyAssessment,
    LiteracyBooking,
    LiteracyQuestion,
    Placement,
    PlacementOffer,
    Programme,
    Resource,
    SessionDay,
)


def _training_regions(scope: Scope) -> Q:
    """Regions whose training catalogue the user may browse: hub team, providers' and own region."""
    condition = Q(region_id__in=scope.hub_regions) | Q(
        region_id__in=Provider.objects.filter(id__in=scope.providers).values("region_id")
    )
    if scope.recruit_id is not None:
        condition |= Q(region_id__in=Recruit.objects.filter(id=scope.recruit_id).values("region_id"))
    return condition


def programmes_visible_to(user: Any) -> QuerySet[Any]:
    return Programme.objects.filter(_training_regions(scope_for(user)))


def programmes_editable_by(user: Any) -> QuerySet[Any]:
    return Programme.objects.filter(region_id__in=scope_for(user).hub_regions)


def cohorts_visible_to(user: Any) -> QuerySet[Any]:
    scope = scope_for(user)
    condition = _training_regions(scope)
    if scope.partner_organisations:
        condition |= Q(delivery_partner_id__in=scope.partner_organisations)
    return Cohort.objects.filter(condition)


def cohorts_editable_by(user: Any) -> QuerySet[Any]:
    return Cohort.objects.filter(region_id__in=scope_for(user).hub_regions)


def cohorts_registered_by(user: Any) -> QuerySet[Any]:
    """Cohorts whose attendance the user takes: the region's hub team, the cohort's trainer and its
    delivery partner (a college, university or NHS trust that runs it)."""
    scope = scope_for(user)
    return Cohort.objects.filter(
        Q(region_id__in=scope.hub_regions)
        | Q(trainer_id=scope.user_id or 0)
        | Q(delivery_partner_id__in=scope.partner_organisations)
    )


def _recruit_owned(scope: Scope) -> Q:
    condition = Q(region_id__in=scope.hub_regions) | Q(recruit__provider_id__in=scope.providers)
    if scope.recruit_id is not None:
        condition |= Q(recruit_id=scope.recruit_id)
    return condition


def _learner_owned(scope: Scope, prefix: str = "learner__") -> Q:
    """Rows of a learner: the region's hub team, the learner's employer today (a nominated
    learner's employer, a recruit's current provider) and the recruit themself."""
    condition = (
        Q(region_id__in=scope.hub_regions)
        | Q(**{f"{prefix}employer_id__in": scope.providers, f"{prefix}recruit__isnull": True})
        | Q(**{f"{prefix}recruit__provider_id__in": scope.providers})
    )
    if scope.recruit_id is not None:
        condition |= Q(**{f"{prefix}recruit_id": scope.recruit_id})
    return condition


def learners_visible_to(user: Any) -> QuerySet[Learner]:
    return Learner.objects.filter(_learner_owned(scope_for(user), prefix=""))


def learners_bookable_by(user: Any) -> QuerySet[Learner]:
    """Whom the user may book: the hub team anyone of its region, a provider its own staff (those it
    nominated and the recruits it employs), a recruit themself."""
    return learners_visible_to(user)


def enrolments_visible_to(user: Any) -> QuerySet[Any]:
    return Enrolment.objects.filter(_learner_owned(scope_for(user)))


def english_evidence_visible_to(user: Any) -> QuerySet[Any]:
    """A recruit's evidence (what the hub checks). A learner who is not a recruit has only their
    literacy result as evidence, shown with the literacy booking on their learner page."""
    return EnglishEvidence.objects.filter(_recruit_owned(scope_for(user)), recruit__isnull=False)


def certificates_visible_to(user: Any) -> QuerySet[Any]:
    return Certificate.objects.filter(_learner_owned(scope_for(user)))


def recruits_bookable_by(user: Any) -> QuerySet[Recruit]:
    """Whom the user may book onto training: the hub team anyone in the region, a provider its
    own staff, a recruit themself."""
    scope = scope_for(user)
    condition = Q(region_id__in=scope.hub_regions) | Q(provider_id__in=scope.providers)
    if scope.recruit_id is not None:
        condition |= Q(id=scope.recruit_id)
    return Recruit.objects.filter(condition)


def training_resources_visible_to(user: Any) -> QuerySet[Any]:
    return Resource.objects.filter(_training_regions(scope_for(user)))


def training_resources_editable_by(user: Any) -> QuerySet[Any]:
    """The hub team edits its region's library; a provider its own placement offers."""
    scope = scope_for(user)
    return Resource.objects.filter(Q(region_id__in=scope.hub_regions) | Q(provider_id__in=scope.providers))


# -- One fetch per object kind (404: not visible; 403: visible, not changeable) ----------------


def get_programme_for_user(
    request: Any, public_id: Any, *, related: Iterable[str] = (), prefetch: Iterable[str] = ()
) -> Programme:
    return fetch_visible(programmes_visible_to(request.user), public_id, related=related, prefetch=prefetch)


def get_programme_for_user_rw(request: Any, public_id: Any) -> Programme:
    return fetch_changeable(programmes_visible_to(request.user), programmes_editable_by(request.user), public_id)


def get_cohort_for_user(request: Any, public_id: Any, *, with_places: bool = False) -> Cohort:
    """`with_places`: with its programme, trainer and the places taken (the cohort's page)."""
    visible = cohorts_visible_to(request.user)
    if with_places:
        from training.selectors import cohort_with_places

        visible = cohort_with_places(user=request.user, queryset=visible)
    return fetch_visible(visible, public_id)


def get_session_day_for_user_rw(request: Any, public_id: Any) -> SessionDay:
    """A day of a visible cohort whose register the user takes (the trainer, the hub team)."""
    visible = SessionDay.objects.filter(cohort__in=cohorts_visible_to(request.user))
    day = fetch_visible(visible, public_id, related=["cohort__programme"])
    if not cohorts_registered_by(request.user).filter(pk=day.cohort_id).exists():
        raise PermissionDenied("The register is taken by the trainer, the delivery partner and the hub team.")
    return day


def get_enrolment_for_user(request: Any, public_id: Any, *, related: Iterable[str] = ()) -> Enrolment:
    return fetch_visible(enrolments_visible_to(request.user), public_id, related=related)


def get_enrolment_for_user_rw(request: Any, public_id: Any, *, related: Iterable[str] = ()) -> Enrolment:
    """A booking the user may cancel: theirs to book (the hub team, the employer, the recruit)."""
    enrolment = get_enrolment_for_user(request, public_id, related=related)
    if not learners_bookable_by(request.user).filter(pk=enrolment.learner_id).exists():
        raise PermissionDenied("You can see this booking but not cancel it.")
    return enrolment


def get_learner_for_user(request: Any, public_id: Any) -> Learner:
    """A learner the user sees (404 otherwise: another provider's staff does not exist for them)."""
    return fetch_visible(learners_visible_to(request.user), public_id, related=["employer", "recruit"])


def get_english_evidence_for_user(request: Any, public_id: Any, *, related: Iterable[str] = ()) -> EnglishEvidence:
    return fetch_visible(english_evidence_visible_to(request.user), public_id, related=related)


def get_certificate_for_user(request: Any, public_id: Any) -> Certificate:
    return fetch_visible(certificates_visible_to(request.user), public_id)


def get_training_resource_for_user(request: Any, public_id: Any, *, related: Iterable[str] = ()) -> Resource:
    return fetch_visible(training_resources_visible_to(request.user), public_id, related=related)


def get_certificate_for_user_rw(
    request: Any, public_id: Any, message: str = "Certificates are revoked by the hub team."
) -> Certificate:
    certificate = get_certificate_for_user(request, public_id)
    require_hub_team(request, certificate.region_id, message)
    return certificate


def get_cohort_for_hub_team(request: Any, public_id: Any, message: str) -> Cohort:
    """A visible cohort that only the hub team of its region may act on (404 outsiders, 403 others)."""
    cohort = fetch_visible(cohorts_visible_to(request.user), public_id, related=["programme"])
    require_hub_team(request, cohort.region_id, message)
    return cohort


def get_training_plan_recruit_for_user(request: Any, public_id: Any) -> Recruit:
    """The recruit whose training plan the user reads: the hub team, the current employer and the
    recruit only (the plan names their training); 403 for others who see the record."""
    return get_sensitive_recruit_for_user(
        request, public_id, related=["provider"], refusal="You cannot see this training plan."
    )


# -- The literacy assessment (issue 18 item 3): a hub's set-up is its hub team's; a booking is seen
# like the recruit's other training (hub team, employer, the recruit) and taken by the recruit alone.


def literacy_assessments_editable_by(user: Any) -> QuerySet[Any]:
    return LiteracyAssessment.objects.filter(region_id__in=scope_for(user).hub_regions)


def literacy_bookings_visible_to(user: Any) -> QuerySet[Any]:
    """A recruit's booking like their training; a learner's who is not a recruit like their bookings
    (the hub team and the employer who nominated them)."""
    scope = scope_for(user)
    return LiteracyBooking.objects.filter(_recruit_owned(scope) | _learner_owned(scope))


def get_literacy_assessment_for_user_rw(request: Any, public_id: Any) -> LiteracyAssessment:
    """404 for everyone but the region's hub team: the set-up holds the right answers."""
    return fetch_visible(literacy_assessments_editable_by(request.user), public_id)


def get_literacy_question_for_user_rw(request: Any, public_id: Any) -> LiteracyQuestion:
    visible = LiteracyQuestion.objects.filter(region_id__in=scope_for(request.user).hub_regions)
    return fetch_visible(visible, public_id, related=["assessment"])


def get_literacy_booking_for_user(request: Any, public_id: Any) -> LiteracyBooking:
    return fetch_visible(
        literacy_bookings_visible_to(request.user), public_id, related=["assessment", "recruit", "learner"]
    )


def get_literacy_booking_for_user_rw(request: Any, public_id: Any) -> LiteracyBooking:
    """A booking whose result the hub team records (403 for the recruit and employer who see it)."""
    booking = get_literacy_booking_for_user(request, public_id)
    require_hub_team(request, booking.region_id, "Results are recorded by the hub team.")
    return booking


# -- training partners (the region's colleges, universities, NHS trusts) ----------------------------


def training_partners_visible_to(user: Any) -> QuerySet[TrainingPartner]:
    """The hub team sees its regions' partners; only the lead adds and changes them."""
    return TrainingPartner.objects.filter(region_id__in=scope_for(user).hub_regions)


def training_partners_editable_by(user: Any) -> QuerySet[TrainingPartner]:
    return TrainingPartner.objects.filter(region_id__in=scope_for(user).lead_regions)


def get_training_partner_for_user_rw(request: Any, public_id: Any) -> TrainingPartner:
    return fetch_changeable(
        training_partners_visible_to(request.user),
        training_partners_editable_by(request.user),
        public_id,
        related=["region"],
    )


def get_region_for_new_training_partner(request: Any) -> Region:
    """The region a lead adds a partner to: the first region they lead (a lead leads one region)."""
    scope = scope_for(request.user)
    if not scope.leads_a_region:
        raise PermissionDenied("Only the region's IR lead adds training partners.")
    return Region.objects.get(id=min(scope.lead_regions))


# -- student placements (issue 18 item 2): an offer is seen by the region's hub team, the provider
# that offers it and the region's colleges and universities (who put students forward); a student's
# placement by the hub team, the offering provider and the partner that put the student forward.
# Another provider's offers, another partner's students and other regions: 404.


def placement_offers_visible_to(user: Any) -> QuerySet[PlacementOffer]:
    scope = scope_for(user)
    partner_regions = TrainingPartner.objects.filter(id__in=scope.partner_organisations).values("region_id")
    return PlacementOffer.objects.filter(
        Q(region_id__in=scope.hub_regions) | Q(provider_id__in=scope.providers) | Q(region_id__in=partner_regions)
    )


def placement_offers_editable_by(user: Any) -> QuerySet[PlacementOffer]:
    """The hub team and the offering provider's admins change an offer and decide on its students."""
    scope = scope_for(user)
    return PlacementOffer.objects.filter(Q(region_id__in=scope.hub_regions) | Q(provider_id__in=scope.admin_providers))


def placements_visible_to(user: Any) -> QuerySet[Placement]:
    scope = scope_for(user)
    return Placement.objects.filter(
        Q(region_id__in=scope.hub_regions)
        | Q(offer__provider_id__in=scope.providers)
        | Q(partner_id__in=scope.partner_organisations)
    )


PLACEMENT_ACTIONS = {
    "decide": "Students are accepted or declined by the hub team and the provider's admins.",
    "attend": "Attendance is recorded by the provider and the hub team.",
    "report": "The placement report is written by the provider.",
}


def placement_may(scope: Scope, placement: Placement, to: str) -> bool:
    """Whether the user may act on a placement they see: `decide`, record attendance, write the report."""
    provider_id = placement.offer.provider_id
    if to == "decide":
        return scope.is_hub_team(placement.region_id) or scope.is_provider_admin(provider_id)
    if to == "attend":
        return scope.is_hub_team(placement.region_id) or scope.is_provider_user(provider_id)
    return scope.is_provider_user(provider_id)


def get_placement_offer_for_user(request: Any, public_id: Any) -> PlacementOffer:
    return fetch_visible(placement_offers_visible_to(request.user), public_id, related=["provider"])


def get_placement_offer_for_user_rw(request: Any, public_id: Any) -> PlacementOffer:
    return fetch_changeable(
        placement_offers_visible_to(request.user), placement_offers_editable_by(request.user), public_id
    )


def get_placement_offer_for_partner(request: Any, public_id: Any) -> tuple[PlacementOffer, TrainingPartner]:
    """An offer a college or university puts students forward for, and the partner acting (403 for
    others who see the offer: only the region's colleges and universities put students forward)."""
    offer = get_placement_offer_for_user(request, public_id)
    partners = TrainingPartner.objects.filter(
        id__in=scope_for(request.user).partner_organisations, region_id=offer.region_id
    ).order_by("name", "id")
    partner = partners.first()
    if partner is None:
        raise PermissionDenied("Students are put forward by the region's colleges and universities.")
    return offer, partner


def get_placement_for_user(request: Any, public_id: Any) -> Placement:
    return fetch_visible(
        placements_visible_to(request.user), public_id, related=["offer__provider", "learner", "partner"]
    )


def get_placement_for_user_rw(request: Any, public_id: Any, *, to: str) -> Placement:
    placement = get_placement_for_user(request, public_id)
    if not placement_may(scope_for(request.user), placement, to):
        raise PermissionDenied(PLACEMENT_ACTIONS[to])
    return placement


# -- careers pages (issue 18 item 2): read by everyone who works in the region (hub team, providers,
# recruits, the region's colleges and universities), written by its hub team; other regions 404.


def career_pages_visible_to(user: Any) -> QuerySet[CareerPage]:
    scope = scope_for(user)
    partner_regions = TrainingPartner.objects.filter(id__in=scope.partner_organisations).values("region_id")
    return CareerPage.objects.filter(_training_regions(scope) | Q(region_id__in=partner_regions))


def get_career_page_for_user(request: Any, public_id: Any) -> CareerPage:
    return fetch_visible(career_pages_visible_to(request.user), public_id)


def get_career_page_for_user_rw(request: Any, public_id: Any) -> CareerPage:
    return fetch_changeable(
        career_pages_visible_to(request.user),
        CareerPage.objects.filter(region_id__in=scope_for(request.user).hub_regions),
        public_id,
    )


def get_learner_for_user_rights(request: Any, public_id: Any) -> Learner:
    """A nominated learner or a student whose data rights the user handles: the region's lead (404
    for those who do not see the learner, 403 for those who see but do not lead). A recruit's
    rights are handled on the recruit (`rights_recruit`): their learner row is not a subject here."""
    learner = fetch_visible(learners_visible_to(request.user).filter(recruit__isnull=True), public_id)
    require_lead(request, learner.region_id, "A learner's data rights are handled by the region's IR lead.")
    return learner


def get_region_for_new_career_page(request: Any) -> Region:
    """The region a hub team member writes a careers page for (their first region); 404 for others."""
    scope = scope_for(request.user)
    if not scope.hub_regions:
        raise Http404("Careers pages are written by the hub team")
    return Region.objects.get(id=min(scope.hub_regions))

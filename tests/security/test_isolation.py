"""The isolation sweep: every URL that takes an id answers 404 to a user of another tenant.

Each id-taking URL of the project must appear in exactly one registry below:
- CASES: builds an object in region A and the URL kwargs for it; the sweep requests it as
  every user of region B (and as the other tenants of region A that must not see it) with GET
  and POST and expects 404, then checks that an allowed user does get through;
- TOKEN_ROUTES: capability URLs whose "id" is a secret token, covered by their own tests;
- the Django admin, which is superuser-only and covered by `test_admin_is_superuser_only`.
A new URL that takes an id and is in none of them fails `test_every_id_route_has_a_case`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import timezone

from hubs.roles import Role
from invitations.models import Invitation
from tests.advice import builders as advice_builders
from tests.campaigns import builders as campaign_builders
from tests.compliance import builders as compliance_builders
from tests.conftest import Cast, login_fresh
from tests.pastoral import builders as pastoral_builders
from tests.practice import builders as practice_builders
from tests.security.urls import id_routes

# name → (build kwargs from the cast, attribute names of users who may see it, who may not)
Case = tuple[Callable[[Cast], dict], list[str], list[str]]


def _invitation_in_a(cast: Cast) -> dict:
    invitation = Invitation.objects.create(
        email="new.person@portal.test",
        role=Role.HUB_STAFF,
        region=cast.region_a,
        token_hash="x" * 64,
        expires_at=timezone.now() + timedelta(days=3),
        invited_by=cast.lead_a,
    )
    return {"public_id": invitation.public_id}


def _training_partner_in_a(cast: Cast):
    from hubs.models import PartnerKind, TrainingPartner

    partner, _ = TrainingPartner.objects.get_or_create(
        region=cast.region_a, name="Walsall College", defaults={"kind": PartnerKind.COLLEGE}
    )
    return partner


def _agency_in_a(cast: Cast):
    from hubs.models import Agency

    agency, _ = Agency.objects.get_or_create(
        region=cast.region_a, name="Ethical Care Partners", defaults={"last_checked": timezone.localdate()}
    )
    return agency


def _webauthn_key_of_lead_a(cast: Cast) -> dict:
    key = Authenticator.objects.create(user=cast.lead_a, type=Authenticator.Type.WEBAUTHN, data={"name": "key"})
    return {"pk": key.pk}


def _session_of_lead_a(cast: Cast) -> dict:
    """A signed-in session of lead A's (on another device); only lead A may end it."""
    from django.contrib.auth import SESSION_KEY

    from accounts.sessions import LAST_SEEN, REFERENCE, SIGNED_IN_AT, SessionStore

    store = SessionStore()
    now = int(timezone.now().timestamp())
    store.update({SESSION_KEY: str(cast.lead_a.pk), REFERENCE: str(uuid.uuid4()), SIGNED_IN_AT: now, LAST_SEEN: now})
    store.save()
    return {"reference": store[REFERENCE]}


OUTSIDERS_OF_REGION_A = [
    "lead_b",
    "staff_b",
    "council_officer_b",
    "provider_admin_b",
    "recruit_user_b",
    "national",
    # ADASS regional members (issue 16 item 4) read their region's figures, never a record: region A's
    # records are a 404 to region A's member as well as to region B's.
    "adass_a",
    "adass_b",
]

# Training (issue 8): who works on region A's training, and who must not see a recruit's record in it.
HUB_A = ["lead_a", "staff_a"]
TRAINING_A = [*HUB_A, "provider_admin_a", "provider_staff_a", "recruit_user_a"]
TRAINING_OUT = [*OUTSIDERS_OF_REGION_A, "council_officer_a"]
OTHER_OWNER = [*TRAINING_OUT, "provider_admin_a", "provider_staff_a", "recruit_user_a"]
# Licence compliance (issue 6): the provider's own people and recruits never see its case.
COMPLIANCE_OUT_OF_AREA = [*OUTSIDERS_OF_REGION_A, "provider_admin_a", "provider_staff_a", "recruit_user_a"]
COMPLIANCE_OUT = [*COMPLIANCE_OUT_OF_AREA, "council_officer_a"]
# Pastoral (issue 7): a hub's settings and booklet are its region's hub team's alone.
PASTORAL_HUB_OUT = [
    *OUTSIDERS_OF_REGION_A,
    "council_officer_a",
    "provider_admin_a",
    "provider_staff_a",
    "recruit_user_a",
]

# Student placements (issue 18 item 2): region B's college, and for a student, region A's other college.
PLACEMENT_OFFER_OUT = [*OTHER_OWNER, "partner_b"]
PLACEMENT_OUT = [*OTHER_OWNER, "partner_other_a", "partner_b"]

# A region's agency framework is read by its hub team, providers and councils: not by recruits.
AGENCY_OUT = [*OUTSIDERS_OF_REGION_A, "recruit_user_a"]

# Advice: another provider's thread or subscription in region A, and a council's request about provider A.
ADVICE_OTHER_PROVIDER_OUT = [
    *OUTSIDERS_OF_REGION_A,
    "provider_admin_a",
    "provider_staff_a",
    "council_officer_a",
    "recruit_user_a",
]
ADVICE_COUNCIL_OUT = [*OUTSIDERS_OF_REGION_A, "provider_admin_a", "provider_staff_a", "recruit_user_a"]

# The good-practice library is the hub teams' and the national team's alone.
NOT_HUB_TEAMS = [
    "council_officer_a",
    "council_officer_b",
    "provider_admin_a",
    "provider_staff_a",
    "provider_admin_b",
    "recruit_user_a",
    "recruit_user_b",
]

# A campaign of region A is its hub team's; its employers read it.
CAMPAIGN_OUT = [*OUTSIDERS_OF_REGION_A, "council_officer_a", "recruit_user_a"]
# Applicants are the hub team's alone: the campaign's employers do not see them at these stages.
APPLICATION_OUT = [*CAMPAIGN_OUT, "provider_admin_a", "provider_staff_a"]
# An interview is also its panel's: provider admin A sits on the builder's panel, provider staff A does not.
INTERVIEW_OUT = [*CAMPAIGN_OUT, "provider_staff_a"]

CASES: dict[str, Case] = {
    "hub_detail": (lambda cast: {"public_id": cast.hub_a.public_id}, ["lead_a", "staff_a"], OUTSIDERS_OF_REGION_A),
    "invitation_revoke": (
        _invitation_in_a,
        ["lead_a"],
        [*OUTSIDERS_OF_REGION_A, "staff_a", "provider_admin_a", "council_officer_a", "recruit_user_a"],
    ),
    # POST only; a person ends only their own sessions: everybody else, lead A's colleagues too, gets 404.
    "session_end": (_session_of_lead_a, [], [*OUTSIDERS_OF_REGION_A, "staff_a", "provider_admin_a", "recruit_user_a"]),
    # allauth scopes security keys to their owner; another user's key id must not resolve.
    "mfa_edit_webauthn": (_webauthn_key_of_lead_a, [], ["lead_b", "staff_a", "national"]),
    "mfa_remove_webauthn": (_webauthn_key_of_lead_a, [], ["lead_b", "staff_a", "national"]),
    # Recruit documents: builders at the end of this file.
    "recruit_document_upload": (
        lambda cast: {"public_id": cast.recruit_a.public_id},
        ["lead_a", "staff_a", "provider_admin_a", "provider_staff_a", "recruit_user_a"],
        [*OUTSIDERS_OF_REGION_A, "council_officer_a"],
    ),
    "recruit_document_download": (
        lambda cast: {"public_id": _document_in_a(cast, cast.recruit_a).public_id},
        ["lead_a", "staff_a", "provider_admin_a", "provider_staff_a", "recruit_user_a"],
        [*OUTSIDERS_OF_REGION_A, "council_officer_a"],
    ),
    "recruit_document_delete": (
        lambda cast: {"public_id": _document_in_a(cast, _recruit_of_another_provider_in_a(cast)).public_id},
        ["lead_a", "staff_a"],
        [*OUTSIDERS_OF_REGION_A, "council_officer_a", "provider_admin_a", "provider_staff_a", "recruit_user_a"],
    ),
    # Provider pages and reporting duties: builders at the end of this file.
    "provider_detail": (
        lambda cast: {"public_id": _another_provider_in_a(cast).public_id},
        ["lead_a", "staff_a", "council_officer_a"],
        [*OUTSIDERS_OF_REGION_A, "provider_admin_a", "provider_staff_a", "recruit_user_a"],
    ),
    "provider_edit": (
        lambda cast: {"public_id": _another_provider_in_a(cast).public_id},
        ["lead_a", "staff_a"],
        [*OUTSIDERS_OF_REGION_A, "provider_admin_a", "provider_staff_a", "recruit_user_a"],
    ),
    "provider_licence_change": (
        lambda cast: {"public_id": _another_provider_in_a(cast).public_id},
        ["lead_a"],
        [*OUTSIDERS_OF_REGION_A, "provider_admin_a", "provider_staff_a", "recruit_user_a"],
    ),
    "duty_new": (
        lambda cast: {"public_id": cast.provider_a.public_id},
        ["lead_a", "staff_a", "provider_admin_a", "provider_staff_a"],
        [*OUTSIDERS_OF_REGION_A, "recruit_user_a"],
    ),
    "duty_mark_reported": (
        lambda cast: {"public_id": _duty_of_provider_a(cast).public_id},
        ["lead_a", "staff_a", "provider_admin_a", "provider_staff_a"],
        [*OUTSIDERS_OF_REGION_A, "council_officer_a", "recruit_user_a"],
    ),
    # Recruit pages: the record of provider A's recruit, and (for writes) of another provider in region A.
    "recruit_detail": (
        lambda cast: {"public_id": cast.recruit_a.public_id},
        ["lead_a", "staff_a", "provider_admin_a", "provider_staff_a"],
        [*OUTSIDERS_OF_REGION_A, "council_officer_a"],
    ),
    "recruit_edit": (
        lambda cast: {"public_id": _recruit_of_another_provider_in_a(cast).public_id},
        ["lead_a", "staff_a"],
        [*OUTSIDERS_OF_REGION_A, "council_officer_a", "provider_admin_a", "provider_staff_a", "recruit_user_a"],
    ),
    "recruit_transition": (
        lambda cast: {"public_id": _recruit_of_another_provider_in_a(cast).public_id},
        ["lead_a", "staff_a"],
        [*OUTSIDERS_OF_REGION_A, "council_officer_a", "provider_admin_a", "provider_staff_a", "recruit_user_a"],
    ),
    # Data rights (issue 19 item 4): the region's lead alone; hub staff, the provider and the recruit
    # see the record and get 403 (tests/accesslog/test_data_rights.py), so they are in neither list.
    "rights_recruit": (
        lambda cast: {"public_id": cast.recruit_a.public_id},
        ["lead_a"],
        [*OUTSIDERS_OF_REGION_A, "council_officer_a"],
    ),
    "rights_recruit_export": (
        lambda cast: {"public_id": cast.recruit_a.public_id},
        [],
        [*OUTSIDERS_OF_REGION_A, "council_officer_a"],
    ),
    "rights_recruit_erase": (
        lambda cast: {"public_id": cast.recruit_a.public_id},
        ["lead_a"],
        [*OUTSIDERS_OF_REGION_A, "council_officer_a"],
    ),
    # Issue 18: a nominated learner's and a student's rights are their region's lead's; hub staff and
    # the employer who see the learner get 403 (tests/training/test_learner_rights.py).
    **{
        name: (
            lambda cast: {"public_id": _learner_of_other_provider(cast).public_id},
            [] if name.endswith("export") else ["lead_a"],
            [*OTHER_OWNER],
        )
        for name in ("rights_learner", "rights_learner_export", "rights_learner_erase")
    },
    # A candidate's rights are their region's lead's; hub staff see the application and get 403
    # (tests/campaigns/test_personal_data.py); the employers do not see applicants (404).
    **{
        name: (
            lambda cast: {"public_id": campaign_builders.application_in_a(cast).public_id},
            [] if name.endswith("export") else ["lead_a"],
            APPLICATION_OUT,
        )
        for name in ("rights_candidate", "rights_candidate_export", "rights_candidate_erase")
    },
    # Notifications: an inbox item is its owner's alone; retries are for the region's leads.
    "inbox_open": (
        lambda cast: {"public_id": _notification_of(cast, cast.staff_a).public_id},
        ["staff_a"],
        [*OUTSIDERS_OF_REGION_A, "lead_a", "provider_admin_a", "council_officer_a", "recruit_user_a"],
    ),
    "reminder_retry": (
        lambda cast: {"public_id": _failed_reminder_in_a(cast).public_id},
        ["lead_a"],
        [*OUTSIDERS_OF_REGION_A, "staff_a", "provider_admin_a", "council_officer_a", "recruit_user_a"],
    ),
    "email_retry": (
        lambda cast: {"public_id": _notification_of(cast, cast.staff_a, failed=True).public_id},
        ["lead_a"],
        [*OUTSIDERS_OF_REGION_A, "staff_a", "provider_admin_a", "council_officer_a", "recruit_user_a"],
    ),
    # Rematching displaced workers (issue 5): builders at the end of this file.
    "rematch_detail": (
        lambda cast: {"public_id": _rematch_of_recruit_a(cast).public_id},
        ["lead_a", "staff_a", "provider_admin_a", "provider_staff_a", "recruit_user_a"],
        [*OUTSIDERS_OF_REGION_A, "council_officer_a"],
    ),
    "rematch_new_for_recruit": (
        lambda cast: {"public_id": cast.recruit_a.public_id},
        ["lead_a", "staff_a", "provider_admin_a", "provider_staff_a"],
        [*OUTSIDERS_OF_REGION_A, "council_officer_a"],
    ),
    "rematch_bulk": (
        lambda cast: {"public_id": _another_provider_in_a(cast).public_id},
        ["lead_a", "staff_a"],
        [*OUTSIDERS_OF_REGION_A, "provider_admin_a", "provider_staff_a", "recruit_user_a"],
    ),
    **{
        name: (
            lambda cast: {"public_id": _rematch_of_another_provider_in_a(cast).public_id},
            [] if name in ("rematch_note", "rematch_handover") else ["lead_a", "staff_a"],
            [*OUTSIDERS_OF_REGION_A, "council_officer_a", "provider_admin_a", "provider_staff_a", "recruit_user_a"],
        )
        for name in (
            "rematch_transition",
            "rematch_note",
            "rematch_dates",
            "rematch_owner",
            "rematch_preferences",
            "rematch_matches",
            "rematch_place",
            "rematch_handover",
        )
    },
    "rematch_introduce": (
        lambda cast: {
            "public_id": _rematch_of_another_provider_in_a(cast).public_id,
            "vacancy_id": _vacancy_of_another_provider_in_a(cast).public_id,
        },
        ["lead_a", "staff_a"],
        [*OUTSIDERS_OF_REGION_A, "council_officer_a", "provider_admin_a", "provider_staff_a", "recruit_user_a"],
    ),
    # The passport of recruit A introduced to another provider's vacancy: the old employer sees nothing.
    "introduction_passport": (
        lambda cast: {"public_id": _introduction_of_recruit_a(cast).public_id},
        ["lead_a", "staff_a"],
        [*OUTSIDERS_OF_REGION_A, "council_officer_a", "provider_admin_a", "provider_staff_a", "recruit_user_a"],
    ),
    # A hand-over between region A and London: region B's people and region A's non-leads see nothing.
    # POST only: GET answers 405 to everybody, POST 404 to outsiders.
    **{
        name: (
            lambda cast: {"public_id": _handover_from_a(cast).public_id},
            [],
            [
                *OUTSIDERS_OF_REGION_A,
                "staff_a",
                "council_officer_a",
                "provider_admin_a",
                "provider_staff_a",
                "recruit_user_a",
            ],
        )
        for name in ("handover_accept", "handover_decline")
    },
    "rematch_confirm": (
        lambda cast: {"public_id": _public_referral_in_a(cast).public_id},
        ["lead_a", "staff_a"],
        [*OUTSIDERS_OF_REGION_A, "council_officer_a", "provider_admin_a", "provider_staff_a", "recruit_user_a"],
    ),
    "vacancy_new": (
        lambda cast: {"public_id": cast.provider_a.public_id},
        ["lead_a", "staff_a", "provider_admin_a", "provider_staff_a"],
        [*OUTSIDERS_OF_REGION_A, "recruit_user_a"],
    ),
    **{
        name: (
            lambda cast: {"public_id": _vacancy_of_another_provider_in_a(cast).public_id},
            ["lead_a", "staff_a"],
            [*OUTSIDERS_OF_REGION_A, "council_officer_a", "provider_admin_a", "provider_staff_a", "recruit_user_a"],
        )
        for name in ("vacancy_detail", "vacancy_edit", "pool_new")
    },
    **{
        name: (
            lambda cast: {"public_id": _pool_of_another_provider_in_a(cast).public_id},
            ["lead_a", "staff_a"] if name in ("pool_detail", "pool_answer", "pool_confirmation_pdf") else [],
            [*OUTSIDERS_OF_REGION_A, "council_officer_a", "provider_admin_a", "provider_staff_a", "recruit_user_a"],
        )
        for name in (
            "pool_detail",
            "pool_answer",
            "pool_shortlist",
            "pool_none_available",
            "pool_confirmation_issue",
            "pool_confirmation_pdf",
            "pool_ukvi_told",
        )
    },
    "pool_candidate_outcome": (
        lambda cast: {"public_id": _pool_candidate_of_another_provider_in_a(cast).public_id},
        [],
        [*OUTSIDERS_OF_REGION_A, "council_officer_a", "provider_admin_a", "provider_staff_a", "recruit_user_a"],
    ),
    # Training (issue 8): builders at the end of this file. Catalogue rows are seen by everyone
    # working in region A; a recruit's bookings, evidence, plan and certificates only by the hub
    # team, the recruit's own employer and the recruit.
    "programme_detail": (
        lambda cast: {"public_id": _training_programme_in_a(cast).public_id},
        TRAINING_A,
        TRAINING_OUT,
    ),
    "programme_edit": (lambda cast: {"public_id": _training_programme_in_a(cast).public_id}, HUB_A, TRAINING_OUT),
    "cohort_new": (lambda cast: {"public_id": _training_programme_in_a(cast).public_id}, HUB_A, TRAINING_OUT),
    "cohort_detail": (lambda cast: {"public_id": _training_cohort_in_a(cast).public_id}, TRAINING_A, TRAINING_OUT),
    # POST only: GET answers 405 to everybody, POST 404 to outsiders.
    "cohort_book": (lambda cast: {"public_id": _training_cohort_in_a(cast).public_id}, [], TRAINING_OUT),
    "session_day_register": (
        lambda cast: {"public_id": _training_cohort_in_a(cast).days.first().public_id},
        HUB_A,
        TRAINING_OUT,
    ),
    "enrolment_detail": (lambda cast: {"public_id": _enrolment_of_other_provider(cast).public_id}, HUB_A, OTHER_OWNER),
    "enrolment_cancel": (lambda cast: {"public_id": _enrolment_of_other_provider(cast).public_id}, HUB_A, OTHER_OWNER),
    "evidence_new": (lambda cast: {"public_id": cast.recruit_a.public_id}, TRAINING_A, TRAINING_OUT),
    "assessment_new": (lambda cast: {"public_id": cast.recruit_a.public_id}, HUB_A, TRAINING_OUT),
    "training_plan": (lambda cast: {"public_id": cast.recruit_a.public_id}, TRAINING_A, TRAINING_OUT),
    "training_plan_pdf": (lambda cast: {"public_id": cast.recruit_a.public_id}, TRAINING_A, TRAINING_OUT),
    "evidence_review": (lambda cast: {"public_id": _evidence_of_other_provider(cast).public_id}, HUB_A, OTHER_OWNER),
    "certificate_download": (
        lambda cast: {"public_id": _certificate_of_other_provider(cast).public_id},
        HUB_A,
        OTHER_OWNER,
    ),
    "certificate_revoke": (
        lambda cast: {"public_id": _certificate_of_other_provider(cast).public_id},
        HUB_A,
        OTHER_OWNER,
    ),
    # Issue 18 item 1: a nominated learner is seen by the hub team and their own employer only; a
    # learner's certificate download answers only that learner's emailed-code session (nobody here).
    "learner_detail": (lambda cast: {"public_id": _learner_of_other_provider(cast).public_id}, HUB_A, OTHER_OWNER),
    # A learner who is not a recruit: booked onto the literacy assessment by the hub team or the
    # employer (POST only: GET 405 to everybody, POST 404 to outsiders); taken on their own page,
    # signed in by emailed code (no portal account: every signed-in user gets 404).
    "learner_literacy_book": (lambda cast: {"public_id": _learner_of_other_provider(cast).public_id}, [], OTHER_OWNER),
    "learner_literacy": (
        lambda cast: {"public_id": _literacy_booking_of_nominated_learner(cast).public_id},
        [],
        [*OTHER_OWNER, *HUB_A],
    ),
    "learner_certificate_download": (
        lambda cast: {"public_id": _certificate_of_nominated_learner(cast).public_id},
        [],
        [*OTHER_OWNER, *HUB_A],
    ),
    # Issue 18 item 3: the literacy assessment's set-up (with its right answers) is the hub team's
    # alone; a booking is seen like the recruit's training and its result recorded by the hub team.
    **{
        name: (lambda cast: {"public_id": _literacy_assessment_in_a(cast).public_id}, HUB_A, PASTORAL_HUB_OUT)
        for name in ("literacy_assessment", "literacy_assessment_edit", "literacy_question_new")
    },
    # POST only: GET answers 405 to everybody, POST 404 to outsiders.
    "literacy_question_remove": (
        lambda cast: {"public_id": _literacy_assessment_in_a(cast).questions.get().public_id},
        [],
        PASTORAL_HUB_OUT,
    ),
    "literacy_book": (lambda cast: {"public_id": cast.recruit_a.public_id}, [], TRAINING_OUT),
    "literacy_booking": (
        lambda cast: {"public_id": _literacy_booking_of_other_provider(cast).public_id},
        HUB_A,
        OTHER_OWNER,
    ),
    "literacy_result": (
        lambda cast: {"public_id": _literacy_booking_of_other_provider(cast).public_id},
        HUB_A,
        OTHER_OWNER,
    ),
    # Issue 18 items 5-6: the awarding body's certificate and registration list are the hub team's
    # (region A's providers and recruits who see the record get 403: tests/training/test_awarding.py).
    "certificate_award": (
        lambda cast: {"public_id": _certificate_of_other_provider(cast).public_id},
        HUB_A,
        OTHER_OWNER,
    ),
    "cohort_registration_csv": (
        lambda cast: {"public_id": _training_cohort_in_a(cast).public_id},
        HUB_A,
        TRAINING_OUT,
    ),
    # Issue 18 item 2: a placement offer is seen by the region's hub team, the offering provider and
    # the region's colleges and universities (another provider's people: 404); a student's placement
    # by the hub team, the offering provider and the college that put the student forward (another
    # college of the region: 404). The partner users are made by `_placement_partners`.
    "placement_offer_detail": (
        lambda cast: {"public_id": _placement_offer_of_other_provider(cast).public_id},
        [*HUB_A, "partner_a", "partner_other_a"],
        PLACEMENT_OFFER_OUT,
    ),
    "placement_student_new": (
        lambda cast: {"public_id": _placement_offer_of_other_provider(cast).public_id},
        ["partner_a", "partner_other_a"],
        PLACEMENT_OFFER_OUT,
    ),
    "placement_detail": (
        lambda cast: {"public_id": _placement_in_a(cast).public_id},
        [*HUB_A, "partner_a"],
        PLACEMENT_OUT,
    ),
    # POST only: GET answers 405 to everybody, POST 404 to outsiders.
    **{
        name: (lambda cast: {"public_id": _placement_in_a(cast).public_id}, [], PLACEMENT_OUT)
        for name in ("placement_decision", "placement_attendance_new", "placement_report")
    },
    # Careers pages: read by everyone who works in region A (its colleges too), written by its hub team
    # (region A's providers, recruits and colleges get 403 on the form: tests/training/test_careers.py).
    "career_page": (
        lambda cast: {"public_id": _career_page_in_a(cast).public_id},
        [*TRAINING_A, "partner_a"],
        [*TRAINING_OUT, "partner_b"],
    ),
    "career_page_edit": (
        lambda cast: {"public_id": _career_page_in_a(cast).public_id},
        HUB_A,
        [*TRAINING_OUT, "partner_b"],
    ),
    "resource_detail": (lambda cast: {"public_id": _resource_in_a(cast).public_id}, TRAINING_A, TRAINING_OUT),
    "resource_file": (lambda cast: {"public_id": _document_resource_in_a(cast).public_id}, TRAINING_A, TRAINING_OUT),
    # POST only, for recruits: GET answers 405; others in region A get 403.
    "resource_enquire": (lambda cast: {"public_id": _resource_in_a(cast).public_id}, [], TRAINING_OUT),
    "osce": (lambda cast: {"public_id": cast.recruit_a.public_id}, TRAINING_A, TRAINING_OUT),
    # POST only: GET answers 405 to everybody, POST 404 to outsiders.
    **{
        name: (lambda cast: {"public_id": cast.recruit_a.public_id}, [], TRAINING_OUT)
        for name in ("osce_set_deadline", "osce_record_attempt", "development_plan_agree", "development_plan_review")
    },
    "care_certificate": (lambda cast: {"public_id": cast.recruit_a.public_id}, TRAINING_A, TRAINING_OUT),
    "development_plan": (lambda cast: {"public_id": cast.recruit_a.public_id}, TRAINING_A, TRAINING_OUT),
    "development_plan_edit": (
        lambda cast: {"public_id": cast.recruit_a.public_id},
        [*HUB_A, "provider_admin_a", "provider_staff_a"],
        TRAINING_OUT,
    ),
    # Licence compliance (issue 6): builders in tests/compliance/builders.py. The council officer of
    # the provider's area reads the case (no workers); decisions are the lead's (hub staff get 403).
    "licence_event_new": (lambda cast: {"public_id": cast.provider_a.public_id}, ["lead_a"], COMPLIANCE_OUT),
    # Rule 19: a region's agencies and their re-checks are its hub team's.
    # The framework (issue 16 item 3): region A's providers and council read it (and get 403 on the
    # lead's and the hub team's pages, tests/recruits/test_agency_framework.py); other regions and recruits 404.
    "agency_detail": (
        lambda cast: {"public_id": _agency_in_a(cast).public_id},
        [*HUB_A, "provider_admin_a", "provider_staff_a", "council_officer_a"],
        AGENCY_OUT,
    ),
    "agency_check": (lambda cast: {"public_id": _agency_in_a(cast).public_id}, HUB_A, AGENCY_OUT),
    # The region's training partners: the lead changes them (hub staff read the list and get 403 here).
    "training_partner_edit": (
        lambda cast: {"public_id": _training_partner_in_a(cast).public_id},
        ["lead_a"],
        OTHER_OWNER,
    ),
    "agency_edit": (lambda cast: {"public_id": _agency_in_a(cast).public_id}, ["lead_a"], AGENCY_OUT),
    # Advice threads (issue 16 items 2 and 4, issue 15 item 8): a provider's request is its own and its
    # region's hub team's; a council's request is the council's and the hub team's (never the provider
    # it is about, nor another council or region). POST-only URLs list nobody as allowed.
    "advice_request_detail": (
        lambda cast: {"public_id": advice_builders.request_of_another_provider_in_a(cast).public_id},
        HUB_A,
        ADVICE_OTHER_PROVIDER_OUT,
    ),
    "advice_request_reply": (
        lambda cast: {"public_id": advice_builders.request_of_another_provider_in_a(cast).public_id},
        [],
        ADVICE_OTHER_PROVIDER_OUT,
    ),
    "advice_request_close": (
        lambda cast: {"public_id": advice_builders.council_request(cast).public_id},
        [],
        ADVICE_COUNCIL_OUT,
    ),
    "advice_document": (
        lambda cast: {"public_id": advice_builders.message_with_file(cast).public_id},
        HUB_A,
        ADVICE_OTHER_PROVIDER_OUT,
    ),
    "subscription_end": (
        lambda cast: {"public_id": advice_builders.subscription_of_another_provider_in_a(cast).public_id},
        ["lead_a"],
        ADVICE_OTHER_PROVIDER_OUT,
    ),
    "agency_status": (lambda cast: {"public_id": _agency_in_a(cast).public_id}, ["lead_a"], AGENCY_OUT),
    # A licence event's date correction and action-plan fee: the lead's (hub staff get 403).
    **{
        name: (
            lambda cast: {"public_id": compliance_builders.b_rating_in_a(cast).public_id},
            ["lead_a"],
            COMPLIANCE_OUT,
        )
        for name in ("licence_event_date", "licence_event_fee")
    },
    "case_detail": (
        lambda cast: {"public_id": compliance_builders.case_in_a(cast).public_id},
        [*HUB_A, "council_officer_a"],
        COMPLIANCE_OUT_OF_AREA,
    ),
    "case_status": (
        lambda cast: {"public_id": compliance_builders.case_in_a(cast).public_id},
        ["lead_a"],
        COMPLIANCE_OUT_OF_AREA,
    ),
    "case_owner": (
        lambda cast: {"public_id": compliance_builders.case_in_a(cast).public_id},
        ["lead_a"],
        COMPLIANCE_OUT_OF_AREA,
    ),
    **{
        name: (lambda cast: {"public_id": compliance_builders.case_in_a(cast).public_id}, HUB_A, COMPLIANCE_OUT_OF_AREA)
        for name in ("case_entry_new", "case_workers_add", "case_workers_rematch")
    },
    "case_pdf": (lambda cast: {"public_id": compliance_builders.case_in_a(cast).public_id}, HUB_A, COMPLIANCE_OUT),
    "case_workers_csv": (
        lambda cast: {"public_id": compliance_builders.case_in_a(cast).public_id},
        ["lead_a"],
        COMPLIANCE_OUT,
    ),
    "case_entry_download": (
        lambda cast: {"public_id": compliance_builders.document_entry_in_a(cast).public_id},
        HUB_A,
        COMPLIANCE_OUT,
    ),
    "step_detail": (lambda cast: {"public_id": compliance_builders.step_in_a(cast).public_id}, HUB_A, COMPLIANCE_OUT),
    # POST only: GET answers 405 to everybody, POST 404 to outsiders.
    **{
        name: (lambda cast: {"public_id": compliance_builders.step_in_a(cast).public_id}, [], COMPLIANCE_OUT)
        for name in ("step_complete", "step_update")
    },
    # POST only: GET answers 405 to everybody, POST 404 to outsiders.
    "case_worker_status": (
        lambda cast: {"public_id": compliance_builders.worker_in_a(cast).public_id},
        [],
        COMPLIANCE_OUT,
    ),
    "protocol_edit": (lambda cast: {"public_id": cast.region_a.public_id}, HUB_A, COMPLIANCE_OUT),
    # A council officer's note for the hub: the council of the provider's area (the hub team: 403).
    "case_council_note": (
        lambda cast: {"public_id": compliance_builders.case_in_a(cast).public_id},
        ["council_officer_a"],
        COMPLIANCE_OUT_OF_AREA,
    ),
    # The region's case figures: its ADASS member and hub team; everyone else, ADASS of B included, 404.
    "region_case_figures": (
        lambda cast: {"public_id": cast.region_a.public_id},
        ["adass_a", *HUB_A],
        [name for name in COMPLIANCE_OUT if name != "adass_a"],
    ),
    "alert_detail": (lambda cast: {"public_id": compliance_builders.alert_in_a(cast).public_id}, HUB_A, COMPLIANCE_OUT),
    "register_candidate": (
        lambda cast: {"public_id": compliance_builders.candidate_in_a(cast).public_id},
        HUB_A,
        COMPLIANCE_OUT,
    ),
    # POST only: GET answers 405 to everybody, POST 404 to outsiders.
    **{
        name: (lambda cast: {"public_id": compliance_builders.alert_in_a(cast).public_id}, [], COMPLIANCE_OUT)
        for name in ("alert_record_event", "alert_dismiss")
    },
    **{
        name: (lambda cast: {"public_id": compliance_builders.candidate_in_a(cast).public_id}, [], COMPLIANCE_OUT)
        for name in ("register_candidate_confirm", "register_candidate_reject")
    },
    # Pastoral support (issue 7): builders in tests/pastoral/builders.py. The plan and its check-in
    # dates are the hub's, the employer's and the recruit's; concerns, appointments and the booklet
    # copy of a recruit are never the employer's (confidential: tests/pastoral/test_confidentiality.py).
    "pastoral_plan": (lambda cast: {"public_id": cast.recruit_a.public_id}, TRAINING_A, TRAINING_OUT),
    "pastoral_plan_start": (lambda cast: {"public_id": cast.recruit_a.public_id}, HUB_A, TRAINING_OUT),
    "pastoral_plan_contacts": (
        lambda cast: {"public_id": pastoral_builders.plan_for(cast).recruit.public_id},
        HUB_A,
        TRAINING_OUT,
    ),
    "pastoral_recruit_booklet": (lambda cast: {"public_id": cast.recruit_a.public_id}, HUB_A, OTHER_OWNER),
    "pastoral_recruit_booklet_pdf": (lambda cast: {"public_id": cast.recruit_a.public_id}, HUB_A, OTHER_OWNER),
    "pastoral_appointment_new": (lambda cast: {"public_id": cast.recruit_a.public_id}, HUB_A, OTHER_OWNER),
    "pastoral_check_in": (
        lambda cast: {"public_id": pastoral_builders.plan_for(cast).check_ins.first().public_id},
        TRAINING_A,
        TRAINING_OUT,
    ),
    "pastoral_check_in_reschedule": (
        lambda cast: {"public_id": pastoral_builders.plan_for(cast).check_ins.first().public_id},
        HUB_A,
        TRAINING_OUT,
    ),
    "pastoral_concern": (
        lambda cast: {"public_id": pastoral_builders.help_concern(cast).public_id},
        HUB_A,
        OTHER_OWNER,
    ),
    "pastoral_appointment": (
        lambda cast: {"public_id": pastoral_builders.appointment_for(cast).public_id},
        [*HUB_A, "recruit_user_a"],
        [*TRAINING_OUT, "provider_admin_a", "provider_staff_a"],
    ),
    # POST only: GET answers 405 to everybody, POST 404 to outsiders.
    **{
        name: (lambda cast: {"public_id": pastoral_builders.help_concern(cast).public_id}, [], OTHER_OWNER)
        for name in ("pastoral_concern_act", "pastoral_concern_close")
    },
    **{
        name: (
            lambda cast: {"public_id": pastoral_builders.appointment_for(cast).public_id},
            [],
            [*TRAINING_OUT, "provider_admin_a", "provider_staff_a"],
        )
        for name in (
            "pastoral_appointment_change",
            "pastoral_appointment_done",
            "pastoral_appointment_cancel",
            "pastoral_appointment_rearrange",
        )
    },
    "pastoral_hub_settings": (lambda cast: {"public_id": cast.hub_a.public_id}, HUB_A, PASTORAL_HUB_OUT),
    **{
        name: (lambda cast: {"public_id": cast.hub_a.public_id}, [], PASTORAL_HUB_OUT)
        for name in ("pastoral_schedule_update", "pastoral_signposts_save")
    },
    # POST only: GET answers 405 to everybody.
    "pastoral_booklet_create": (lambda cast: {"public_id": cast.hub_a.public_id}, [], PASTORAL_HUB_OUT),
    "pastoral_booklet_edit": (
        lambda cast: {"public_id": pastoral_builders.published_booklet(cast).public_id},
        HUB_A,
        PASTORAL_HUB_OUT,
    ),
    "pastoral_section_new": (
        lambda cast: {"public_id": pastoral_builders.published_booklet(cast).public_id},
        HUB_A,
        PASTORAL_HUB_OUT,
    ),
    "pastoral_section_edit": (
        lambda cast: {
            "public_id": pastoral_builders.published_booklet(cast).sections.filter(version=None).first().public_id
        },
        HUB_A,
        PASTORAL_HUB_OUT,
    ),
    # POST only: GET answers 405 to everybody, POST 404 to outsiders.
    "pastoral_section_delete": (
        lambda cast: {
            "public_id": pastoral_builders.published_booklet(cast).sections.filter(version=None).first().public_id
        },
        [],
        PASTORAL_HUB_OUT,
    ),
    # The good-practice library: every region's hub team and the national team read it; providers,
    # councils and recruits get 404. Changing it is for the example's lead and the national team
    # (other readers get 403: tests/practice/test_library.py).
    "practice_detail": (
        lambda cast: {"public_id": practice_builders.example_in_a(cast).public_id},
        ["lead_a", "staff_a", "lead_b", "staff_b", "national"],
        NOT_HUB_TEAMS,
    ),
    "practice_edit": (
        lambda cast: {"public_id": practice_builders.example_in_a(cast).public_id},
        ["lead_a", "national"],
        NOT_HUB_TEAMS,
    ),
    "practice_attachment_download": (
        lambda cast: {"public_id": practice_builders.attachment_in_a(cast).public_id},
        ["lead_a", "staff_b", "national"],
        NOT_HUB_TEAMS,
    ),
    # POST only: GET answers 405 to everybody, POST 404 to those who may not read the library.
    **{
        name: (lambda cast: {"public_id": practice_builders.example_in_a(cast).public_id}, [], NOT_HUB_TEAMS)
        for name in ("practice_delete", "practice_attachment_add", "practice_comment_add")
    },
    "practice_attachment_remove": (
        lambda cast: {"public_id": practice_builders.attachment_in_a(cast).public_id},
        [],
        NOT_HUB_TEAMS,
    ),
    "practice_comment_remove": (
        lambda cast: {"public_id": practice_builders.comment_in_a(cast).public_id},
        [],
        NOT_HUB_TEAMS,
    ),
    # Campaigns (issue 15): region A's hub team works on them; the employers they recruit for read
    # them (and get 403 on the changing pages); everyone else, councils and recruits included, 404.
    "campaign_detail": (
        lambda cast: {"public_id": campaign_builders.campaign_in_a(cast).public_id},
        ["lead_a", "staff_a", "provider_admin_a", "provider_staff_a"],
        CAMPAIGN_OUT,
    ),
    **{
        name: (
            lambda cast: {"public_id": campaign_builders.campaign_in_a(cast).public_id},
            ["lead_a", "staff_a"],
            CAMPAIGN_OUT,
        )
        for name in ("campaign_edit", "campaign_publish")
    },
    **{
        name: (
            lambda cast: {"public_id": campaign_builders.open_campaign_in_a(cast).public_id},
            ["lead_a", "staff_a"],
            CAMPAIGN_OUT,
        )
        for name in ("campaign_board", "campaign_close")
    },
    "application_detail": (
        lambda cast: {"public_id": campaign_builders.application_in_a(cast).public_id},
        ["lead_a", "staff_a"],
        APPLICATION_OUT,
    ),
    "application_document": (
        lambda cast: {"public_id": campaign_builders.application_in_a(cast).documents.first().public_id},
        ["lead_a", "staff_a"],
        APPLICATION_OUT,
    ),
    # POST only.
    **{
        name: (lambda cast: {"public_id": campaign_builders.application_in_a(cast).public_id}, [], APPLICATION_OUT)
        for name in ("application_move", "application_screening")
    },
    "interview_new": (
        lambda cast: {"public_id": campaign_builders.shortlisted_in_a(cast).public_id},
        ["lead_a", "staff_a"],
        APPLICATION_OUT,
    ),
    "interview_detail": (
        lambda cast: {"public_id": campaign_builders.interview_in_a(cast).public_id},
        ["lead_a", "staff_a", "provider_admin_a"],
        INTERVIEW_OUT,
    ),
    "offer_new": (
        lambda cast: {"public_id": campaign_builders.interviewed_in_a(cast).public_id},
        ["lead_a", "staff_a"],
        APPLICATION_OUT,
    ),
    "application_checks": (
        lambda cast: {"public_id": campaign_builders.accepted_in_a(cast).public_id},
        ["lead_a", "staff_a"],
        APPLICATION_OUT,
    ),
    "check_document": (
        lambda cast: {"public_id": campaign_builders.check_in_a(cast).public_id},
        ["lead_a", "staff_a"],
        APPLICATION_OUT,
    ),
    "campaign_pre_arrival": (
        lambda cast: {"public_id": campaign_builders.cos_assigned_in_a(cast).campaign.public_id},
        ["lead_a", "staff_a"],
        CAMPAIGN_OUT,
    ),
    **{
        name: (
            lambda cast: {"public_id": campaign_builders.cos_assigned_in_a(cast).public_id},
            ["lead_a", "staff_a"],
            APPLICATION_OUT,
        )
        for name in ("first_appointments", "application_arrive")
    },
    # POST only.
    "first_appointment_cancel": (
        lambda cast: {"public_id": campaign_builders.first_appointment_in_a(cast).public_id},
        [],
        APPLICATION_OUT,
    ),
    # Panel members only (lead A, not on the panel, gets 403).
    "interview_score": (
        lambda cast: {"public_id": campaign_builders.interview_in_a(cast).public_id},
        ["staff_a", "provider_admin_a"],
        INTERVIEW_OUT,
    ),
    # POST only; the hub team decides (provider admin A, on the panel, gets 403).
    "interview_decide": (
        lambda cast: {"public_id": campaign_builders.interview_in_a(cast).public_id},
        [],
        INTERVIEW_OUT,
    ),
}

TOKEN_ROUTES = {
    "calendar_feed": "tests/notifications/test_calendar.py",
    "invitation_accept": "tests/invitations/test_invitations.py",
    "account_reset_password_from_key": "tests/accounts/test_login.py",
    "account_confirm_email": "tests/accounts/test_login.py (email confirmation is off: 404 for any key)",
    # Public by design (a hub's self-referral form for workers without an account): it shows no data.
    "rematch_public_refer": "tests/rematch/test_pages.py",
    # Public by design: a published campaign's application form (a draft's is 404), showing no data.
    "campaign_apply": "tests/campaigns/test_applicants.py",
    # The candidate's own interview, reached signed in by emailed code; anyone else 404.
    "interview_rearrange": "tests/campaigns/test_interviews.py",
    # The candidate's own pre-arrival pages, signed in by emailed code; anyone else 404.
    "pre_arrival": "tests/campaigns/test_prearrival.py",
    "pre_arrival_booklet": "tests/campaigns/test_prearrival.py",
    "pre_arrival_self_assessment": "tests/campaigns/test_prearrival.py",
    # The candidate's own data (one application's export), signed in by emailed code; anyone else 404.
    "my_application_data": "tests/campaigns/test_personal_data.py",
    # The job passport: a capability link for the introduced provider, behind sign-in and a provider check.
    "job_passport": "tests/rematch/test_matching.py",
    "certificate_verify_code": "tests/training/test_verification.py (public by design: shows name, programme, date)",
    # The table name is not an id: the rows are always the user's own regions (hub team only).
    "pastoral_export": "tests/pastoral/test_pages.py",
}


def _is_admin(route: str) -> bool:
    return route.startswith("admin/")


def test_every_id_route_has_a_case() -> None:
    missing = [
        f"{r.name or '(unnamed)'}: {r.route}"
        for r in id_routes()
        if not _is_admin(r.route) and r.name not in CASES and r.name not in TOKEN_ROUTES
    ]
    assert not missing, "URLs that take an id but have no isolation case: " + ", ".join(missing)


def test_cases_name_real_routes() -> None:
    names = {r.name for r in id_routes()}
    assert set(CASES) <= names and set(TOKEN_ROUTES) <= names


@pytest.mark.parametrize("name", sorted(CASES))
def test_other_tenants_get_404(name: str, cast: Cast, client) -> None:
    build, _allowed, outsiders = CASES[name]
    url = reverse(name, kwargs=build(cast))
    for attr in outsiders:
        login_fresh(client, getattr(cast, attr))
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            # 405 answers a GET on a POST-only URL before any lookup, so it reveals nothing.
            expected = (404, 405) if method == "get" else (404,)
            assert response.status_code in expected, f"{attr} {method.upper()} {url} gave {response.status_code}"
        client.logout()


@pytest.mark.parametrize("name", sorted(name for name, case in CASES.items() if case[1]))
def test_allowed_users_get_through(name: str, cast: Cast, client) -> None:
    build, allowed, _outsiders = CASES[name]
    url = reverse(name, kwargs=build(cast))
    for attr in allowed:
        client.force_login(getattr(cast, attr))
        response = client.post(url) if name.endswith(("revoke", "retry")) else client.get(url)
        assert response.status_code in (200, 302), f"{attr} {url} gave {response.status_code}"


def test_admin_is_superuser_only(cast: Cast, client) -> None:
    """The admin refuses every non-superuser (allauth's secure_admin_login), showing no data."""
    client.force_login(cast.lead_a)
    for path in ["/admin/", "/admin/recruits/recruit/", f"/admin/recruits/recruit/{cast.recruit_b.pk}/change/"]:
        response = client.get(path, follow=True)
        assert response.status_code == 403, (path, response.redirect_chain)
        assert cast.recruit_b.family_name not in response.content.decode()
    client.logout()
    response = client.get("/admin/recruits/recruit/")
    assert response.status_code == 302
    login_redirect = client.get(response["Location"])
    assert login_redirect["Location"].startswith(reverse("account_login"))


def _document_in_a(cast: Cast, recruit):
    """A stored PDF of `recruit`; its file goes when the test's cast does (MEDIA_ROOT is not a tmp dir here)."""
    import weakref

    from django.core.files.uploadedfile import SimpleUploadedFile

    from recruits.documents import document_path, document_upload

    upload = SimpleUploadedFile("letter.pdf", b"%PDF-1.7\n%%EOF\n")
    document = document_upload(actor=cast.lead_a, recruit=recruit, upload=upload, kind="ukvi_letter")
    weakref.finalize(cast, document_path(document).unlink, missing_ok=True)
    return document


def _recruit_of_another_provider_in_a(cast: Cast):
    from tests.factories import ProviderFactory, RecruitFactory

    return RecruitFactory(provider=ProviderFactory(region=cast.region_a, local_authority=cast.council_a))


def _another_provider_in_a(cast: Cast):
    from tests.factories import ProviderFactory

    return ProviderFactory(region=cast.region_a, local_authority=cast.council_a)


def _duty_of_provider_a(cast: Cast):
    from recruits.duties.models import DutyKind
    from recruits.duties.services import duty_record

    return duty_record(
        actor=cast.lead_a,
        provider=cast.provider_a,
        kind=DutyKind.EMPLOYMENT_ENDED,
        event_date=timezone.localdate() - timedelta(days=3),
        recruit=cast.recruit_a,
    )


def _failed_reminder_in_a(cast: Cast):
    from notifications.models import Reminder
    from notifications.services import reminder_schedule

    reminder = reminder_schedule(
        recipient_role=Role.HUB_STAFF,
        region=cast.region_a,
        kind="pastoral.check_in",
        about=cast.recruit_a,
        due_at=timezone.now(),
    )
    Reminder.objects.filter(pk=reminder.pk).update(status=Reminder.Status.FAILED, last_error="LookupError")
    reminder.refresh_from_db()
    return reminder


def _notification_of(cast: Cast, user, *, failed: bool = False):
    from notifications.models import EmailMode, Notification
    from notifications.services import reminder_schedule

    reminder = reminder_schedule(
        recipient=user, region=cast.region_a, kind="pastoral.check_in", about=cast.recruit_a, due_at=timezone.now()
    )
    return Notification.objects.create(
        user=user,
        reminder=reminder,
        kind=reminder.kind,
        region=cast.region_a,
        link="/",
        email_mode=EmailMode.IMMEDIATE,
        email_status=Notification.EmailStatus.FAILED if failed else Notification.EmailStatus.SENT,
    )


def _rematch_of_recruit_a(cast: Cast):
    from rematch.models import Door
    from rematch.services import rematch_open

    return rematch_open(actor=cast.provider_admin_a, recruit=cast.recruit_a, door=Door.PROVIDER, reason="other")


def _rematch_of_another_provider_in_a(cast: Cast):
    from rematch.models import Door
    from rematch.services import rematch_open

    return rematch_open(actor=cast.lead_a, recruit=_recruit_of_another_provider_in_a(cast), door=Door.PROVIDER)


def _public_referral_in_a(cast: Cast):
    from rematch.services import rematch_public_refer

    return rematch_public_refer(hub=cast.hub_a, data={"given_names": "Pat", "family_name": "Public"})


def _vacancy_of_another_provider_in_a(cast: Cast):
    from tests.rematch.test_vacancies import vacancy_of

    return vacancy_of(_another_provider_in_a(cast))


def _introduction_of_recruit_a(cast: Cast):
    from rematch.introductions import introduction_record

    return introduction_record(
        actor=cast.lead_a,
        request=_rematch_of_recruit_a(cast),
        vacancy=_vacancy_of_another_provider_in_a(cast),
        consent=True,
        consent_how="By phone",
    ).introduction


def _handover_from_a(cast: Cast):
    from hubs.models import Region
    from rematch.models import Handover

    london = Region.objects.get(code="E12000007")
    return Handover.objects.create(
        recruit=cast.recruit_a, from_region=cast.region_a, to_region=london, requested_by=cast.lead_a
    )


def _pool_of_another_provider_in_a(cast: Cast):
    """A pool request that was answered "none available" and has its confirmation (so the PDF exists)."""
    from rematch.pool.services import pool_confirmation_issue, pool_none_available, pool_request_file

    pool = pool_request_file(actor=cast.lead_a, vacancy=_vacancy_of_another_provider_in_a(cast))
    pool_none_available(actor=cast.lead_a, pool=pool)
    pool_confirmation_issue(actor=cast.lead_a, pool=pool)
    return pool


def _pool_candidate_of_another_provider_in_a(cast: Cast):
    from rematch.models import PoolCandidate
    from rematch.pool.services import pool_request_file, pool_shortlist
    from rematch.services import rematch_transition

    pool = pool_request_file(actor=cast.lead_a, vacancy=_vacancy_of_another_provider_in_a(cast))
    request = _rematch_of_another_provider_in_a(cast)
    for status in ("triage", "searching"):
        rematch_transition(actor=cast.lead_a, request=request, to_status=status)
    pool_shortlist(actor=cast.lead_a, pool=pool, requests=[request], consent_how="phone")
    return PoolCandidate.objects.get(pool_request=pool)


# Training (issue 8)


def _training_programme_in_a(cast: Cast):
    from training.models import EligibilityRule, Programme

    programme, created = Programme.objects.get_or_create(
        region=cast.region_a, title="Translating Care", defaults={"duration_days": 3}
    )
    if created:
        EligibilityRule.objects.create(programme=programme, english_minimum="entry_3")
    return programme


def _training_cohort_in_a(cast: Cast):
    from training.models import Cohort, SessionDay

    programme = _training_programme_in_a(cast)
    existing = Cohort.objects.filter(programme=programme).first()
    if existing is not None:
        return existing
    start = timezone.localdate() + timedelta(days=30)
    cohort = Cohort.objects.create(
        region=cast.region_a, programme=programme, venue="Centre", capacity=5, booking_deadline=start
    )
    SessionDay.objects.bulk_create([SessionDay(cohort=cohort, date=start + timedelta(days=n)) for n in range(3)])
    return cohort


def _enrolment_of_other_provider(cast: Cast):
    from training.services import enrolment_book

    recruit = _recruit_of_another_provider_in_a(cast)
    return enrolment_book(actor=cast.staff_a, cohort=_training_cohort_in_a(cast), recruit=recruit)


def _learner_of_other_provider(cast: Cast):
    from tests.factories import ProviderFactory
    from training.learners import learner_nominate
    from training.models import Learner

    existing = Learner.objects.filter(email="other.staff@portal.test").first()
    if existing is not None:
        return existing
    other = ProviderFactory(region=cast.region_a, local_authority=cast.council_a)
    return learner_nominate(
        actor=cast.staff_a,
        employer=other,
        data={"name": "Other Staff", "job_role": "Carer", "email": "other.staff@portal.test"},
    )


def _certificate_of_nominated_learner(cast: Cast):
    from training.certificates import certificate_new_code
    from training.models import Certificate
    from training.services import enrolment_book

    learner = _learner_of_other_provider(cast)
    enrolment = enrolment_book(actor=cast.staff_a, cohort=_training_cohort_in_a(cast), learner=learner)
    return Certificate.objects.create(
        region=cast.region_a,
        learner=learner,
        enrolment=enrolment,
        programme=enrolment.cohort.programme,
        holder_name=learner.name,
        programme_title="Translating Care",
        completed_on=timezone.localdate(),
        code=certificate_new_code(),
    )


def _evidence_of_other_provider(cast: Cast):
    from training.models import EnglishEvidence

    recruit = _recruit_of_another_provider_in_a(cast)
    return EnglishEvidence.objects.create(
        region=cast.region_a, recruit=recruit, kind="assessment", level="entry_3", evidence_date=timezone.localdate()
    )


def _literacy_assessment_in_a(cast: Cast):
    from training.literacy import literacy_question_add
    from training.models import LiteracyAssessment

    assessment, created = LiteracyAssessment.objects.get_or_create(
        region=cast.region_a, defaults={"mode": "in_portal", "title": "Literacy check", "pass_mark": 1}
    )
    if created:
        literacy_question_add(
            actor=cast.lead_a, assessment=assessment, text="Pick the word “care”.", options=["care", "car"], correct=1
        )
    return assessment


def _literacy_booking_of_other_provider(cast: Cast):
    from training.literacy import literacy_book

    _literacy_assessment_in_a(cast)
    return literacy_book(actor=cast.staff_a, recruit=_recruit_of_another_provider_in_a(cast))


def _literacy_booking_of_nominated_learner(cast: Cast):
    from training.literacy import literacy_book

    _literacy_assessment_in_a(cast)
    return literacy_book(actor=cast.staff_a, learner=_learner_of_other_provider(cast))


def _certificate_of_other_provider(cast: Cast):
    from training.certificates import certificate_new_code
    from training.models import Certificate

    enrolment = _enrolment_of_other_provider(cast)
    return Certificate.objects.create(
        region=cast.region_a,
        learner=enrolment.learner,
        recruit=enrolment.recruit,
        enrolment=enrolment,
        programme=enrolment.cohort.programme,
        holder_name=enrolment.recruit.full_name,
        programme_title="Translating Care",
        completed_on=timezone.localdate(),
        code=certificate_new_code(),
    )


def _placement_partners(cast: Cast) -> None:
    """Partner users, made on first use and kept on the cast: `partner_a` acts for a college of
    region A, `partner_other_a` for another college of region A, `partner_b` for one of region B
    (they are not in the fixed cast, which every test pays for)."""
    from accounts.models import User
    from hubs.models import PartnerKind, TrainingPartner
    from tests.factories import user_with_role

    # The census builds each route's records in a transaction it rolls back: make them again then.
    if hasattr(cast, "partner_a") and User.objects.filter(pk=cast.partner_a.pk).exists():
        return
    for attr, region, name in (
        ("partner_a", cast.region_a, "Walsall College"),
        ("partner_other_a", cast.region_a, "Aston University"),
        ("partner_b", cast.region_b, "University of Central Lancashire"),
    ):
        partner, _ = TrainingPartner.objects.get_or_create(
            region=region, name=name, defaults={"kind": PartnerKind.COLLEGE}
        )
        setattr(cast, attr, user_with_role(Role.PARTNER, partner, email=f"{attr}@partner.test"))


def _career_page_in_a(cast: Cast):
    from training.models import CareerPage

    _placement_partners(cast)
    return CareerPage.objects.get_or_create(
        region=cast.region_a,
        role="Senior care assistant",
        defaults={"summary": "Leads a shift of care assistants.", "body": "## Pay\n\nFrom **£12.60** an hour."},
    )[0]


def _placement_offer_of_other_provider(cast: Cast):
    from training.models import PlacementOffer
    from training.placements import placement_offer_add

    _placement_partners(cast)
    existing = PlacementOffer.objects.filter(region=cast.region_a, setting="Gamma dementia unit").first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    return placement_offer_add(
        actor=cast.staff_a,
        provider=_another_provider_in_a(cast),
        data={
            "setting": "Gamma dementia unit",
            "starts_on": today,
            "ends_on": today + timedelta(days=28),
            "places": 2,
            "requirements": "Year 2 nursing students",
        },
    )


def _placement_in_a(cast: Cast):
    from hubs.models import TrainingPartner
    from training.models import Placement
    from training.placements import placement_put_forward

    offer = _placement_offer_of_other_provider(cast)
    existing = Placement.objects.filter(offer=offer).first()
    if existing is not None:
        return existing
    return placement_put_forward(
        actor=cast.partner_a,  # type: ignore[attr-defined]
        offer=offer,
        partner=TrainingPartner.objects.get(region=cast.region_a, name="Walsall College"),
        data={"name": "Sam Student", "course": "BSc Adult Nursing", "email": "sam@student.test", "note": "Keen"},
    )


def _document_resource_in_a(cast: Cast):
    from tests.training.builders import certificate_file
    from training.resources import resource_add

    return resource_add(
        actor=cast.lead_a,
        region=cast.region_a,
        data={"kind": "document", "title": "Fire safety leaflet", "topic": "Safety", "audience": "all_care_staff"},
        upload=certificate_file("fire-safety.pdf"),
    )


def _resource_in_a(cast: Cast):
    from training.models import Resource

    return Resource.objects.get_or_create(
        region=cast.region_a, title="Student nurse placement", defaults={"kind": "placement", "topic": "Nursing"}
    )[0]


# The national team (issue 17 item 3) sees counts, never a record: every id-taking URL answers it 404
# except the good-practice library, which it shares with the hub teams (no recruit in it).
NATIONAL_READS = {name for name in CASES if name.startswith("practice_")}


def test_the_national_team_is_an_outsider_of_every_record() -> None:
    """`test_other_tenants_get_404` requests each of these as the national user; this keeps it so."""
    missing = sorted(
        name for name, (_b, _a, out) in CASES.items() if name not in NATIONAL_READS and "national" not in out
    )
    assert missing == [], f"Cases that never request as the national user: {missing}"


# Pages without an id that the national team opens: its figures, the hubs, the good-practice
# library, its own account pages (inbox, notification settings, the invitations it sent) and the
# public pages (a certificate's verification form, a learner's emailed-code sign-in). Every other
# page answers it 404 (or 403, for the role pages listed in docs/ARCHITECTURE.md), so no list of
# records reaches it.
NATIONAL_PAGES = {
    "home", "national_trends", "national_regions_csv", "national_trends_csv", "rematch_report",
    "rematch_report_csv", "training_figures", "training_regions_csv", "hub_list", "practice_list", "practice_new",
    "access_review", "access_review_export", "session_list", "inbox", "notification_settings", "invitation_list",
    "certificate_verify", "monitoring_return", "monitoring_return_csv", "monitoring_return_xlsx",
    "monitoring_return_glossary", "learner_sign_in", "applicant_sign_in",
}  # fmt: skip


def test_the_national_team_opens_no_list_of_records(cast: Cast, client) -> None:
    from tests.security.urls import all_routes

    client.force_login(cast.national)
    opened = []
    for route in all_routes():
        if route.takes_id or not route.name or _is_admin(route.route) or ":" in route.name:
            continue
        if route.route.startswith(("accounts/", "about/", ".well-known", "healthz")) or route.name in TOKEN_ROUTES:
            continue
        response = client.get(reverse(route.name))
        html = response.content.decode(errors="replace")
        assert cast.recruit_a.family_name not in html and cast.recruit_b.family_name not in html, route.name
        if response.status_code == 200:
            opened.append(route.name)
    unexpected = sorted(set(opened) - NATIONAL_PAGES)
    assert unexpected == [], f"The national team opens pages that are not its own: {unexpected}"


# ADASS regional members (issue 16 item 4) open their figures, their own account pages (the invitations
# they sent: none) and the hubs page (empty for them), nothing else.
ADASS_PAGES = {
    "home", "case_figures", "hub_list", "session_list", "inbox", "notification_settings", "invitation_list",
    "certificate_verify", "learner_sign_in", "applicant_sign_in",
}  # fmt: skip


def test_adass_opens_no_list_of_records(cast: Cast, client) -> None:
    from tests.security.urls import all_routes

    compliance_builders.case_in_a(cast)
    client.force_login(cast.adass_a)
    opened = []
    for route in all_routes():
        if route.takes_id or not route.name or _is_admin(route.route) or ":" in route.name:
            continue
        if route.route.startswith(("accounts/", "about/", ".well-known", "healthz")) or route.name in TOKEN_ROUTES:
            continue
        response = client.get(reverse(route.name))
        html = response.content.decode(errors="replace")
        for name in ("Adeyemi", "Bankole", "Gondwe", "Hamal", "Gamma Care Ltd", "Alpha Care Ltd"):
            assert name not in html, f"{name} on {route.name}"
        if response.status_code == 200:
            opened.append(route.name)
    unexpected = sorted(set(opened) - ADASS_PAGES)
    assert unexpected == [], f"ADASS regional members open pages that are not theirs: {unexpected}"

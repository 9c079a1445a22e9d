"""Demo data of the literacy assessment: the West Midlands hub's short assessment in the portal,
a recruit who passed it, and the demo recruit (recruit.wm) booked onto it. Idempotent."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from hubs.models import Region
from recruits.models import EnglishLevel, Recruit
from training.literacy import literacy_answer, literacy_book, literacy_question_add
from training.models import LiteracyAssessment, LiteracyBooking, LiteracyMode

LITERACY_REGION = "E12000005"
QUESTIONS = [
    (
        "A resident says: “I feel poorly.” What do they mean?",
        ["They feel unwell", "They feel poor", "They feel cold"],
        1,
    ),
    ("Which word means the same as “handover”?", ["Passing on care at the end of a shift", "A day off", "A form"], 1),
    ("“Please wash your hands before you go in.” When do you wash your hands?", ["After", "Before", "Never"], 2),
    ("Which sentence is a care note?", ["Mrs Khan ate all her lunch at 12:30.", "Lunch nice.", "Khan lunch 12"], 1),
]


@transaction.atomic
def seed_literacy() -> int:
    """Returns how many assessments were created (0 on a second run)."""
    region = Region.objects.get(code=LITERACY_REGION)
    staff = User.objects.filter(email__startswith="staff.wm@").first()
    if staff is None or LiteracyAssessment.objects.filter(region=region).exists():
        return 0
    assessment = LiteracyAssessment.objects.create(
        region=region,
        title="West Midlands literacy check",
        mode=LiteracyMode.IN_PORTAL,
        instructions="Four short questions about English at work. Take your time: there is no time limit.",
        level=EnglishLevel.ENTRY_3,
        pass_mark=3,
        updated_by=staff,
    )
    for text, options, correct in QUESTIONS:
        literacy_question_add(actor=staff, assessment=assessment, text=text, options=options, correct=correct)
    passer = Recruit.objects.filter(region=region, user__isnull=True).order_by("-id").first()
    if passer is not None:
        booking = literacy_book(actor=staff, recruit=passer)
        for question in assessment.questions.all():
            booking = literacy_answer(actor=staff, booking=booking, question_id=question.pk, choice=question.correct)
    taker = Recruit.objects.filter(region=region, user__email__startswith="recruit.wm@").first()
    if taker is not None and not LiteracyBooking.objects.filter(recruit=taker).exists():
        literacy_book(actor=staff, recruit=taker)
    return 1

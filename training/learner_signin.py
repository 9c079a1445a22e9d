"""A learner without a portal account signs in by a code emailed to them, to see their bookings
and certificates.

Not a portal account: nothing is logged in as a `User`, so no role, grant or second factor is
involved (staff roles keep their two-factor rule untouched). A verified email address is kept in
the session for `LEARNER_SESSION_MINUTES`; the pages show only the learners (not recruits: they
have accounts) nominated with that address. Codes are 6 digits, kept as a SHA-256 hash, valid for
`CODE_MINUTES`, used once, refused after `CODE_ATTEMPTS` wrong tries; at most
`CODES_PER_HOUR` codes per address and `REQUESTS_PER_MINUTE` requests per client address.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from training.models import Learner, LearnerSignInCode

CODE_MINUTES = 15
CODE_ATTEMPTS = 5
CODES_PER_HOUR = 3
REQUESTS_PER_MINUTE = 10
LEARNER_SESSION_MINUTES = 60
SESSION_EMAIL = "training_learner_email"
SESSION_UNTIL = "training_learner_until"


def _hash(email: str, code: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{email}:{code}".encode()).hexdigest()


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def over_limit(key: str, limit: int, seconds: int) -> bool:
    """A cache counter (shared by every process): True once `limit` is passed within `seconds`."""
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count > limit


def learners_with_email(email: str):  # -> QuerySet[Learner]
    """The learners who sign in with this address: nominated learners, never recruits."""
    return Learner.objects.filter(email=normalise_email(email), recruit__isnull=True)


def sign_in_code_send(*, email: str) -> bool:
    """Email a new code if the address is a learner's (and not over its hourly limit).

    Returns whether one was sent; the page says the same either way, so that nobody learns
    whose address is on the portal.
    """
    email = normalise_email(email)
    if not learners_with_email(email).exists():
        return False
    return email_code_send(email=email, purpose="see your training")


def email_code_send(*, email: str, purpose: str) -> bool:
    """Email a new sign-in code to an address the caller knows (a learner's, an applicant's), within
    the hourly limit per address. A code proves the person reads that mailbox, whichever page asked."""
    email = normalise_email(email)
    since = timezone.now() - dt.timedelta(hours=1)
    if LearnerSignInCode.objects.filter(email=email, created_at__gte=since).count() >= CODES_PER_HOUR:
        return False
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        # A new code replaces any earlier one.
        LearnerSignInCode.objects.filter(email=email, used_at__isnull=True).update(used_at=timezone.now())
        LearnerSignInCode.objects.create(
            email=email, code_hash=_hash(email, code), expires_at=timezone.now() + dt.timedelta(minutes=CODE_MINUTES)
        )
    send_mail(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}Your sign-in code",
        message=render_to_string(
            "training/email/learner_code.txt", {"code": code, "minutes": CODE_MINUTES, "purpose": purpose}
        ),
        from_email=None,
        recipient_list=[email],
    )
    return True


def sign_in_code_check(*, email: str, code: str) -> bool:
    """True (and the code used up) when `code` is the address's current, unexpired code."""
    email = normalise_email(email)
    code = "".join(char for char in code if char.isdigit())
    with transaction.atomic():
        current = (
            LearnerSignInCode.objects.select_for_update()
            .filter(email=email, used_at__isnull=True, expires_at__gt=timezone.now())
            .order_by("-created_at")
            .first()
        )
        if current is None:
            return False
        if not hmac.compare_digest(current.code_hash, _hash(email, code)):
            current.attempts += 1
            if current.attempts >= CODE_ATTEMPTS:
                current.used_at = timezone.now()
            current.save(update_fields=["attempts", "used_at"])
            return False
        current.used_at = timezone.now()
        current.save(update_fields=["used_at"])
        return True


def learner_session_start(request: HttpRequest, email: str) -> None:
    request.session.cycle_key()
    request.session[SESSION_EMAIL] = normalise_email(email)
    until = timezone.now() + dt.timedelta(minutes=LEARNER_SESSION_MINUTES)
    request.session[SESSION_UNTIL] = until.isoformat()


def learner_session_email(request: HttpRequest) -> str | None:
    """The verified address of this browser's learner session, or None (none, or expired)."""
    email = request.session.get(SESSION_EMAIL)
    until = request.session.get(SESSION_UNTIL)
    if not email or not until or dt.datetime.fromisoformat(until) <= timezone.now():
        return None
    return str(email)


def learner_session_end(request: HttpRequest) -> None:
    request.session.pop(SESSION_EMAIL, None)
    request.session.pop(SESSION_UNTIL, None)

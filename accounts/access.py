"""A person's own account records: only theirs, whatever their role."""

from __future__ import annotations

from typing import Any

from accounts.models import SignedInSession
from accounts.sessions import sessions_of
from hubs.access import get_visible_or_404


def get_session_for_user(request: Any, reference: Any) -> SignedInSession:
    """One of the user's own signed-in sessions (404 for anyone else's)."""
    return get_visible_or_404(sessions_of(request.user), reference=reference)

"""Photograph every main page at desktop and phone width (see screenshots.py), checking each one rendered."""

from __future__ import annotations

import os

import pytest

from .screenshots import capture_all, screenshot_dir

pytestmark = pytest.mark.e2e

EXPECTED_HEADINGS = {
    "login": "Sign In",
    "lead-home": "Your region today",
    "national-home": "England at a glance",
    "council-home": "Sponsors in your area",
    "provider-admin-home": "Your sponsored workers",
    "recruit-home": "Hello Amara",
    "invitation-list-empty": "Invitations",
    "invite-form-errors": "Invite someone",
    "invitation-list-after-invite": "Invitations",
    "not-found": "Page not found",
}


def test_screenshots_of_every_main_page(request, browser, live_server, demo):
    # ~25 s of photography: taken on demand (file named on the command line, or E2E_SCREENSHOTS=1),
    # not on every run of the suite.
    named = any("test_screenshots.py" in arg for arg in request.config.args)
    if not (named or os.environ.get("E2E_SCREENSHOTS") == "1"):
        pytest.skip("screenshots are taken on demand: pytest tests/e2e/test_screenshots.py (or E2E_SCREENSHOTS=1)")
    camera = capture_all(browser, live_server.url, demo)

    shots = {shot.name: shot for shot in camera.shots}
    for name, heading in EXPECTED_HEADINGS.items():
        assert shots[name].h1.casefold() == heading.casefold(), f"{name}: h1 is {shots[name].h1!r}"
    assert shots["hub-detail"].h1, "the hub page has no heading"
    for shot in camera.shots:
        for label in ("desktop", "phone"):
            assert (screenshot_dir() / f"{shot.name}--{label}.png").stat().st_size > 0
    print("\n" + (screenshot_dir() / "report.txt").read_text())

"""Photograph every main page at desktop and phone width (see screenshots.py), checking each one rendered."""

from __future__ import annotations

import pytest

from .screenshots import WM_PROVIDER, capture_all, screenshot_dir

pytestmark = pytest.mark.e2e

EXPECTED_HEADINGS = {
    "login": "Sign In",
    "lead-home": "Your region today",
    "national-home": "England at a glance",
    "council-home": "Care providers in your area",
    "provider-admin-home": "Your sponsored workers",
    "recruit-home": "Hello Amara",
    "invitation-list-empty": "Invitations",
    "invite-form-errors": "Invite someone",
    "invitation-list-after-invite": "Invitations",
    "not-found": "Page not found",
    "provider-list": "Providers",
    "provider-detail": WM_PROVIDER,
    "duty-list": "Reporting duties to UKVI",
    "import-errors": "Import recruits",
    "document-upload-errors": "Upload a document",
    "inbox": "Inbox",
    "notification-settings": "Emails and calendar",
    "notification-operations": "Reminders that did not go out",
}


def test_screenshots_of_every_main_page(browser, live_server, demo):
    # ~25 s of photography on every run: each main page must render its heading at both widths,
    # and the PNGs in var/screenshots/ are there to be looked at after any UI change.
    camera = capture_all(browser, live_server.url, demo)

    shots = {shot.name: shot for shot in camera.shots}
    for name, heading in EXPECTED_HEADINGS.items():
        assert shots[name].h1.casefold() == heading.casefold(), f"{name}: h1 is {shots[name].h1!r}"
    assert shots["hub-detail"].h1, "the hub page has no heading"
    for shot in camera.shots:
        for label in ("desktop", "phone"):
            assert (screenshot_dir() / f"{shot.name}--{label}.png").stat().st_size > 0
    sideways = [f"{shot.name}: {shot.phone_culprits}" for shot in camera.shots if shot.phone_scroll_width > 360]
    assert not sideways, f"pages that scroll sideways on a 360 px phone: {sideways}"
    print("\n" + (screenshot_dir() / "report.txt").read_text())

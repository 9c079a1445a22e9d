"""Desktop (1280 px) and phone (360 px) screenshots of the portal's main pages, for review by eye.

Run:  DJANGO_ALLOW_ASYNC_UNSAFE=true .venv/bin/python -m pytest tests/e2e/test_screenshots.py -q
PNGs land in var/screenshots/ (or $E2E_SCREENSHOT_DIR), named `<page>--desktop.png` / `<page>--phone.png`,
with `report.txt` listing each page's heading and whether anything sticks out sideways on the phone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .helpers import DESKTOP, LOGIN_PATH, MFA_AUTHENTICATE_PATH, PHONE, Account, Portal

VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
NEW_INVITEE = "new.colleague@demo.irhub.example"


def screenshot_dir() -> Path:
    from django.conf import settings

    return Path(os.environ.get("E2E_SCREENSHOT_DIR", Path(settings.BASE_DIR) / "var" / "screenshots"))


@dataclass
class Shot:
    name: str
    who: str
    path: str
    status: int | None
    h1: str
    phone_scroll_width: int
    phone_culprits: list[str]

    def line(self) -> str:
        overflow = (
            "ok"
            if self.phone_scroll_width <= PHONE["width"]
            else f"SCROLLS SIDEWAYS ({self.phone_scroll_width}px): {'; '.join(self.phone_culprits[:4])}"
        )
        return f"{self.name:<32} {self.who:<16} {self.path:<40} HTTP {self.status}  h1={self.h1!r}  phone: {overflow}"


class Camera:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.shots: list[Shot] = []

    def take(self, portal: Portal, name: str, who: str, status: int | None) -> Shot:
        """Screenshot the page as it is now, at both widths (resizing only: no reload, no resubmit)."""
        page = portal.page
        overflow: dict[str, Any] = {"scrollWidth": 0, "culprits": []}
        for label, viewport in VIEWPORTS.items():
            page.set_viewport_size(viewport)
            page.wait_for_timeout(50)  # let layout settle after the resize
            if label == "phone":
                overflow = portal.horizontal_overflow()
            page.screenshot(path=str(self.out_dir / f"{name}--{label}.png"), full_page=True)
        page.set_viewport_size(DESKTOP)
        h1 = page.locator("h1")
        shot = Shot(
            name=name,
            who=who,
            path=portal.path,
            status=status,
            h1=h1.first.inner_text().strip() if h1.count() else "",
            phone_scroll_width=overflow["scrollWidth"],
            phone_culprits=overflow["culprits"],
        )
        self.shots.append(shot)
        return shot

    def visit(self, portal: Portal, name: str, who: str, path: str, *, expect_status: int = 200) -> Shot:
        response = portal.goto(path, expect_status=expect_status)
        return self.take(portal, name, who, response.status if response else None)

    def write_report(self) -> Path:
        report = self.out_dir / "report.txt"
        report.write_text("\n".join(shot.line() for shot in self.shots) + "\n")
        return report


def capture_all(browser: Any, base_url: str, accounts: dict[str, Account], out_dir: Path | None = None) -> Camera:
    """Sign in as each role once and photograph its pages. Returns the camera with every shot taken."""
    camera = Camera(out_dir or screenshot_dir())

    with Portal.open(browser, base_url, accounts) as anonymous:
        camera.visit(anonymous, "login", "anonymous", LOGIN_PATH)
        camera.visit(anonymous, "password-reset", "anonymous", "/accounts/password/reset/")

    with Portal.open(browser, base_url, accounts) as lead:
        account = accounts["lead.wm"]
        lead.submit_password(account)
        assert lead.path.startswith(MFA_AUTHENTICATE_PATH)
        camera.take(lead, "mfa-authenticate", "lead.wm", 200)
        lead.submit_totp(account.totp_now())
        assert lead.path == "/"
        camera.take(lead, "lead-home", "lead.wm", 200)

        hub_link = lead.page.locator("main a[href^='/hubs/']").first
        hub_path = hub_link.get_attribute("href") or "/hubs/"
        camera.visit(lead, "hub-detail", "lead.wm", hub_path)
        camera.visit(lead, "invitation-list-empty", "lead.wm", "/invitations/")

        lead.goto("/invitations/new/")
        with lead.page.expect_navigation():
            lead.page.locator("main form button[type=submit]").click()
        camera.take(lead, "invite-form-errors", "lead.wm", 200)

        form = lead.page.locator("main form")
        form.locator("input[name=email]").fill(NEW_INVITEE)
        form.locator("input[name=name]").fill("Nina Newcolleague")
        form.locator("select[name=role]").select_option("provider_admin")
        scope = form.locator("select[name=scope] option", has_text="Oakfield Care Homes Ltd").first
        form.locator("select[name=scope]").select_option(scope.get_attribute("value"))
        with lead.page.expect_navigation():
            form.locator("button[type=submit]").click()
        camera.take(lead, "invitation-list-after-invite", "lead.wm", 200)

        camera.visit(lead, "account-security", "lead.wm", "/accounts/2fa/")
        camera.visit(lead, "not-found", "lead.wm", "/no-such-page/", expect_status=404)

    for who, name in [
        ("national", "national-home"),
        ("council.wm", "council-home"),
        ("admin.oakfield", "provider-admin-home"),
        ("recruit.wm", "recruit-home"),
    ]:
        with Portal.open(browser, base_url, accounts) as portal:
            portal.log_in(who)
            camera.take(portal, name, who, 200)

    camera.write_report()
    return camera

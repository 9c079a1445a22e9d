"""Desktop (1280 px) and phone (360 px) screenshots of the portal's main pages, for review by eye.

Run:  DJANGO_ALLOW_ASYNC_UNSAFE=true .venv/bin/python -m pytest tests/e2e/test_screenshots.py -q
PNGs land in var/screenshots/ (or $E2E_SCREENSHOT_DIR), named `<page>--desktop.png` / `<page>--phone.png`,
with `report.txt` listing each page's heading and whether anything sticks out sideways on the phone.
Whole pages by default; E2E_SCREENSHOT_FULL_PAGE=0 keeps to the first screen (what `make screenshots`
does for the PNGs in docs/screenshots/, which the user guides in docs/guides/ embed).
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .helpers import DESKTOP, LOGIN_PATH, MFA_AUTHENTICATE_PATH, PHONE, Account, Portal

VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
NEW_INVITEE = "new.colleague@demo.irhub.example"
# A West Midlands demo provider with a licence event (suspended) in its history, seen by lead.wm and council.wm.
WM_PROVIDER = "Severn Valley Home Care"
IMPORT_PATH = "/recruits/import/"
IMPORT_TEMPLATE_PATH = "/recruits/import/template.csv"


def full_page() -> bool:
    return os.environ.get("E2E_SCREENSHOT_FULL_PAGE", "1") not in ("0", "false", "no")


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
            page.screenshot(path=str(self.out_dir / f"{name}--{label}.png"), full_page=full_page())
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


def submit(portal: Portal, button: str) -> None:
    """Click a button of the page's main area and wait for the page it leads to."""
    with portal.page.expect_navigation():
        portal.page.locator("main").get_by_role("button", name=button).click()


def follow(portal: Portal, link: Any) -> None:
    """Follow a link (a Playwright locator) and wait for the page it leads to."""
    with portal.page.expect_navigation():
        link.click()


def open_provider(portal: Portal, name: str = WM_PROVIDER) -> None:
    """From the provider list, follow the link to one provider's page."""
    if portal.path.split("?")[0] != "/providers/":
        portal.goto("/providers/")
    with portal.page.expect_navigation():
        portal.page.locator("main table").get_by_role("link", name=name, exact=True).click()
    assert portal.h1() == name, f"expected {name}'s page, got {portal.h1()!r} at {portal.path}"


def import_with_a_bad_row(portal: Portal) -> str:
    """Upload a CSV built from the import template, one good row and one with an impossible date of
    birth (row 3). Nothing is imported; returns the text of the error report's summary."""
    portal.goto(IMPORT_PATH)
    template = portal.page.request.get(IMPORT_TEMPLATE_PATH)
    assert template.ok, f"GET {IMPORT_TEMPLATE_PATH}: HTTP {template.status}"
    header = next(csv.reader(io.StringIO(template.text().lstrip("\ufeff"))))
    rows = [
        {
            "Given names": "Rosa",
            "Family name": "Example",
            "Nationality": "PH",
            "Passport number": "PH7654321",
            "Date of birth": "1992-11-30",
        },
        {
            "Given names": "Tomas",
            "Family name": "Example",
            "Nationality": "PH",
            "Passport number": "PH1234567",
            "Date of birth": "31/02/1991",
        },
    ]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([row.get(column, "") for column in header] for row in rows)
    upload = {"name": "our-recruits.csv", "mimeType": "text/csv", "buffer": out.getvalue().encode()}
    portal.page.locator("main form input[type=file]").set_input_files(upload)
    submit(portal, "Import recruits")
    return portal.page.locator(".govuk-error-summary").first.inner_text()


def upload_a_wrong_document(portal: Portal, recruit_public_id: str) -> str:
    """Open a recruit's document upload page and send a text file; returns the error summary's text."""
    portal.goto(f"/recruits/{recruit_public_id}/documents/new/")
    form = portal.page.locator("main form")
    form.get_by_label("What is it?").select_option(index=1)
    upload = {"name": "notes.txt", "mimeType": "text/plain", "buffer": b"Not a PDF, JPEG or PNG.\n"}
    form.locator("input[type=file]").set_input_files(upload)
    submit(portal, "Upload")
    return portal.page.locator(".govuk-error-summary").first.inner_text()


def a_recruit_of(provider_name: str) -> str:
    """The public id of one recruit of a demo provider (the first by family name)."""
    from recruits.models import Recruit

    recruit = Recruit.objects.filter(provider__name=provider_name).order_by("family_name", "given_names").first()
    assert recruit is not None, f"no recruit of {provider_name} in the demo data"
    return str(recruit.public_id)


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
        # The lead's daily task starts at the most urgent line (one sign-in: a TOTP code works once).
        follow(lead, lead.page.locator("main .portal-queue__line a").first)
        camera.take(lead, "lead-urgent-item", "lead.wm", 200)
        lead.goto("/")

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

        camera.visit(lead, "provider-list", "lead.wm", "/providers/")
        open_provider(lead)
        camera.take(lead, "provider-detail", "lead.wm", 200)
        camera.visit(lead, "duty-list", "lead.wm", "/providers/duties/")
        camera.visit(lead, "inbox", "lead.wm", "/inbox/")
        camera.visit(lead, "notification-settings", "lead.wm", "/notifications/settings/")
        camera.visit(lead, "notification-operations", "lead.wm", "/notifications/operations/")
        camera.visit(lead, "compliance-case-list", "lead.wm", "/compliance/")
        camera.visit(lead, "compliance-register", "lead.wm", "/compliance/register/")

    # Each role's daily task: the pages the user guides (docs/guides/) show, reached by following
    # the same links the keyboard journeys (test_daily_journeys.py) follow.
    with Portal.open(browser, base_url, accounts) as staff:
        staff.log_in("staff.wm")
        camera.take(staff, "staff-home", "staff.wm", 200)
        camera.visit(staff, "staff-assigned-to-me", "staff.wm", "/?view=mine")
        camera.visit(staff, "campaign-funnel", "staff.wm", "/campaigns/funnel/")

    for who, name in [
        ("national", "national-home"),
        ("council.wm", "council-home"),
        ("admin.oakfield", "provider-admin-home"),
        ("recruit.wm", "recruit-home"),
    ]:
        with Portal.open(browser, base_url, accounts) as portal:
            portal.log_in(who)
            camera.take(portal, name, who, 200)
            if who == "national":
                camera.visit(portal, "national-rematch-figures", who, "/rematch/report/")
                camera.visit(portal, "national-training-figures", who, "/training/figures/")
            if who == "council.wm":
                follow(portal, portal.page.locator("main a[href^='/compliance/cases/']").first)
                camera.take(portal, "council-case", who, 200)
            if who == "recruit.wm":
                follow(portal, portal.page.locator("main").get_by_role("link", name="Do your check-in"))
                camera.take(portal, "recruit-check-in", who, 200)
                follow(portal, portal.page.get_by_role("link", name="My training", exact=True).first)
                camera.take(portal, "recruit-training-plan", who, 200)
            if who == "admin.oakfield":
                follow(portal, portal.page.locator("main a[href$='/reported/']").first)
                camera.take(portal, "provider-mark-reported", who, 200)
                import_with_a_bad_row(portal)
                camera.take(portal, "import-errors", who, 200)
                upload_a_wrong_document(portal, a_recruit_of(accounts[who].provider or ""))
                camera.take(portal, "document-upload-errors", who, 200)

    camera.write_report()
    return camera

"""Browser plumbing shared by the e2e tests and the screenshot script."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

import pyotp
from axe_playwright_python.sync_playwright import Axe

CHROMIUM_PATH = "/usr/bin/chromium"
# Without the background-networking flags Chromium hangs on a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
TIMEOUT_MS = 10_000

LOGIN_PATH = "/accounts/login/"
MFA_AUTHENTICATE_PATH = "/accounts/2fa/authenticate/"


@dataclass(frozen=True)
class Account:
    """One row of `demo.seed.demo_accounts()`."""

    email: str
    password: str
    role: str
    region: str | None
    provider: str | None
    totp_secret: str | None

    def totp_now(self) -> str:
        """The current code. allauth accepts only the current 30 s period, so never hand out a code
        that is about to expire before the form reaches the server."""
        assert self.totp_secret, f"{self.email} has no TOTP secret"
        totp = pyotp.TOTP(self.totp_secret)
        left = totp.interval - time.time() % totp.interval
        if left < 3:
            time.sleep(left + 0.05)
        return totp.now()

    def wrong_totp(self) -> str:
        """A six-digit code that is not valid now, nor one period either side (allauth's tolerance)."""
        totp = pyotp.TOTP(self.totp_secret or "")
        now = time.time()
        valid = {totp.at(now + offset) for offset in (-60, -30, 0, 30, 60)}
        return next(code for code in ("000000", "111111", "222222", "333333", "444444") if code not in valid)


@dataclass
class Portal:
    """A browser context and page on the live server, with the portal's journeys as methods."""

    context: Any = field(repr=False)
    page: Any = field(repr=False)
    base_url: str
    accounts: dict[str, Account] = field(repr=False)
    console: list[str] = field(default_factory=list, repr=False)
    page_errors: list[str] = field(default_factory=list, repr=False)

    @classmethod
    def open(cls, browser: Any, base_url: str, accounts: dict[str, Account], **context_options: Any) -> Portal:
        options = {"viewport": DESKTOP, "locale": "en-GB", "timezone_id": "Europe/London", **context_options}
        context = browser.new_context(base_url=base_url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        portal = cls(context=context, page=page, base_url=base_url, accounts=accounts)
        page.on("console", lambda message: portal.console.append(f"[{message.type}] {message.text}"))
        page.on("pageerror", lambda error: portal.page_errors.append(str(error)))
        return portal

    def close(self) -> None:
        self.context.close()

    def __enter__(self) -> Portal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- navigation ---------------------------------------------------------------------------

    def goto(self, path: str, *, expect_status: int | None = 200) -> Any:
        response = self.page.goto(path)
        if expect_status is not None:
            assert response is not None, f"no response for {path}"
            assert response.status == expect_status, f"GET {path}: HTTP {response.status}, wanted {expect_status}"
        return response

    @property
    def path(self) -> str:
        return re.sub(r"^https?://[^/]+", "", self.page.url)

    def h1(self) -> str:
        return self.page.locator("h1").first.inner_text().strip()

    # -- signing in ---------------------------------------------------------------------------

    def submit_password(self, account: Account) -> None:
        if not self.path.startswith(LOGIN_PATH):
            self.goto(LOGIN_PATH)
        form = self.page.locator("form").filter(has=self.page.locator("input[name=password]"))
        form.locator("input[name=login]").fill(account.email)
        form.locator("input[name=password]").fill(account.password)
        with self.page.expect_navigation():
            form.locator("button[type=submit]").first.click()

    def submit_totp(self, code: str) -> None:
        form = self.page.locator("form").filter(has=self.page.locator("input[name=code]"))
        form.locator("input[name=code]").fill(code)
        with self.page.expect_navigation():
            form.locator("button[type=submit]").first.click()

    def log_in(self, who: str) -> Account:
        """Sign in as a demo account (`"lead.wm"`, `"admin.oakfield"`, ...), with TOTP when it has one."""
        account = self.accounts[who]
        self.submit_password(account)
        if account.totp_secret:
            assert self.path.startswith(MFA_AUTHENTICATE_PATH), f"{who}: expected the TOTP step, got {self.path}"
            self.submit_totp(account.totp_now())
        if self.path != "/":
            errors = self.page.locator(".govuk-error-message, .govuk-error-summary").all_inner_texts()
            raise AssertionError(f"{who}: expected home after signing in, got {self.path} ({self.h1()!r}, {errors})")
        return account

    # -- checks -------------------------------------------------------------------------------

    def horizontal_overflow(self) -> dict[str, Any]:
        """The page's scroll width against the viewport, and the elements that stick out.

        Content inside a scrolling box (e.g. `.portal-table-wrap`) does not count, unless it is
        absolutely positioned without a positioned ancestor inside that box: then it escapes the
        box and widens the page. Text that cannot wrap (a long email address) counts too.
        """
        return self.page.evaluate(
            """() => {
                const width = document.documentElement.clientWidth;
                const clipped = (el) => {
                    const position = getComputedStyle(el).position;
                    if (position === 'fixed') return false;
                    let lookingForContainingBlock = position === 'absolute';
                    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
                        const style = getComputedStyle(a);
                        if (lookingForContainingBlock) {
                            if (style.position === 'static') continue;
                            lookingForContainingBlock = false;
                        }
                        if (style.overflowX !== 'visible') return true;
                    }
                    return false;
                };
                const describe = (el) => {
                    const id = el.id ? '#' + el.id : '';
                    const cls = el.className && typeof el.className === 'string'
                        ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
                    return `${el.tagName.toLowerCase()}${id}${cls}`;
                };
                const culprits = [];
                for (const el of document.body.querySelectorAll('*')) {
                    const rect = el.getBoundingClientRect();
                    if (rect.width === 0 || clipped(el)) continue;
                    const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
                    const spill = ownText && getComputedStyle(el).overflowX === 'visible'
                        ? el.scrollWidth - el.clientWidth : 0;
                    if (rect.right > width + 1) {
                        culprits.push(`${describe(el)} (right edge ${Math.round(rect.right)}px)`);
                    } else if (spill > 1 && rect.right + spill > width + 1) {
                        culprits.push(`${describe(el)} (text runs ${Math.round(rect.right + spill)}px wide)`);
                    }
                }
                return {
                    scrollWidth: document.documentElement.scrollWidth,
                    clientWidth: width,
                    culprits: culprits.slice(0, 10),
                };
            }"""
        )

    def csp_problems(self) -> list[str]:
        csp = re.compile(r"content security policy|content-security-policy|\bCSP\b", re.IGNORECASE)
        return [line for line in self.console if csp.search(line)] + [f"[pageerror] {err}" for err in self.page_errors]


def assert_no_csp_problems(portal: Portal, subtests: Any, name: str) -> None:
    """A subtest failing if the page so far logged a CSP violation or threw; then starts afresh.

    A blocked script or style shows up in Chromium's console ("Refused to execute inline script
    because it violates the following Content Security Policy directive ..."), an uncaught
    exception as a page error.
    """
    portal.page.wait_for_load_state("load")
    problems = portal.csp_problems()
    with subtests.test(msg=f"CSP: {name}"):
        assert not problems, f"CSP problems on {name} ({portal.path}):\n  " + "\n  ".join(problems)
    portal.console.clear()
    portal.page_errors.clear()


def axe_report(response: dict[str, Any], where: str) -> str:
    """Readable axe violations: rule, impact, help link, and each failing node with its HTML."""
    lines = [f"{len(response['violations'])} axe violation(s) on {where}:"]
    for violation in response["violations"]:
        lines.append(f"\n- {violation['id']} ({violation['impact']}): {violation['help']}\n  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    * {', '.join(str(t) for t in node['target'])}")
            lines.append(f"      {node['html'][:300]}")
            summary = node.get("failureSummary", "").replace("\n", "\n        ")
            if summary:
                lines.append(f"        {summary}")
    return "\n".join(lines)


AXE = Axe()


def assert_accessible(portal: Portal, subtests, name: str) -> None:
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        portal.page.set_viewport_size(viewport)
        results = AXE.run(portal.page)
        with subtests.test(msg=f"axe: {name} ({label})"):
            where = f"{name} at {label} width, {portal.path}"
            assert results.violations_count == 0, axe_report(results.response, where)
    portal.page.set_viewport_size(DESKTOP)


def assert_fits_a_phone(portal: Portal, subtests, name: str) -> None:
    portal.page.set_viewport_size(PHONE)
    overflow = portal.horizontal_overflow()
    with subtests.test(msg=f"360 px: {name}"):
        assert overflow["scrollWidth"] <= PHONE["width"], f"{name} scrolls sideways at 360 px: {overflow}"
    portal.page.set_viewport_size({"width": 1280, "height": 800})


def fill_date(scope: Any, legend: str, iso_date: str) -> None:
    """Type a date into a GOV.UK date input (day, month and year boxes) found by its legend."""
    year, month, day = iso_date.split("-")
    group = scope.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(int(day)))
    group.get_by_label("Month").fill(str(int(month)))
    group.get_by_label("Year").fill(year)

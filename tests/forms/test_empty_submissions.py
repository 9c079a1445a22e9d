"""Every form of the portal, sent empty, says what to fix: no generic Django message reaches a page.

Each form page of the round-trip registry (tests/forms/cases.py, kept complete by the census in
tests/forms/test_census.py) is opened as the person who uses it, on the same records, and its form
is sent with nothing filled in, as a browser sends a form whose boxes were all emptied: every
box and list empty, no option chosen, the page's hidden inputs as they are. The page that comes
back (after any redirect) must not show
"This field is required." or another of Django's generic messages: each error names its field
("Enter your email address", "Select how you checked in"). The sign-in, password reset, sign-in
code and two-factor pages of allauth are sent empty too.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pyotp
import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import Cast
from tests.forms.cases import CASES, build_for

# Django's wording that tells a person something is wrong but not what to do about it.
GENERIC = (
    "This field is required.",
    "Enter a valid value.",
    "Select a valid choice",
    "Enter a valid date.",
    "Enter a valid time.",
    "Enter a valid date/time.",
    "Enter a whole number.",
    "Enter a number.",
    "Enter a valid email address.",
    "Enter a list of values.",
    "The submitted file is empty.",
    "No file was submitted.",
)


class _Form(HTMLParser):
    """The page's POST forms: action, hidden inputs, the first named submit button and field names."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._open: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "form":
            self._open = {"method": (values.get("method") or "get").lower(), "action": values.get("action")}
            self._open.update(hidden=[], fields=[], empty=[], button=None)
            self.forms.append(self._open)
            return
        if self._open is None or not values.get("name"):
            return
        kind = (values.get("type") or ("submit" if tag == "button" else "text")).lower()
        if tag == "input" and kind == "hidden":
            self._open["hidden"].append((values["name"], values.get("value") or ""))
        elif tag in {"button", "input"} and kind == "submit":
            self._open["button"] = self._open["button"] or (values["name"], values.get("value") or "")
        elif tag in {"input", "select", "textarea"}:
            self._open["fields"].append(values["name"])
            if kind not in {"checkbox", "radio", "file"}:  # a browser sends these only when chosen
                self._open["empty"].append((values["name"], ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = None


def _form_on(html: str, field: str | None) -> dict:
    parser = _Form()
    parser.feed(html)
    posted = [form for form in parser.forms if form["method"] == "post" and form["fields"]]
    if field:
        posted = [form for form in posted if field in form["fields"]]
    assert posted, f"no POST form{' with ' + field if field else ''} on the page"
    return posted[0]


def _send_empty(client: Client, url: str, html: str, field: str | None = None):
    form = _form_on(html, field)
    data: dict[str, list[str]] = {}
    for name, value in form["hidden"] + form["empty"] + ([form["button"]] if form["button"] else []):
        data.setdefault(name, []).append(unescape(value))
    return client.post(unescape(form["action"] or "") or url, data, follow=True)


def generic_messages(html: str) -> list[str]:
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))
    return [message for message in GENERIC if message in text]


def _errors(html: str) -> list[str]:
    """The messages of the error summary and beside the fields, as read."""
    found = re.findall(r'class="govuk-error-message"[^>]*>(.*?)</p>', html, flags=re.S)
    for summary in re.findall(r'govuk-error-summary__list">(.*?)</ul>', html, flags=re.S):
        found += re.findall(r"<li>(.*?)</li>", summary, flags=re.S)
    return [unescape(re.sub(r"<[^>]+>", "", error)).replace("Error:", "").strip() for error in found]


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_form_sent_empty_says_what_to_fix(name: str, cast: Cast) -> None:
    case = CASES[name]
    url = reverse(name, kwargs=build_for(name, case)(cast))
    client = Client()
    client.force_login(getattr(cast, case.user))
    page = client.get(url)
    assert page.status_code == 200, f"GET {url}: {page.status_code}"
    response = _send_empty(client, url, page.content.decode(), case.form)
    assert response.status_code < 500
    html = response.content.decode()
    assert not generic_messages(html), f"{name} sent empty shows {generic_messages(html)}: {_errors(html)}"


# -- allauth: sign in, password reset, sign-in code, two-factor code ------------------------------


def _sign_in_errors(client: Client, url: str) -> tuple[str, list[str]]:
    page = client.get(url, follow=True)
    assert page.status_code == 200, url
    response = _send_empty(client, page.redirect_chain[-1][0] if page.redirect_chain else url, page.content.decode())
    html = response.content.decode()
    return html, _errors(html)


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        ("account_login", ["Enter your email address", "Enter your password"]),
        ("account_reset_password", ["Enter your email address"]),
        ("account_request_login_code", ["Enter your email address"]),
    ],
)
def test_allauth_forms_sent_empty_say_what_to_fix(route: str, expected: list[str], db: None) -> None:
    html, errors = _sign_in_errors(Client(), reverse(route))
    assert not generic_messages(html), generic_messages(html)
    for message in expected:
        assert message in errors, f"{route}: {errors}"


def test_a_wrong_password_says_the_email_and_password_do_not_match(cast: Cast, client: Client) -> None:
    response = client.post(reverse("account_login"), {"login": cast.provider_admin_a.email, "password": "wrong-9"})
    assert "The email address and password do not match" in response.content.decode()


def test_an_email_with_no_at_sign_is_shown_how_to_write_it(db: None, client: Client) -> None:
    response = client.post(reverse("account_login"), {"login": "not-an-email", "password": "x"})
    assert "Enter an email address in the correct format, like name@example.org" in response.content.decode()


def test_the_two_factor_code_sent_empty_asks_for_the_code(cast: Cast, client: Client) -> None:
    client.post(reverse("account_login"), {"login": cast.lead_a.email, "password": _password()})
    html, errors = _sign_in_errors(client, reverse("mfa_authenticate"))
    assert not generic_messages(html)
    assert "Enter the code from your authenticator app, or a recovery code" in errors, errors
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"}).content.decode()
    assert "The code is not correct. Enter the code your authenticator app shows now" in wrong
    code = pyotp.TOTP(cast.lead_a.totp_secret).now()
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302


def test_the_emailed_sign_in_code_sent_empty_asks_for_the_code(cast: Cast, client: Client, mailoutbox) -> None:
    client.post(reverse("account_request_login_code"), {"email": cast.recruit_user_a.email})
    assert len(mailoutbox) == 1
    html, errors = _sign_in_errors(client, reverse("account_confirm_login_code"))
    assert not generic_messages(html)
    assert "Enter the code we emailed to you" in errors, errors


def _password() -> str:
    from tests.factories import TEST_PASSWORD

    return TEST_PASSWORD


# -- the invitation accept form: opened by someone not yet signed in, from the emailed link ----------


def test_the_invitation_accept_form_sent_empty_says_what_to_fix(cast: Cast, client: Client) -> None:
    from hubs.roles import Role
    from invitations import services

    _, token = services.invitation_create(
        actor=cast.lead_a, email="new.officer@council.example", role=Role.COUNCIL, scope_object=cast.council_a
    )
    url = reverse("invitation_accept", args=[token])
    page = client.get(url)
    assert page.status_code == 200
    response = _send_empty(client, url, page.content.decode())
    html = response.content.decode()
    assert not generic_messages(html), generic_messages(html)
    errors = _errors(html)
    for message in ("Enter your full name", "Create a password", "Type your password again to confirm it"):
        assert message in errors, errors

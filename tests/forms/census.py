"""Which pages of the portal show a form a person fills in, found from the URL resolver.

Every named route is opened (with the isolation sweep's builders for the routes that take an id)
as the first user of the cast who gets a page, and a page counts as a form page when it has a
`<form method="post">` with at least one field a person fills in (not only hidden inputs and
buttons). The round-trip test must have a case for each one.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.conftest import Cast
from tests.security.test_isolation import CASES as ISOLATION_CASES
from tests.security.test_isolation import TOKEN_ROUTES
from tests.security.urls import all_routes

# Who tries a route without an id, in this order: the first to get a page is its user.
ROLES = ["lead_a", "staff_a", "provider_admin_a", "provider_staff_a", "council_officer_a", "recruit_user_a", "national"]
NOT_FILLED_IN = {"hidden", "submit", "button", "reset", "image"}


class _Forms(HTMLParser):
    """Counts, for each POST form, the fields a person fills in."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, object]] = []
        self._open: dict[str, object] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "form":
            self._open = {
                "method": (values.get("method") or "get").lower(),
                "action": values.get("action"),
                "fields": [],
            }
            self.forms.append(self._open)
        elif self._open is not None and _filled_in(tag, values.get("type")):
            fields = self._open["fields"]
            assert isinstance(fields, list)
            fields.append(values.get("name"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = None


def _filled_in(tag: str, kind: str | None) -> bool:
    return tag in {"select", "textarea"} or (tag == "input" and (kind or "text").lower() not in NOT_FILLED_IN)


def post_forms(html: str) -> list[dict[str, object]]:
    return [form for form in all_forms(html) if form["method"] == "post" and form["fields"]]


@dataclass(frozen=True)
class FormPage:
    name: str
    user: str
    fields: tuple[str, ...]


def _skipped(route: str, name: str | None) -> bool:
    return (
        name is None
        or route.startswith("admin/")
        or name in TOKEN_ROUTES
        or name.startswith(("account_", "mfa_", "socialaccount_", "headless"))
    )


def form_pages(cast: Cast) -> tuple[list[FormPage], list[str]]:
    """The form pages, and the routes no user of the cast could open (to be explained)."""
    found: list[FormPage] = []
    unopened: list[str] = []
    for route in all_routes():
        if _skipped(route.route, route.name):
            continue
        assert route.name
        if route.takes_id and route.name not in ISOLATION_CASES:
            continue  # the isolation sweep already fails on it
        with transaction.atomic():  # each route's records are built afresh and rolled back
            page = _open(route.name, cast, takes_id=route.takes_id)
            transaction.set_rollback(True)
        if page is None:
            unopened.append(route.name)
        elif page.fields:
            found.append(page)
    return found, unopened


@dataclass(frozen=True)
class OpenedPage:
    url: str
    user: str
    client: Client
    html: str


def open_page(name: str, cast: Cast, *, takes_id: bool) -> OpenedPage | None:
    """The route's page as the first user of the cast who gets one (an HTML 200), or None."""
    if takes_id:
        build, allowed, _ = ISOLATION_CASES[name]
        kwargs, users = build(cast), allowed or ROLES
    else:
        kwargs, users = {}, ROLES
    url = reverse(name, kwargs=kwargs)
    for user in users:
        client = Client()
        client.force_login(getattr(cast, user))
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        return OpenedPage(url, user, client, response.content.decode())
    return None


def all_forms(html: str) -> list[dict[str, object]]:
    """Every form of the page (GET and POST) with its method, action and the fields a person fills in."""
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def _open(name: str, cast: Cast, *, takes_id: bool) -> FormPage | None:
    page = open_page(name, cast, takes_id=takes_id)
    if page is None:
        return None
    forms = post_forms(page.html)
    fields = tuple(str(name) for form in forms for name in form["fields"])  # type: ignore[attr-defined]
    return FormPage(name, page.user, fields)

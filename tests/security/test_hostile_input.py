"""Every form and every list filter of the portal, sent values nobody should send: no 5xx.

The routes come from the URL resolver, opened as the round-trip census opens them (the isolation
sweep's builders for routes with an id, the first user of the cast who gets a page). Each form
on the page, POST or GET (the list filters), is sent once per hostile value with that value in
every field a person fills in. A NUL byte must get the 400 page that explains it; the rest must
get an ordinary answer (a page with the form's errors, a redirect, a 404 for an id that is not
one), never a server error.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.test import Client

from tests.conftest import Cast
from tests.forms.census import _skipped, all_forms, open_page
from tests.security.test_isolation import CASES as ISOLATION_CASES
from tests.security.urls import all_routes

HOSTILE = {
    "nul": "Care\x00Home",
    "long": "x" * 20_000,
    "right-to-left override": "\u202etxt.exe",
    "malformed uuid": "00000000-0000-0000-0000-00000000000g",
    "not a uuid": "not-a-uuid",
}


@dataclass
class Sent:
    route: str
    method: str
    kind: str
    status: int


def _send(client: Client, url: str, form: dict[str, object], value: str) -> int:
    fields = form["fields"]
    assert isinstance(fields, list)
    data = {str(name): value for name in fields if name}
    target = str(form["action"] or url)
    if form["method"] == "post":
        return client.post(target, data).status_code
    return client.get(target, data).status_code


def _sweep(cast: Cast) -> tuple[list[Sent], int]:
    sent: list[Sent] = []
    forms_seen = 0
    for route in all_routes():
        if _skipped(route.route, route.name) or (route.takes_id and route.name not in ISOLATION_CASES):
            continue
        assert route.name
        with transaction.atomic():  # each route's records are built afresh and rolled back
            page = open_page(route.name, cast, takes_id=route.takes_id)
            for form in all_forms(page.html) if page else []:
                if not form["fields"]:
                    continue
                forms_seen += 1
                for kind, value in HOSTILE.items():
                    with transaction.atomic():
                        status = _send(page.client, page.url, form, value)  # type: ignore[union-attr]
                        transaction.set_rollback(True)
                    sent.append(Sent(route.name, str(form["method"]), kind, status))
            transaction.set_rollback(True)
    return sent, forms_seen


def test_no_form_or_filter_answers_a_server_error_to_hostile_values(cast: Cast) -> None:
    sent, forms_seen = _sweep(cast)
    assert forms_seen >= 70, f"only {forms_seen} forms were found: is the sweep still opening the pages?"
    assert any(s.method == "get" for s in sent), "no list filter was tried"
    errors = [s for s in sent if s.status >= 500]
    assert not errors, "Server errors: " + "; ".join(f"{s.route} {s.method} {s.kind} → {s.status}" for s in errors)
    nul_not_refused = [s for s in sent if s.kind == "nul" and s.status != 400]
    assert not nul_not_refused, "NUL not refused: " + ", ".join(f"{s.route} {s.method}" for s in nul_not_refused)
    print(f"\n{len(sent)} hostile submissions to {forms_seen} forms: 0 server errors")

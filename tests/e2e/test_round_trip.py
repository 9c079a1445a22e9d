"""Round trip: every form of the portal, opened and sent in Chromium as a person would.

Pass 1 sends each form exactly as the browser shows it and asserts that no column of any row
changed (outside the tables a case declares, for a form whose defaults make a valid action).
Pass 2, for each form that shows a record, edits one field and asserts that only the columns
that edit is about changed. The cases live in tests/forms/cases.py; the census in
tests/forms/test_census.py fails on a form page without one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import Cast
from tests.forms import snapshot
from tests.forms.cases import CASES, FormCase, build_for

from .helpers import DESKTOP, TIMEOUT_MS

pytestmark = pytest.mark.e2e


@pytest.fixture
def page(browser: Any, live_server: Any, django_db_serialized_rollback: None, _e2e_settings: None) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def _sign_in(page: Any, user: Any, base_url: str) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def _form(page: Any, case: FormCase) -> Any:
    if case.form:
        return page.locator("form").filter(has=page.locator(f"[name='{case.form}']")).first
    fields = ", ".join(
        f"form[method=post]:has({inner})"
        for inner in ("input:not([type=hidden]):not([type=submit])", "select", "textarea")
    )
    return page.locator(fields).first


def _send(page: Any, form: Any) -> None:
    with page.expect_navigation():
        form.locator("button[type=submit], input[type=submit]").first.click()


def _fill(form: Any, name: str, value: Any) -> None:
    if isinstance(value, dt.datetime):  # a datetime-local box, in London time
        form.locator(f"[name='{name}']").fill(timezone.localtime(value).strftime("%Y-%m-%dT%H:%M"))
        return
    if isinstance(value, dt.date):
        for part, number in (("day", value.day), ("month", value.month), ("year", value.year)):
            form.locator(f"[name='{name}_{part}']").fill(str(number))
        return
    element = form.locator(f"[name='{name}']").first
    tag = element.evaluate("e => e.tagName.toLowerCase()")
    if tag == "select":
        element.select_option(str(value))
    elif element.get_attribute("type") in {"checkbox", "radio"}:
        form.locator(f"[name='{name}'][value='{value}']").check()
    else:
        element.fill(", ".join(value) if isinstance(value, list) else str(value))


def _open(page: Any, name: str, case: FormCase, cast: Cast, live_server: Any) -> str:
    url = reverse(name, kwargs=build_for(name, case)(cast))
    _sign_in(page, getattr(cast, case.user), live_server.url)
    response = page.goto(url)
    assert response is not None and response.status == 200, f"GET {url}: {response and response.status}"
    return url


@pytest.mark.parametrize("name", sorted(CASES))
def test_sending_a_form_unchanged_changes_nothing(name: str, page: Any, live_server: Any, cast: Cast) -> None:
    case = CASES[name]
    _open(page, name, case, cast, live_server)
    before = snapshot.take()
    _send(page, _form(page, case))
    if case.change:  # a record's own form, sent as shown, is accepted
        errors = page.locator(".govuk-error-summary").all_inner_texts()
        assert not errors, f"{name}: sent unchanged, it was refused: {errors}"
    diff = snapshot.changed(before, snapshot.take())
    unexpected = {cell: values for cell, values in diff.items() if cell[0] not in case.writes}
    assert not unexpected, f"{name} sent unchanged changed: {unexpected}"


EDITS = sorted(name for name, case in CASES.items() if case.change)


@pytest.mark.parametrize("name", EDITS)
def test_editing_one_field_changes_only_that_field(name: str, page: Any, live_server: Any, cast: Cast) -> None:
    case = CASES[name]
    assert case.change
    _open(page, name, case, cast, live_server)
    value = case.change.value(cast) if callable(case.change.value) else case.change.value
    before = snapshot.take()
    form = _form(page, case)
    _fill(form, case.change.field, value)
    _send(page, form)
    errors = page.locator(".govuk-error-summary").all_inner_texts()
    assert not errors, f"{name}: the edit was refused: {errors}"
    diff = snapshot.changed(before, snapshot.take())
    touched = {(label, column) for label, _pk, column in diff}
    assert touched, f"{name}: editing {case.change.field} changed nothing"
    allowed = case.change.columns
    others = {
        (label, column) for label, column in touched if (label, column) not in allowed and (label, "*") not in allowed
    }
    assert not others, f"{name}: editing {case.change.field} also changed {others}: {diff}"
    assert any(values[1] == value for values in diff.values()), f"{name}: {value!r} not stored: {diff}"

"""One fetch per object kind, and one answer for "not allowed" (issue 21, point 4).

Views fetch a tenant's object only through its app's access module: `get_<entity>_for_user(request,
public_id)` (404 when the user may not see it) or `get_<entity>_for_user_rw(...)` (404 when not
visible, 403 when visible but not changeable). An ast walk over every views module fails on a
view that fetches a region-owned row itself (`get_object_or_404`, `Model.objects.get`, the generic
`get_visible_or_404` / `fetch_visible` of hubs/access.py) or defines its own fetch wrapper.

The named checks on the scope (`is_hub_team`, `is_lead`, `is_provider_user`, `is_provider_admin`,
`is_recruit`) are tested one by one against real grants, each with the case that must say no.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.test import RequestFactory

from hubs.access import Scope, hub_team_required, require_hub_team, require_lead, scope_for
from providers.access import get_provider_for_user, get_provider_for_user_rw
from recruits.access import get_recruit_for_user, get_recruit_for_user_rw
from tests.conftest import Cast
from tests.portal.test_layers import LAYER_OF, ROOT
from tests.portal.test_view_names import _is_views

# The generic machinery the access modules build their fetches on: never called from a view.
GENERIC_FETCHES = {
    "get_object_or_404",
    "get_visible_or_404",
    "get_editable_or_403",
    "fetch_visible",
    "fetch_changeable",
}
# An access module's fetch: what a view calls, and what a local wrapper would return.
ACCESS_FETCH = re.compile(r"^get_\w+_for_user(_rw)?$|^get_own_\w+_for_user$")
# Names that local fetch wrappers had (`_get_case`, `_fetch_pool`, `_load_recruit`,
# `_handovers_visible_to`, `_editable_provider`): a views module may not define one.
WRAPPER_NAME = re.compile(r"^_(get|fetch|load)_|^_\w*(visible|editable|workable|decidable)\w*$")


def _views_modules() -> list[Path]:
    paths = []
    for app in sorted({*LAYER_OF, "portal"}):
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts and _is_views(path):
                paths.append(path)
    return paths


def _region_owned_models() -> set[str]:
    """Class names of the models whose rows belong to a region: a `region` foreign key, or a
    foreign key to such a row (a recruit's document, a case's step), and the regions themselves."""
    owned: set[type[models.Model]] = {apps.get_model("hubs", "Region")}
    candidates = [model for model in apps.get_models() if model._meta.app_label in LAYER_OF]
    changed = True
    while changed:
        changed = False
        for model in candidates:
            if model in owned:
                continue
            for field in model._meta.get_fields():
                if isinstance(field, models.ForeignKey) and field.related_model in owned:
                    owned.add(model)
                    changed = True
                    break
    return {model.__name__ for model in owned}


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _objects_model(node: ast.expr) -> str | None:
    """`Recruit` for `Recruit.objects.select_related(...).get`'s receiver, else None."""
    while isinstance(node, ast.Call | ast.Attribute):
        if isinstance(node, ast.Attribute) and node.attr == "objects" and isinstance(node.value, ast.Name):
            return node.value.id
        node = node.func if isinstance(node, ast.Call) else node.value
    return None


def _returns_a_fetch(function: ast.FunctionDef) -> bool:
    """The function hands back what a fetch returned: a wrapper around someone else's fetch."""
    fetched: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            name = _called_name(node.value)
            if name and (ACCESS_FETCH.match(name) or name in GENERIC_FETCHES):
                fetched |= {target.id for target in node.targets if isinstance(target, ast.Name)}
    for node in ast.walk(function):
        if isinstance(node, ast.Return) and node.value is not None:
            value = node.value
            if isinstance(value, ast.Call):
                name = _called_name(value)
                if name and (ACCESS_FETCH.match(name) or name in GENERIC_FETCHES):
                    return True
            if isinstance(value, ast.Name) and value.id in fetched:
                return True
    return False


def fetch_problems(source: str, where: str, region_owned: set[str]) -> list[str]:
    tree = ast.parse(source, filename=where)
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _called_name(node)
            if name in GENERIC_FETCHES:
                problems.append(f"{where}:{node.lineno} calls {name}: use the access module's get_<entity>_for_user")
            if name == "get" and isinstance(node.func, ast.Attribute):
                model = _objects_model(node.func.value)
                if model in region_owned:
                    problems.append(f"{where}:{node.lineno} {model}.objects...get(): a region-owned row fetched bare")
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if WRAPPER_NAME.match(node.name) or (isinstance(node, ast.FunctionDef) and _returns_a_fetch(node)):
            problems.append(f"{where}:{node.lineno} defines {node.name}, a fetch wrapper: add it to access.py")
    return problems


def test_views_fetch_only_through_the_access_modules(db: None) -> None:
    region_owned = _region_owned_models()
    assert {"Recruit", "Provider", "ComplianceCase", "CaseStep", "Document", "Region"} <= region_owned
    problems: list[str] = []
    modules = _views_modules()
    assert len(modules) > 20, "the walk found too few views modules to be looking in the right place"
    for path in modules:
        problems += fetch_problems(path.read_text(), str(path.relative_to(ROOT)), region_owned)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def v(request, public_id):\n    r = get_object_or_404(Recruit, public_id=public_id)\n", "get_object_or_404"),
        ("def v(request, pk):\n    r = Recruit.objects.select_related('provider').get(pk=pk)\n", "Recruit.objects"),
        ("def v(request, public_id):\n    r = get_visible_or_404(qs, public_id=public_id)\n", "get_visible_or_404"),
        ("def _case(request, public_id):\n    return get_compliance_case_for_user(request, public_id)\n", "_case"),
        ("def _plan(request, public_id):\n    r = get_recruit_for_user(request, public_id)\n    return r\n", "_plan"),
        ("def _handovers_visible_to(user):\n    return Handover.objects.all()\n", "_handovers_visible_to"),
        ("def _get_pool(request, public_id):\n    return 1\n", "_get_pool"),
    ],
)
def test_the_walk_catches_each_kind_of_bare_fetch(source: str, expected: str) -> None:
    problems = fetch_problems(source, "app/views.py", {"Recruit", "Handover"})
    assert len(problems) == 1 and expected in problems[0], problems


def test_the_walk_lets_views_call_the_access_fetches() -> None:
    source = (
        "def page(request, public_id):\n"
        "    recruit = get_recruit_for_user(request, public_id)\n"
        "    other = User.objects.get(pk=1)\n"  # not a region's row
        "    return render(request, 'x.html', {'recruit': recruit})\n"
    )
    assert fetch_problems(source, "app/views.py", {"Recruit"}) == []


# -- The named checks on the scope, each against real grants -----------------------------------


def test_is_hub_team_is_the_regions_leads_and_staff_only(cast: Cast) -> None:
    assert scope_for(cast.lead_a).is_hub_team(cast.region_a)
    assert scope_for(cast.staff_a).is_hub_team(cast.region_a.pk)
    assert not scope_for(cast.staff_b).is_hub_team(cast.region_a), "hub staff of another region"
    assert not scope_for(cast.provider_admin_a).is_hub_team(cast.region_a)
    assert not scope_for(cast.council_officer_a).is_hub_team(cast.region_a)
    assert not scope_for(cast.national).is_hub_team(cast.region_a)
    assert not scope_for(cast.staff_a).is_hub_team(None), "a record without a region is nobody's"


def test_is_lead_is_the_regions_lead_not_its_staff(cast: Cast) -> None:
    assert scope_for(cast.lead_a).is_lead(cast.region_a)
    assert not scope_for(cast.staff_a).is_lead(cast.region_a), "hub staff are not the lead"
    assert not scope_for(cast.lead_b).is_lead(cast.region_a), "the lead of another region"
    assert scope_for(cast.lead_a).leads_a_region and not scope_for(cast.staff_a).leads_a_region


def test_is_provider_user_is_the_providers_admins_and_staff(cast: Cast) -> None:
    assert scope_for(cast.provider_admin_a).is_provider_user(cast.provider_a)
    assert scope_for(cast.provider_staff_a).is_provider_user(cast.provider_a.pk)
    assert not scope_for(cast.provider_admin_b).is_provider_user(cast.provider_a), "another provider's admin"
    assert not scope_for(cast.lead_a).is_provider_user(cast.provider_a), "the hub team is not the provider"
    assert not scope_for(cast.provider_admin_a).is_provider_user(None)


def test_is_provider_admin_is_not_its_staff(cast: Cast) -> None:
    assert scope_for(cast.provider_admin_a).is_provider_admin(cast.provider_a)
    assert not scope_for(cast.provider_staff_a).is_provider_admin(cast.provider_a), "staff are not admins"
    assert not scope_for(cast.provider_admin_b).is_provider_admin(cast.provider_a)


def test_is_recruit_is_the_recruit_themself(cast: Cast) -> None:
    assert scope_for(cast.recruit_user_a).is_recruit(cast.recruit_a)
    assert not scope_for(cast.recruit_user_b).is_recruit(cast.recruit_a), "another recruit"
    assert not scope_for(cast.provider_admin_a).is_recruit(cast.recruit_a), "their employer"
    assert not Scope(user_id=None).is_recruit(None), "nobody is the recruit of no record"


def _request(user: Any) -> Any:
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_require_hub_team_answers_403_to_anyone_else(cast: Cast) -> None:
    require_hub_team(_request(cast.staff_a), cast.region_a)
    with pytest.raises(PermissionDenied, match="the hub team"):
        require_hub_team(_request(cast.staff_b), cast.region_a, "Only the hub team.")
    require_hub_team(_request(cast.staff_b))  # some region's hub team
    with pytest.raises(PermissionDenied):
        require_hub_team(_request(cast.provider_admin_a))
    with pytest.raises(PermissionDenied):
        require_lead(_request(cast.staff_a), cast.region_a)


def test_hub_team_required_guards_a_view(cast: Cast) -> None:
    @hub_team_required
    def page(request: object) -> str:
        return "ok"

    assert page(_request(cast.lead_a)) == "ok"
    with pytest.raises(PermissionDenied):
        page(_request(cast.recruit_user_a))


def test_fetch_answers_404_when_not_visible_and_403_when_not_changeable(cast: Cast) -> None:
    public_id = cast.provider_a.public_id
    assert get_provider_for_user_rw(_request(cast.staff_a), public_id) == cast.provider_a
    with pytest.raises(Http404):
        get_provider_for_user(_request(cast.staff_b), public_id)  # another region: as if it did not exist
    assert get_provider_for_user(_request(cast.council_officer_a), public_id) == cast.provider_a
    with pytest.raises(PermissionDenied):
        get_provider_for_user_rw(_request(cast.council_officer_a), public_id)  # sees it, may not change it
    with pytest.raises(PermissionDenied):
        get_provider_for_user_rw(_request(cast.staff_a), public_id, to="licence")  # the lead's decision
    with pytest.raises(Http404):
        get_provider_for_user_rw(_request(cast.council_officer_a), public_id, to="licence", hub_team_only=True)
    assert get_recruit_for_user(_request(cast.recruit_user_a), cast.recruit_a.public_id) == cast.recruit_a
    with pytest.raises(PermissionDenied):
        get_recruit_for_user_rw(_request(cast.recruit_user_a), cast.recruit_a.public_id)
    with pytest.raises(Http404):
        get_recruit_for_user(_request(cast.recruit_user_b), cast.recruit_a.public_id)

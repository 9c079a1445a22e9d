"""Rule 7: sponsor licence expiry is abolished (licences expiring on or after 6 April 2024 were
extended by 10 years), so nothing ever reminds anyone to renew a licence."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from compliance.models import LicenceEvent
from notifications.kinds import KINDS
from notifications.models import LadderRung
from portal import policy
from providers.models import LicenceChange, Provider

ROOT = Path(__file__).resolve().parents[2]
APPS = ["accounts", "compliance", "hubs", "notifications", "portal", "providers", "recruits", "training", "demo"]
RENEWAL = re.compile(r"renew|licen[cs]e.?expir|expir\w*.?licen[cs]e", re.IGNORECASE)
KIND_CODE = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)+$")


def _about_renewal(text: str) -> bool:
    return bool(RENEWAL.search(text))


def test_rule_07_the_check_recognises_a_renewal_reminder() -> None:
    assert _about_renewal("providers.licence_renewal") and _about_renewal("Licence expiry due")
    assert not _about_renewal("rematch.leave_end") and not _about_renewal("A visa's expiry")


def test_rule_07_no_kind_of_reminder_is_about_licence_renewal() -> None:
    offending = [k.code for k in KINDS.values() if _about_renewal(f"{k.code} {k.label} {k.short}")]
    assert offending == []


@pytest.mark.django_db
def test_rule_07_no_escalation_ladder_is_about_licence_renewal() -> None:
    kinds = set(LadderRung.objects.values_list("kind", flat=True))
    assert kinds, "the default ladders are loaded"
    assert [kind for kind in kinds if _about_renewal(kind)] == []


def test_rule_07_no_code_schedules_a_reminder_of_a_renewal_kind() -> None:
    """Kinds can be named in code without being registered: look at every kind-like string."""
    found = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
                if is_text and KIND_CODE.match(node.value) and _about_renewal(node.value):
                    found.append((str(path.relative_to(ROOT)), node.value))
    assert found == []


def test_rule_07_no_licence_has_an_expiry_date_to_remind_about() -> None:
    fields = [
        f"{model.__name__}.{field.name}"
        for model in (Provider, LicenceChange, LicenceEvent)
        for field in model._meta.get_fields()
        if re.search(r"expir|renew", field.name)
    ]
    assert fields == []


def test_rule_07_no_policy_figure_sets_a_licence_renewal_period() -> None:
    assert [name for name in policy._figures() if _about_renewal(name)] == []

"""The compliance demo: a case in each demo council's area and a register alert; loading twice changes nothing."""

from __future__ import annotations

import pytest

from compliance.models import ComplianceCase, RegisterAlert, RegisterImport
from demo.seed import demo_seed

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_case_with_steps_and_workers_and_a_register_alert() -> None:
    demo_seed()
    case = ComplianceCase.objects.get(provider__name="Shropshire Hills Support Services")
    assert case.provider.local_authority.name == "Shropshire"
    assert (
        case.status == "active"
        and case.steps.count() == 8
        and case.steps.filter(completed_at__isnull=False).count() == 3
    )
    assert case.workers.count() >= 3 and case.entries.filter(shareable=True).exists()
    suspended = ComplianceCase.objects.get(provider__name="Lewisham Homecare Co-operative")
    assert suspended.event.kind == "suspension" and suspended.event.representation_deadline is not None
    assert ComplianceCase.objects.filter(provider__name="Morecambe Bay Home Support").exists()
    alert = RegisterAlert.objects.get()
    assert alert.provider.name == "Malvern Hills Nursing" and alert.kind == "missing"
    demo_seed()
    assert (
        ComplianceCase.objects.count() == 3
        and RegisterImport.objects.count() == 2
        and RegisterAlert.objects.count() == 1
    )


def test_council_wm_and_nw_each_see_a_case_with_a_shared_note_and_adass_sees_figures(client) -> None:
    from django.urls import reverse

    from accounts.models import User
    from compliance.access import compliance_cases_visible_to

    demo_seed()
    demo_seed()  # a second run adds no second note
    for login in ("council.wm", "council.nw"):
        officer = User.objects.get(email=f"{login}@demo.irhub.example")
        cases = list(compliance_cases_visible_to(officer))
        assert len(cases) == 1, login
        entries = cases[0].entries
        assert entries.filter(shareable=True, kind="note").exists(), f"no note shared with {login}"
        assert entries.filter(kind="council", author=officer).count() == 1
    for login, council in (("adass.wm", "Shropshire Council"), ("adass.nw", "Lancashire County Council")):
        client.force_login(User.objects.get(email=f"{login}@demo.irhub.example"))
        assert council in client.get(reverse("home")).content.decode()

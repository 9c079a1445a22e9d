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

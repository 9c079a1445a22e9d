"""The demo training data, and the resources library with placement enquiries."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from demo.seed import demo_seed
from notifications.models import Reminder
from training.demo import CURRICULUM, TRANSLATING_CARE_MODULES
from training.models import Cohort, Programme, ProgrammeKind, Resource, ResourceEnquiry
from training.resources import RESOURCE_ENQUIRY

pytestmark = pytest.mark.django_db


def test_the_demo_ships_translating_care_and_the_curriculum_in_each_region_once() -> None:
    demo_seed()
    counts = (Programme.objects.count(), Cohort.objects.count(), Resource.objects.count())
    demo_seed()
    assert (Programme.objects.count(), Cohort.objects.count(), Resource.objects.count()) == counts

    for code in ("E12000005", "E12000002", "E12000007"):
        course = Programme.objects.get(region__code=code, title="Translating Care")
        assert course.duration_days == 3 and course.modules == TRANSLATING_CARE_MODULES
        assert "prejudice and discrimination" in course.certification
        assert course.rules.get().english_minimum == "entry_3"
        # The cohort to book (the West Midlands also has a completed one: test_the_demo_has_a_completed_cohort).
        cohort = course.cohorts.order_by("-booking_deadline").first()
        assert cohort.days.count() == 3 and cohort.capacity == 12
        modules = Programme.objects.filter(region__code=code, kind=ProgrammeKind.MODULE)
        assert {m.title for m in modules} == {title for title, _ in CURRICULUM}
        assert Programme.objects.filter(region__code=code, kind=ProgrammeKind.OSCE).exists()
        assert Programme.objects.filter(region__code=code, kind=ProgrammeKind.INDUCTION).exists()
    wm = Programme.objects.get(region__code="E12000005", title="Translating Care").cohorts.order_by(
        "-booking_deadline"
    )[0]
    assert wm.trainer is not None and wm.trainer.email.startswith("staff.wm@")


def test_the_demo_has_a_completed_cohort_whose_certificate_verifies(client) -> None:
    from training.demo import DEMO_CERTIFICATE_CODE
    from training.models import Certificate

    demo_seed()
    course = Programme.objects.get(region__code="E12000005", title="Translating Care")
    assert course.awarding_body == "Highfield Qualifications" and course.qualification_level == "1"
    certificates = Certificate.objects.filter(programme=course)
    assert certificates.count() >= 2
    revoked = certificates.get(status="revoked")
    assert revoked.revoked_reason and not revoked.awarding_body_number
    assert certificates.exclude(awarding_body_number="").exists()
    assert certificates.filter(status="valid", awarding_body_number="").exists()
    # The README's demo section names this code.
    readme = Path(settings.BASE_DIR, "README.md").read_text(encoding="utf-8")
    assert DEMO_CERTIFICATE_CODE in readme
    body = client.get(reverse("certificate_verify_code", args=[DEMO_CERTIFICATE_CODE])).content.decode()
    assert f"Portal certificate {DEMO_CERTIFICATE_CODE}, valid" in body
    assert "Highfield Qualifications certificate number HQ7310452 awarded" in body
    revoked_page = client.get(reverse("certificate_verify_code", args=[revoked.code])).content.decode()
    assert "has been revoked" in revoked_page


def test_the_hub_adds_a_link_and_a_provider_lists_a_placement_a_recruit_asks_about(client, cast) -> None:
    client.force_login(cast.staff_a)
    missing_url = client.post(
        reverse("resource_new"),
        {"hub": cast.hub_a.pk, "kind": "link", "title": "ESOL classes", "topic": "English", "audience": "nurses"},
    )
    assert "Enter the web address" in missing_url.content.decode()
    client.post(
        reverse("resource_new"),
        {
            "hub": cast.hub_a.pk,
            "kind": "link",
            "title": "ESOL classes",
            "topic": "English",
            "audience": "international_recruits",
            "url": "https://esol.example/",
        },
    )
    client.force_login(cast.provider_admin_a)
    client.post(
        reverse("resource_new"),
        {"kind": "placement", "title": "Student nurse placement", "topic": "Nursing", "audience": "nurses"},
    )
    placement = Resource.objects.get(title="Student nurse placement")
    assert placement.provider == cast.provider_a and placement.region == cast.region_a

    client.force_login(cast.recruit_user_a)
    listing = client.get(reverse("resource_list")).content.decode()
    assert "ESOL classes" in listing and "Student nurse placement" in listing
    client.post(reverse("resource_enquire", args=[placement.public_id]), {"message": "Is it in Telford?"})
    assert ResourceEnquiry.objects.get().message == "Is it in Telford?"
    assert Reminder.objects.get(kind=RESOURCE_ENQUIRY).recipient == cast.provider_admin_a
    again = client.post(reverse("resource_enquire", args=[placement.public_id]), follow=True)
    assert "already asked" in again.content.decode()

    client.force_login(cast.provider_admin_a)
    assert "Is it in Telford?" in client.get(placement.get_absolute_url()).content.decode()
    client.force_login(cast.recruit_user_b)
    assert client.get(placement.get_absolute_url()).status_code == 404
    assert "Student nurse placement" not in client.get(reverse("resource_list")).content.decode()


def test_the_hub_uploads_a_document_that_only_its_region_downloads(client, cast, settings) -> None:
    from pathlib import Path

    from tests.training.builders import PDF_BYTES, certificate_file

    client.force_login(cast.staff_a)
    form = {"hub": cast.hub_a.pk, "kind": "document", "title": "Council tax guide", "topic": "Money"}
    form["audience"] = "international_recruits"
    nothing = client.post(reverse("resource_new"), form)
    assert "Choose the document to upload" in nothing.content.decode()
    renamed = client.post(reverse("resource_new"), {**form, "file": certificate_file("guide.pdf", b"GIF89a fake")})
    assert "it is not" in renamed.content.decode()
    assert not Resource.objects.exists(), "nothing half-written"
    assert not list((Path(settings.MEDIA_ROOT) / "resources").glob("*")), "no stray file"
    wrong_kind = client.post(
        reverse("resource_new"), {**form, "kind": "link", "url": "https://x.example/", "file": certificate_file()}
    )
    assert "Only a document has a file" in wrong_kind.content.decode()

    client.post(reverse("resource_new"), {**form, "file": certificate_file("council-tax.pdf")})
    resource = Resource.objects.get()
    assert resource.file_name == "council-tax.pdf" and resource.stored_name != "council-tax.pdf"
    client.force_login(cast.recruit_user_a)
    assert "Download Council tax guide" in client.get(resource.get_absolute_url()).content.decode()
    download = client.get(reverse("resource_file", args=[resource.public_id]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES
    assert download["Cache-Control"] == "private, no-store" and "council-tax.pdf" in download["Content-Disposition"]
    client.force_login(cast.recruit_user_b)
    assert client.get(reverse("resource_file", args=[resource.public_id])).status_code == 404

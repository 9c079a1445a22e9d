"""A candidate's data rights (campaigns/personal_data.py): the lead's export and erasure of one
application, the candidate's own download, and the retention of unsuccessful applications."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accesslog.models import AccessEvent, Action
from accesslog.rights import personal_data_sources, retention_cutoff, retention_run, subject_erase
from campaigns.applicants import application_document_path
from campaigns.models import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    ComplianceCheck,
    FirstAppointment,
    Interview,
    InterviewScore,
    Offer,
    PreArrivalAnswer,
    PreArrivalTask,
    RepaymentItem,
    ScreeningAnswer,
    Stage,
)
from campaigns.offers import check_document_path, offer_make
from campaigns.personal_data import CANDIDATE, SOURCES, unsuccessful_applications
from campaigns.pipeline import application_move
from campaigns.services import campaign_close
from portal.dates import add_months
from tests.campaigns.builders import PDF, application_in_a, check_in_a, interviewed_in_a, shortlisted_in_a
from tests.conftest import Cast
from tests.pdfs import pdf_facts
from tests.rules.conftest import add_figure  # noqa: F401 (a fixture)
from training.models import CareCertificateStandard

OTHER = {
    "given_names": "Bea",
    "family_name": "Okafor",
    "email": "bea.okafor@example.org",
    "passport_number": "P7654321",
}
# Every model that holds something about a candidate.
MODELS = {Application, ApplicationDocument, ApplicationEvent, ScreeningAnswer, Interview, InterviewScore, Offer}
MODELS |= {RepaymentItem, ComplianceCheck, PreArrivalTask, PreArrivalAnswer, FirstAppointment}


def _full_application(cast: Cast) -> Application:
    """Asha Menon, through screening, an interview (scored), an offer with a repayment clause and a
    pre-employment check; every free-text field holds something about her."""
    application = interviewed_in_a(cast)
    offer_make(
        actor=cast.lead_a,
        application=application,
        employer=cast.provider_a,
        salary=Decimal("31500"),
        hours_per_week=Decimal("37.5"),
        starts_on=timezone.localdate() + dt.timedelta(days=120),
        repayment=[("travel", Decimal("650"), "Flight invoice for Asha Menon, Kochi to Birmingham")],
        repayment_months=12,
    )
    application = application_move(actor=cast.lead_a, application=application, to_stage=Stage.ACCEPTED)
    check_in_a(cast, application)
    ScreeningAnswer.objects.filter(application=application).update(note="Menon: registration seen")
    InterviewScore.objects.filter(member__interview__application=application).update(note="Asha answered well")
    Interview.objects.filter(application=application).update(rearrange_reason="Asha is on nights that week")
    # Pre-arrival rows (their own stage rules are tested in test_prearrival.py).
    PreArrivalTask.objects.create(application=application, item="visa_applied")
    PreArrivalAnswer.objects.create(
        application=application,
        standard=CareCertificateStandard.objects.get(number=1),
        rating="some",
        evidence_notes="Asha cared for her grandmother",
    )
    FirstAppointment.objects.create(
        application=application,
        starts_at=timezone.now() + dt.timedelta(days=30),
        purpose="Airport pick-up for Asha",
        place="Birmingham Airport",
    )
    return application


def _other(cast: Cast, application: Application) -> Application:
    """Another candidate of the same campaign, screened (with notes) and shortlisted."""
    other = shortlisted_in_a(cast, application.campaign, **OTHER)
    ScreeningAnswer.objects.filter(application=other).update(note="Okafor: registration seen")
    return other


def _urls(application: Application) -> tuple[str, str, str]:
    kwargs = {"public_id": application.public_id}
    return (
        reverse("rights_candidate", kwargs=kwargs),
        reverse("rights_candidate_export", kwargs=kwargs),
        reverse("rights_candidate_erase", kwargs=kwargs),
    )


def test_every_model_about_a_candidate_is_declared() -> None:
    assert {source.model for source in personal_data_sources(CANDIDATE)} == MODELS
    assert len(SOURCES) == len(MODELS)


def test_the_lead_sees_the_link_on_the_application_and_the_page(cast: Cast, client) -> None:
    application = application_in_a(cast)
    page_url, export_url, erase_url = _urls(application)
    client.force_login(cast.lead_a)
    assert page_url in client.get(application.get_absolute_url()).content.decode()
    page = client.get(page_url).content.decode()
    assert export_url in page and erase_url in page and "Interview scores" in page
    client.force_login(cast.staff_a)
    assert page_url not in client.get(application.get_absolute_url()).content.decode()


def test_the_export_holds_every_model_and_file_of_the_application_and_nothing_of_another(cast: Cast, client) -> None:
    application = _full_application(cast)
    _other(cast, application)
    client.force_login(cast.lead_a)
    response = client.post(_urls(application)[1])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip" and response["Cache-Control"] == "no-store"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    assert data["person"] == {"kind": CANDIDATE, "public_id": str(application.public_id), "name": "Asha Menon"}
    sources = {source["model"]: source for source in data["sources"]}
    assert set(sources) == {model._meta.label for model in MODELS}
    for label, source in sources.items():
        assert source["rows"], f"{label}: no rows exported"
    assert sources["campaigns.Application"]["rows"][0]["passport_number"] == "N1234567"
    assert sources["campaigns.InterviewScore"]["rows"][0]["note"] == "Asha answered well"
    assert "Flight invoice for Asha Menon" in sources["campaigns.RepaymentItem"]["rows"][0]["evidence"]
    documents = sorted(name for name in archive.namelist() if name.startswith("documents/"))
    assert sorted(name.split("-", 1)[1] for name in documents) == ["cv.pdf", "evidence.pdf", "nursing-degree.pdf"]
    assert all(archive.read(name) == PDF for name in documents)
    assert data["missing_files"] == []
    # Nothing of the other candidate, though they share the campaign, its screening items and panel.
    text = archive.read("data.json").decode()
    assert "Okafor" not in text and "bea.okafor" not in text and "P7654321" not in text
    summary = " ".join(pdf_facts(archive.read("summary.pdf")).text.split())
    assert "holds about Asha Menon" in summary and "Pre-employment checks" in summary
    event = AccessEvent.objects.get(action=Action.EXPORT)
    assert (event.subject_kind, event.subject_id, event.region_id) == (
        CANDIDATE,
        application.public_id,
        cast.region_a.pk,
    )


def test_the_interview_scores_of_another_candidate_stay_out(cast: Cast) -> None:
    """Scores reach the application through the panel member and the interview: two candidates
    interviewed by the same panel each get their own."""
    first = interviewed_in_a(cast)
    second = shortlisted_in_a(cast, first.campaign, **OTHER)
    Interview.objects.filter(application=first).update(starts_at=timezone.now() - dt.timedelta(days=3))
    interviewed_in_a(cast, second)
    source = next(source for source in SOURCES if source.model is InterviewScore)
    mine, theirs = list(source.rows(first)), list(source.rows(second))
    assert mine and theirs and not {score.pk for score in mine} & {score.pk for score in theirs}


def test_erasure_blanks_deletes_and_removes_the_files_after_the_commit(
    cast: Cast, client, django_capture_on_commit_callbacks
) -> None:
    application = _full_application(cast)
    other = _other(cast, application)
    paths = [application_document_path(document) for document in application.documents.all()]
    paths += [check_document_path(check) for check in application.checks.all()]
    assert len(paths) == 3 and all(path.is_file() for path in paths)
    client.force_login(cast.lead_a)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(_urls(application)[2], {"full_name": "asha  menon"})
        assert response.status_code == 302 and response["Location"] == application.get_absolute_url()
        assert all(path.is_file() for path in paths), "files go only once the erasure commits"
    for callback in callbacks:
        callback()
    assert not any(path.exists() for path in paths)
    erased = Application.objects.get(pk=application.pk)
    assert (erased.given_names, erased.family_name, erased.phone, erased.experience) == ("Erased", "person", "", "")
    assert erased.email == f"erased-{application.pk}@erased.invalid"
    assert erased.passport_number == f"ERASED-{application.pk}"
    # What the counts are made of stays: the stage, the role, the countries, the direct flag.
    assert (erased.stage, erased.role, erased.country, erased.nationality) == (Stage.ACCEPTED, "nurse", "IN", "IN")
    assert not ApplicationDocument.objects.filter(application=application).exists()
    assert not ComplianceCheck.objects.filter(application=application).exists()
    assert set(ApplicationEvent.objects.filter(application=application).values_list("text", flat=True)) == {""}
    assert set(ScreeningAnswer.objects.filter(application=application).values_list("note", flat=True)) == {""}
    assert set(InterviewScore.objects.values_list("note", flat=True)) == {""}
    assert Interview.objects.get(application=application).rearrange_reason == ""
    assert Interview.objects.get(application=application).decision_note == ""
    assert RepaymentItem.objects.get(offer__application=application).evidence == ""
    assert Offer.objects.get(application=application).salary == Decimal("31500")
    # The other candidate is untouched.
    other.refresh_from_db()
    assert (other.family_name, other.email) == ("Okafor", "bea.okafor@example.org")
    assert ScreeningAnswer.objects.filter(application=other, note="Okafor: registration seen").exists()
    assert all(application_document_path(document).is_file() for document in other.documents.all())
    assert AccessEvent.objects.filter(action=Action.ERASE, subject_id=application.public_id).exists()


def test_two_erased_candidates_of_one_campaign_keep_it_applied_to_once(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:
    """The email and passport number are unique in a campaign: each erased row gets its own placeholder."""
    first = application_in_a(cast)
    second = application_in_a(cast, first.campaign, **OTHER)
    with django_capture_on_commit_callbacks(execute=True):
        subject_erase(CANDIDATE, first)
        subject_erase(CANDIDATE, second)
    emails = set(Application.objects.values_list("email", flat=True))
    assert emails == {f"erased-{first.pk}@erased.invalid", f"erased-{second.pk}@erased.invalid"}


def test_a_name_that_does_not_match_erases_nothing(cast: Cast, client) -> None:
    application = application_in_a(cast)
    client.force_login(cast.lead_a)
    response = client.post(_urls(application)[2], {"full_name": "Asha Mennon"})
    assert response.status_code == 400
    assert Application.objects.get(pk=application.pk).family_name == "Menon"


@pytest.mark.parametrize("who", ["staff_a"])
def test_hub_staff_see_the_application_but_get_403(cast: Cast, client, who: str) -> None:
    application = application_in_a(cast)
    client.force_login(getattr(cast, who))
    page_url, export_url, erase_url = _urls(application)
    assert client.get(page_url).status_code == 403
    assert client.post(export_url).status_code == 403
    assert client.post(erase_url, {"full_name": "Asha Menon"}).status_code == 403
    assert Application.objects.get(pk=application.pk).family_name == "Menon"


@pytest.mark.parametrize(
    "who", ["lead_b", "staff_b", "provider_admin_a", "provider_staff_a", "council_officer_a", "national"]
)
def test_another_regions_lead_and_the_employer_get_404(cast: Cast, client, who: str) -> None:
    application = application_in_a(cast)
    client.force_login(getattr(cast, who))
    page_url, export_url, erase_url = _urls(application)
    assert client.get(page_url).status_code == 404
    assert client.post(export_url).status_code == 404
    assert client.post(erase_url, {"full_name": "Asha Menon"}).status_code == 404
    assert not AccessEvent.objects.filter(action__in=[Action.EXPORT, Action.ERASE]).exists()


# -- the candidate's own download -----------------------------------------------------------------


def _signed_in_as_candidate(client, mailoutbox, email: str) -> None:
    client.post(reverse("applicant_sign_in"), {"email": email})
    code = re.search(r"\b(\d{6})\b", mailoutbox[-1].body).group(1)  # type: ignore[union-attr]
    client.post(reverse("applicant_code"), {"code": code})


def test_the_candidate_downloads_their_own_data_and_no_one_elses(cast: Cast, client, mailoutbox) -> None:
    application = _full_application(cast)
    other = _other(cast, application)
    url = reverse("my_application_data", args=[application.public_id])
    assert client.get(url)["Location"] == reverse("applicant_sign_in"), "not signed in"
    _signed_in_as_candidate(client, mailoutbox, application.email)
    assert url in client.get(reverse("my_applications")).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip" and "no-store" in response["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    assert data["person"]["public_id"] == str(application.public_id)
    assert {source["model"] for source in data["sources"] if source["rows"]} == {m._meta.label for m in MODELS}
    assert len([name for name in archive.namelist() if name.startswith("documents/")]) == 3
    assert "Okafor" not in archive.read("data.json").decode()
    assert client.get(reverse("my_application_data", args=[other.public_id])).status_code == 404


# -- retention ------------------------------------------------------------------------------------


def _since(application: Application, day: dt.date) -> None:
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))
    Application.objects.filter(pk=application.pk).update(stage_since=moment)


def test_an_ended_application_is_erased_six_months_after_it_ended(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:
    rejected = application_in_a(cast)
    rejected = application_move(actor=cast.staff_a, application=rejected, to_stage=Stage.REJECTED, reason="No PIN")
    withdrawn = application_in_a(cast, rejected.campaign, **OTHER)
    withdrawn = application_move(
        actor=cast.staff_a, application=withdrawn, to_stage=Stage.WITHDRAWN, reason="Took another job"
    )
    ended_on = dt.date(2027, 1, 15)
    _since(rejected, ended_on)
    _since(withdrawn, ended_on + dt.timedelta(days=1))
    paths = [application_document_path(document) for document in rejected.documents.all()]
    due = add_months(ended_on, 6)
    assert retention_cutoff("retention_unsuccessful_application_months", due) == ended_on
    with django_capture_on_commit_callbacks(execute=True):
        assert retention_run(due - dt.timedelta(days=1), ["unsuccessful_applications"]) == {
            "unsuccessful_applications": 0
        }
    assert Application.objects.get(pk=rejected.pk).family_name == "Menon"
    with django_capture_on_commit_callbacks(execute=True):
        assert retention_run(due, ["unsuccessful_applications"]) == {"unsuccessful_applications": 1}
    cleared = Application.objects.get(pk=rejected.pk)
    assert (cleared.family_name, cleared.stage, cleared.end_reason) == ("person", Stage.REJECTED, "Erased")
    assert not ApplicationDocument.objects.filter(application=rejected).exists()
    assert not any(path.exists() for path in paths)
    # Recent: the withdrawn one ended a day later and waits a day more; a second run clears nothing new.
    assert Application.objects.get(pk=withdrawn.pk).family_name == "Okafor"
    with django_capture_on_commit_callbacks(execute=True):
        assert retention_run(due, ["unsuccessful_applications"]) == {"unsuccessful_applications": 0}
        assert retention_run(due + dt.timedelta(days=1), ["unsuccessful_applications"]) == {
            "unsuccessful_applications": 1
        }


def test_a_closed_campaign_clears_those_short_of_an_offer_and_keeps_the_successful(cast: Cast) -> None:
    successful = _full_application(cast)
    campaign = successful.campaign
    waiting = application_in_a(cast, campaign, **OTHER)
    campaign_close(actor=cast.lead_a, campaign=campaign)
    closed_on = timezone.localdate()
    due = add_months(closed_on, 6)
    assert unsuccessful_applications(due - dt.timedelta(days=1)) == []
    assert unsuccessful_applications(due) == [waiting]
    retention_run(due, ["unsuccessful_applications"])
    assert Application.objects.get(pk=waiting.pk).family_name == "person"
    kept = Application.objects.get(pk=successful.pk)
    assert (kept.family_name, kept.passport_number) == ("Menon", "N1234567")
    assert ComplianceCheck.objects.filter(application=successful).exists()


def test_an_application_still_moving_in_a_closed_campaign_waits(cast: Cast) -> None:
    application = application_in_a(cast)
    campaign_close(actor=cast.lead_a, campaign=application.campaign)
    due = add_months(timezone.localdate(), 6)
    _since(application, timezone.localdate() + dt.timedelta(days=30))  # screened a month after the closing
    assert unsuccessful_applications(due) == []
    assert unsuccessful_applications(add_months(due, 1)) == [application]


def test_an_open_application_in_an_open_campaign_is_kept(cast: Cast) -> None:
    application = application_in_a(cast)
    _since(application, dt.date(2020, 1, 1))
    assert unsuccessful_applications(dt.date(2030, 1, 1)) == []


def test_the_period_changes_on_its_date(add_figure) -> None:  # noqa: F811
    add_figure("retention_unsuccessful_application_months,3,months after the application ended,2027-09-01,no,test")
    assert retention_cutoff("retention_unsuccessful_application_months", dt.date(2027, 8, 31)) == dt.date(2027, 2, 28)
    assert retention_cutoff("retention_unsuccessful_application_months", dt.date(2027, 9, 1)) == dt.date(2027, 6, 1)

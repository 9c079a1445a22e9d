"""Applying to a campaign (issue 15 item 3) and the hub's pipeline (item 4): the public form as a
browser sends it, its refusals, de-duplication, following one's application by emailed code, the
screening gates, single and bulk moves, the board's counts, and who sees what."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import Application, ApplicationEvent, CampaignStatus, Stage
from campaigns.pipeline import application_move, applications_bulk_move, screening_items, screening_record
from campaigns.services import campaign_close
from recruits.models import CodeList, CodeOfPracticeCountry
from tests.campaigns.builders import PDF, application_in_a, open_campaign_in_a
from tests.conftest import Cast
from tests.forms.census import post_forms

pytestmark = pytest.mark.django_db


def _pdf(name: str = "cv.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _filled(**overrides: object) -> dict[str, object]:
    """What a person types and picks on the form, as the browser sends it."""
    data: dict[str, object] = {
        "role": "nurse",
        "given_names": "Grace",
        "family_name": "Achieng",
        "email": "Grace.Achieng@Example.org",
        "phone": "+254 712 345678",
        "country": "IN",
        "nationality": "IN",
        "passport_number": "a 765 4321",
        "experience": "Eight years in intensive care.",
        "cv": _pdf(),
        "certificates": [_pdf("degree.pdf"), _pdf("ielts.pdf")],
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def _apply_url(campaign) -> str:
    return reverse("campaign_apply", args=[campaign.public_id])


# -- the public form --------------------------------------------------------------------------------


def test_the_form_as_a_person_sends_it_stores_one_application_with_its_files(
    cast: Cast, client, mailoutbox, settings
) -> None:
    campaign = open_campaign_in_a(cast)
    page = client.get(_apply_url(campaign))
    assert page.status_code == 200
    html = page.content.decode()
    (form,) = post_forms(html)
    fields = form["fields"]
    assert isinstance(fields, list)
    sent = _filled()
    assert set(fields) == set(sent), "every field of the page is filled in, and nothing else"
    assert 'type="file" name="certificates"' in html and "multiple" in html and 'enctype="multipart/form-data"' in html
    assert "Nobody may charge you a fee" in html

    done = client.post(_apply_url(campaign), sent)
    assert done.status_code == 200 and "Your application is sent" in done.content.decode()
    application = Application.objects.get()
    assert (application.email, application.passport_number) == ("grace.achieng@example.org", "A7654321")
    assert application.region == cast.region_a and application.stage == Stage.APPLIED and not application.direct
    assert application.consent_at is not None
    kinds = sorted(application.documents.values_list("kind", flat=True))
    assert kinds == ["certificate", "certificate", "cv"]
    stored = list((Path(settings.MEDIA_ROOT) / "applications").iterdir())
    assert len(stored) == 3 and all(path.read_bytes() == PDF for path in stored)
    assert [m.to for m in mailoutbox] == [["grace.achieng@example.org"]]
    assert "Nobody may charge you a fee" in mailoutbox[0].body
    assert list(ApplicationEvent.objects.values_list("to_stage", flat=True)) == ["applied"]


def test_an_application_from_a_country_the_campaign_does_not_target_is_direct_red_list_included(
    cast: Cast, client
) -> None:
    CodeOfPracticeCountry.objects.create(
        iso_code="NG", name="Nigeria", code_list=CodeList.RED, effective_from=dt.date(2023, 3, 23)
    )
    campaign = open_campaign_in_a(cast)
    client.post(_apply_url(campaign), _filled(country="NG", nationality="NG"))
    application = Application.objects.get()
    assert application.direct
    client.force_login(cast.lead_a)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "A direct application" in page and "never active recruitment there" in page


def test_without_consent_nothing_is_stored_and_the_form_says_why(cast: Cast, client, settings) -> None:
    campaign = open_campaign_in_a(cast)
    response = client.post(_apply_url(campaign), _filled(consent=""))
    assert response.status_code == 400
    assert "Agree to the hub using your details for this application" in response.content.decode()
    assert not Application.objects.exists()
    assert not (Path(settings.MEDIA_ROOT) / "applications").exists()


def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_is_kept(cast: Cast, client, settings) -> None:
    campaign = open_campaign_in_a(cast)
    renamed = _pdf("ielts.pdf", b"MZ\x90\x00 this is a program")
    response = client.post(_apply_url(campaign), _filled(certificates=[_pdf("degree.pdf"), renamed]))
    assert response.status_code == 400
    assert "ielts.pdf:" in response.content.decode()
    assert not Application.objects.exists()
    folder = Path(settings.MEDIA_ROOT) / "applications"
    assert not folder.exists() or not list(folder.iterdir()), "the files checked before the bad one are removed"


def test_an_oversize_cv_is_refused_with_the_limit(cast: Cast, client, settings) -> None:
    settings.DOCUMENT_MAX_BYTES = 1024
    campaign = open_campaign_in_a(cast)
    response = client.post(_apply_url(campaign), _filled(cv=_pdf("cv.pdf", PDF + b"0" * 2048)))
    assert response.status_code == 400
    assert re.search(r"cv\.pdf: The file is [\d.]+ KB: upload a file of 1 KB or less", response.content.decode())
    assert not Application.objects.exists()


def test_more_than_five_certificates_are_refused(cast: Cast, client) -> None:
    campaign = open_campaign_in_a(cast)
    response = client.post(_apply_url(campaign), _filled(certificates=[_pdf(f"c{n}.pdf") for n in range(6)]))
    assert "Choose at most 5 certificates: you chose 6" in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.parametrize("same", ["email", "passport"])
def test_a_second_application_of_the_same_person_is_not_stored_and_they_are_told_by_email(
    same: str, cast: Cast, client, mailoutbox
) -> None:
    campaign = open_campaign_in_a(cast)
    client.post(_apply_url(campaign), _filled())
    again = (
        _filled(passport_number="B9999999", given_names="G.")
        if same == "email"
        else _filled(email="other@example.org", passport_number="A7654321")
    )
    response = client.post(_apply_url(campaign), again)
    assert "Your application is sent" in response.content.decode(), "the page tells a stranger nothing"
    assert Application.objects.count() == 1 and Application.objects.get().given_names == "Grace"
    assert "You have already applied to this campaign" in mailoutbox[-1].body


def test_a_bot_filling_the_hidden_field_is_answered_as_a_person_and_nothing_is_stored(cast: Cast, client) -> None:
    campaign = open_campaign_in_a(cast)
    response = client.post(_apply_url(campaign), _filled(website="http://spam.example"))
    assert "Your application is sent" in response.content.decode()
    assert not Application.objects.exists()


def test_the_form_is_rate_limited_per_address(cast: Cast, client) -> None:
    campaign = open_campaign_in_a(cast)
    for _ in range(5):
        assert client.post(_apply_url(campaign), {}).status_code == 400
    limited = client.post(_apply_url(campaign), _filled())
    assert limited.status_code == 429 and limited["Retry-After"] == "3600"
    assert not Application.objects.exists()


def test_a_draft_is_not_public_and_a_closed_campaign_takes_no_application(cast: Cast, client) -> None:
    campaign = open_campaign_in_a(cast)
    campaign_close(actor=cast.lead_a, campaign=campaign)
    closed = client.get(_apply_url(campaign))
    assert closed.status_code == 200 and "not taking applications any more" in closed.content.decode()
    client.post(_apply_url(campaign), _filled())
    assert not Application.objects.exists()
    campaign.status = CampaignStatus.DRAFT
    campaign.save()
    assert client.get(_apply_url(campaign)).status_code == 404


# -- following one's application --------------------------------------------------------------------


def _code_from(mailoutbox) -> str:
    match = re.search(r"\b(\d{6})\b", mailoutbox[-1].body)
    assert match, mailoutbox[-1].body
    return match.group(1)


def test_an_applicant_follows_their_own_application_by_emailed_code(cast: Cast, client, mailoutbox) -> None:
    mine = application_in_a(cast)
    other = application_in_a(cast, mine.campaign, email="someone.else@example.org", passport_number="Z1")
    client.post(reverse("applicant_sign_in"), {"email": "Asha.Menon@example.org"})
    assert "to follow your application" in mailoutbox[-1].body
    response = client.post(reverse("applicant_code"), {"code": _code_from(mailoutbox)})
    assert response["Location"] == reverse("my_applications")
    page = client.get(reverse("my_applications")).content.decode()
    assert mine.campaign.title in page and "Applied" in page
    assert other.email not in page and "Someone" not in page
    assert mine.passport_number not in page, "the page shows where the application is, not the file"


def test_an_unknown_address_gets_the_same_page_and_no_email(cast: Cast, client, mailoutbox) -> None:
    response = client.post(reverse("applicant_sign_in"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("applicant_code")
    assert mailoutbox == []
    assert client.get(reverse("my_applications"))["Location"] == reverse("applicant_sign_in")


# -- the pipeline ------------------------------------------------------------------------------------


def _screen(cast: Cast, application: Application, *, all_met: bool = True) -> None:
    items = screening_items(application.role)
    answers = {item.code: (all_met or index > 0, "") for index, item in enumerate(items)}
    screening_record(actor=cast.staff_a, application=application, answers=answers)


def test_a_nurse_is_screened_on_the_nmc_stage_as_well(cast: Cast) -> None:
    codes = [item.code for item in screening_items("nurse")]
    assert codes == ["experience", "english", "no_fee", "nmc"]
    assert "nmc" not in [item.code for item in screening_items("care_worker")]


def test_screening_gates_the_first_two_moves(cast: Cast) -> None:
    application = application_in_a(cast)
    with pytest.raises(Exception, match="Record the screening checklist first: 4 items not answered"):
        application_move(actor=cast.staff_a, application=application, to_stage=Stage.SCREENED)
    _screen(cast, application, all_met=False)
    application = application_move(actor=cast.staff_a, application=application, to_stage=Stage.SCREENED)
    with pytest.raises(Exception, match="reject the application with that reason instead"):
        application_move(actor=cast.staff_a, application=application, to_stage=Stage.SHORTLISTED)
    assert Application.objects.get().stage == Stage.SCREENED


def test_moves_go_one_stage_forward_or_end_with_a_reason(cast: Cast) -> None:
    application = application_in_a(cast)
    with pytest.raises(Exception, match="moves to “Screened”, or is rejected or withdrawn"):
        application_move(actor=cast.staff_a, application=application, to_stage=Stage.OFFERED)
    with pytest.raises(Exception, match="Give the reason"):
        application_move(actor=cast.staff_a, application=application, to_stage=Stage.REJECTED, reason=" ")
    ended = application_move(
        actor=cast.staff_a, application=application, to_stage=Stage.REJECTED, reason="No registration yet"
    )
    assert ended.end_reason == "No registration yet"
    with pytest.raises(Exception, match="it cannot move on"):
        application_move(actor=cast.staff_a, application=ended, to_stage=Stage.SCREENED)
    timeline = list(ApplicationEvent.objects.order_by("id").values_list("from_stage", "to_stage", "text"))
    assert timeline == [("", "applied", "Applied"), ("applied", "rejected", "No registration yet")]


def test_a_bulk_move_is_all_or_nothing_and_names_who_held_it_back(cast: Cast) -> None:
    first = application_in_a(cast)
    second = application_in_a(cast, first.campaign, email="b@example.org", passport_number="B1")
    _screen(cast, first)
    result = applications_bulk_move(actor=cast.staff_a, applications=[first, second], action="next")
    assert result.moved == [] and [(a.pk, reason[:30]) for a, reason in result.refused] == [
        (second.pk, "Record the screening checklist")
    ]
    assert set(Application.objects.values_list("stage", flat=True)) == {Stage.APPLIED}
    _screen(cast, second)
    result = applications_bulk_move(actor=cast.staff_a, applications=[first, second], action="next")
    assert len(result.moved) == 2 and set(Application.objects.values_list("stage", flat=True)) == {Stage.SCREENED}


def test_the_board_counts_every_stage_and_moves_the_chosen(cast: Cast, client) -> None:
    first = application_in_a(cast)
    second = application_in_a(cast, first.campaign, email="b@example.org", passport_number="B1")
    client.force_login(cast.staff_a)
    url = reverse("campaign_board", args=[first.campaign.public_id])
    page = client.get(url).content.decode()
    assert "Applied: 2" in page and "Screened: 0" in page and "Arrived: 0" in page
    response = client.post(url, {"action": "rejected", "reason": "", "chosen": [str(first.public_id)]})
    assert "Give the reason the applications are rejected" in response.content.decode()
    response = client.post(
        url + "?stage=applied",
        {"action": "rejected", "reason": "The role needs NMC registration", "chosen": [str(first.public_id)]},
    )
    assert response.status_code == 302
    assert Application.objects.get(pk=first.pk).stage == Stage.REJECTED
    assert Application.objects.get(pk=second.pk).stage == Stage.APPLIED
    page = client.get(url).content.decode()
    assert "Applied: 1" in page and "Rejected: 1" in page


def test_the_application_page_records_screening_and_moves_through_its_forms(cast: Cast, client) -> None:
    application = application_in_a(cast)
    client.force_login(cast.staff_a)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "NMC registration stage recorded" in page and "nursing-degree.pdf" in page
    answers = {f"screening-met_{item.code}": "yes" for item in screening_items("nurse")}
    answers["screening-note_nmc"] = "CBT passed in October"
    response = client.post(reverse("application_screening", args=[application.public_id]), answers)
    assert response.status_code == 302
    response = client.post(reverse("application_move", args=[application.public_id]), {"to_stage": "screened"})
    assert response.status_code == 302
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Applied → Screened" in page and "CBT passed in October" in page and "Screening recorded: 4 of 4" in page


def test_documents_download_for_the_hub_team_only_and_each_read_is_logged(cast: Cast, client) -> None:
    from accesslog.models import AccessEvent

    application = application_in_a(cast)
    document = application.documents.get(kind="cv")
    url = reverse("application_document", args=[document.public_id])
    client.force_login(cast.staff_a)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Cache-Control"] == "no-store"
    client.get(application.get_absolute_url())
    logged = list(
        AccessEvent.objects.filter(subject_kind="application", subject_id=application.public_id)
        .order_by("id")
        .values_list("user_id", "action", "what")
    )
    assert logged == [
        (cast.staff_a.pk, "download", "an applicant's CV"),
        (cast.staff_a.pk, "view", "an applicant's passport and identity details"),
    ]
    assert application.family_name not in str(logged) and application.passport_number not in str(logged)
    for outsider in (cast.provider_admin_a, cast.lead_b):
        client.force_login(outsider)
        assert client.get(url).status_code == 404


def test_the_employer_reads_the_campaign_but_not_its_applicants(cast: Cast, client) -> None:
    application = application_in_a(cast)
    client.force_login(cast.provider_admin_a)
    assert client.get(reverse("campaign_detail", args=[application.campaign.public_id])).status_code == 200
    assert client.get(reverse("campaign_board", args=[application.campaign.public_id])).status_code == 403
    assert client.get(application.get_absolute_url()).status_code == 404


def test_closing_keeps_the_pipeline_going(cast: Cast, client) -> None:
    application = application_in_a(cast)
    client.force_login(cast.lead_a)
    url = reverse("campaign_close", args=[application.campaign.public_id])
    assert "1 applicant still in the pipeline carries on" in client.get(url).content.decode()
    assert "Tick the box" in client.post(url, {}).content.decode()
    assert client.post(url, {"confirm": "on"}).status_code == 302
    application.campaign.refresh_from_db()
    assert application.campaign.status == CampaignStatus.CLOSED
    application_move(actor=cast.staff_a, application=application, to_stage=Stage.WITHDRAWN, reason="Took a job at home")


@pytest.mark.parametrize("n", [1, 8])
def test_board_queries_do_not_grow_with_applicants(cast: Cast, client, django_assert_num_queries, n: int) -> None:
    campaign = open_campaign_in_a(cast)
    for index in range(n):
        application_in_a(cast, campaign, email=f"a{index}@example.org", passport_number=f"P{index}")
    client.force_login(cast.staff_a)
    url = reverse("campaign_board", args=[campaign.public_id])
    client.get(url)
    with django_assert_num_queries(BOARD_QUERIES):
        assert client.get(url).status_code == 200


# The session, the user and their grants, MFA, the campaign and its edit check, the page, the
# counts, the header (hub name, unread notifications).
BOARD_QUERIES = 10

"""Councils act (issue 16 item 4): a council officer's notes on their area's cases and the state of
each step; the ADASS regional page of case figures, with no names and small counts suppressed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from compliance.models import CaseEntry, CaseStatus, ComplianceCase
from compliance.services import step_complete
from notifications.models import Reminder
from notifications.services import reminder_send
from notifications.tasks import send_notification_email
from tests.factories import ProviderFactory, RecruitFactory

from .builders import revoke

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("n_plus_one_guard")]
WORKER_NAMES = ["Grace", "Gondwe", "Hari", "Hamal"]


def _note_url(case) -> str:
    return reverse("case_council_note", args=[case.public_id])


def test_the_council_adds_a_note_the_hub_team_reads(client, cast) -> None:
    case = revoke(cast)
    client.force_login(cast.council_officer_a)
    response = client.post(_note_url(case), {"text": "  Two care packages moved to another provider.  "})
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    entry = CaseEntry.objects.get(case=case, kind="council")
    assert entry.text == "Two care packages moved to another provider."
    assert entry.shareable and entry.author == cast.council_officer_a
    council_page = client.get(case.get_absolute_url()).content.decode()
    assert "Note from the council" in council_page and "Two care packages moved" in council_page
    client.force_login(cast.staff_a)
    hub_page = client.get(case.get_absolute_url()).content.decode()
    assert "Note from the council" in hub_page and "Two care packages moved" in hub_page
    assert cast.council_officer_a.name in hub_page  # the hub team sees who wrote it


def test_the_hub_hears_of_a_council_note_in_the_inbox_and_an_email_naming_nobody(client, cast, mailoutbox) -> None:
    case = revoke(cast)
    client.force_login(cast.council_officer_a)
    client.post(_note_url(case), {"text": "Two care packages moved to another provider."})
    client.post(_note_url(case), {"text": "The provider's manager has left."})
    notices = Reminder.objects.filter(kind="compliance.council_note").select_related("recipient").order_by("pk")
    assert [notice.recipient for notice in notices] == [case.owner, case.owner], "the owner hears of each note"
    for notice in notices:
        for notification_id in reminder_send(reminder_id=notice.pk):
            send_notification_email.apply(args=[notification_id])
    assert {message.to[0] for message in mailoutbox} == {case.owner.email}
    body = "".join(message.body for message in mailoutbox)
    assert cast.council_officer_a.name not in body and case.provider.name not in body and "care packages" not in body
    client.force_login(case.owner)
    inbox = client.get(reverse("inbox")).content.decode()
    assert inbox.count("A council&#x27;s note on a compliance case") == 2, inbox


def test_an_empty_note_says_what_to_write(client, cast) -> None:
    case = revoke(cast)
    client.force_login(cast.council_officer_a)
    page = client.post(_note_url(case), {"text": "   "}).content.decode()
    assert "Write your note for the hub" in page and not case.entries.filter(kind="council").exists()


def test_the_hub_team_writes_its_own_notes_and_the_council_of_another_area_sees_nothing(client, cast) -> None:
    case = revoke(cast)
    client.force_login(cast.staff_a)
    assert client.get(_note_url(case)).status_code == 403  # visible, but the hub writes on the timeline
    shared = {"kind": "note", "text": "Shared with the council: the provider will not appeal.", "shareable": "on"}
    assert client.post(reverse("case_entry_new", args=[case.public_id]), shared).status_code == 302
    assert case.entries.get(text__startswith="Shared with the council").shareable
    for outsider in (cast.council_officer_b, cast.adass_a, cast.adass_b, cast.provider_admin_a):
        client.force_login(outsider)
        assert client.get(_note_url(case)).status_code == 404
        assert client.post(_note_url(case), {"text": "x"}).status_code == 404
        assert client.get(case.get_absolute_url()).status_code == 404
    assert not case.entries.filter(kind="council").exists()


def test_the_kind_of_a_council_note_is_not_offered_to_the_hub_team(client, cast) -> None:
    case = revoke(cast)
    client.force_login(cast.lead_a)
    data = {"kind": "council", "text": "Pretending to be the council."}
    page = client.post(reverse("case_entry_new", args=[case.public_id]), data).content.decode()
    assert "govuk-error-summary" in page and not case.entries.filter(kind="council").exists()


def test_a_closed_case_takes_no_more_notes(client, cast) -> None:
    case = revoke(cast)
    type(case).objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED)
    client.force_login(cast.council_officer_a)
    assert "Add a note for the hub" not in client.get(case.get_absolute_url()).content.decode()
    page = client.post(_note_url(case), {"text": "Too late."}).content.decode()
    assert not case.entries.filter(kind="council").exists()
    assert "govuk-error-summary" in page


def test_the_council_sees_each_step_done_due_or_overdue_with_its_dates(client, cast) -> None:
    case = revoke(cast)
    today = timezone.localdate()
    steps = list(case.steps.order_by("id"))
    first, second, third = steps[0], steps[1], steps[2]
    type(first).objects.filter(pk=second.pk).update(due_on=today - timedelta(days=3))
    type(first).objects.filter(pk=third.pk).update(due_on=today + timedelta(days=10))
    step_complete(actor=cast.lead_a, step=first, note="Told the DASS.")
    client.force_login(cast.council_officer_a)
    page = client.get(case.get_absolute_url()).content.decode()
    overdue_on, due_on = (today - timedelta(days=3)), (today + timedelta(days=10))
    assert f'{overdue_on:%-d %b %Y} <strong class="govuk-tag govuk-tag--red">Overdue</strong>' in page
    assert f'{due_on:%-d %b %Y} <strong class="govuk-tag govuk-tag--blue">Due</strong>' in page
    assert f"{first.title}: done {today:%-d %b %Y} (due {first.due_on:%-d %b %Y})" in page
    for name in WORKER_NAMES:
        assert name not in page, f"{name} leaked to the council"
    assert "/recruits/" not in page


# -- ADASS regional ------------------------------------------------------------------------------


def _figures_url(cast) -> str:
    return reverse("region_case_figures", args=[cast.region_a.public_id])


def test_adass_sees_the_regions_cases_by_state_and_council_without_names(client, cast) -> None:
    revoke(cast)  # Gamma Care Ltd, in council A, with 2 workers
    other = ProviderFactory(region=cast.region_a, local_authority=cast.council_a, name="Delta Care Ltd")
    for n in range(6):
        RecruitFactory(provider=other, status="employed", given_names="Zola", family_name=f"Zulu{n}")
    revoke(cast, provider=other)
    client.force_login(cast.adass_a)
    home = client.get(reverse("home")).content.decode()
    page = client.get(_figures_url(cast)).content.decode()
    for html in (home, page):
        assert cast.council_a.council_name in html
        assert "2 cases about care providers" in html
        # 8 workers in the council: shown; no provider, worker, lead or council officer named.
        assert '<td class="govuk-table__cell govuk-table__cell--numeric">8</td>' in html
        for name in [*WORKER_NAMES, "Zola", "Zulu", "Gamma Care", "Delta Care", "Alpha Care", "Adeyemi"]:
            assert name not in html, f"{name} shown to ADASS"
        assert cast.lead_a.name not in html and cast.council_officer_a.name not in html
        assert "/compliance/cases/" not in html and "/recruits/" not in html
    assert client.get(reverse("case_figures"))["Location"] == _figures_url(cast)


def test_a_council_with_few_affected_workers_reads_fewer_than_5(client, cast) -> None:
    revoke(cast)  # 2 workers in council A
    from hubs.models import LocalAuthority

    second_council = LocalAuthority.objects.filter(region=cast.region_a).exclude(pk=cast.council_a.pk).first()
    other = ProviderFactory(region=cast.region_a, local_authority=second_council, name="Epsilon Care Ltd")
    for _ in range(7):
        RecruitFactory(provider=other, status="employed")
    revoke(cast, provider=other)
    client.force_login(cast.adass_a)
    page = client.get(_figures_url(cast)).content.decode()
    # Council A's 2 are hidden, so the other council's 7 is withheld (else 9 - 7 gives it back).
    assert ">fewer than 5</td>" in page and ">withheld</td>" in page and "<strong>9</strong>" in page


def test_adass_of_another_region_and_other_roles_get_404(client, cast) -> None:
    revoke(cast)
    for outsider in (cast.adass_b, cast.council_officer_a, cast.provider_admin_a, cast.national, cast.lead_b):
        client.force_login(outsider)
        assert client.get(_figures_url(cast)).status_code == 404, outsider.email
    client.force_login(cast.council_officer_a)
    assert client.get(reverse("case_figures")).status_code == 404
    client.force_login(cast.adass_a)
    assert client.get(reverse("case_list")).status_code == 404
    assert client.get(reverse("region_case_figures", args=[cast.region_b.public_id])).status_code == 404


def test_query_counts_of_the_adass_pages_and_the_note_form(client, cast, django_assert_num_queries) -> None:
    revoke(cast)
    for n in range(3):
        extra = ProviderFactory(region=cast.region_a, local_authority=cast.council_a, name=f"Extra Care {n} Ltd")
        for _ in range(n + 2):
            RecruitFactory(provider=extra, status="employed")
        revoke(cast, provider=extra)
    client.force_login(cast.adass_a)
    with django_assert_num_queries(ADASS_FIGURES_QUERIES):
        assert client.get(_figures_url(cast)).status_code == 200
    with django_assert_num_queries(ADASS_HOME_QUERIES):
        assert client.get(reverse("home")).status_code == 200
    client.force_login(cast.council_officer_a)
    case = ComplianceCase.objects.filter(provider__name="Gamma Care Ltd").get()
    with django_assert_num_queries(NOTE_FORM_QUERIES):
        assert client.get(_note_url(case)).status_code == 200


# Session, user, scope (one query), MFA, header hub and unread count, then the page's own queries; the same
# with 1 and with 4 cases (no query per case, council or worker).
# ADASS accounts need a second factor, so the MFA check is one query more than a council officer's.
ADASS_FIGURES_QUERIES = 12  # + region, cases by state, by council and state, workers by council, council requests
# (counts, and the latest listed by council)
ADASS_HOME_QUERIES = 10  # + regions, then the same three for the one region
NOTE_FORM_QUERIES = 9  # + the case with its provider (a council officer's header reads the council)

"""The good-practice library: leads and the national team share examples, every hub team reads,
searches (ranked, with marked snippets) and comments; Markdown is cleaned; files are checked."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from practice.models import Attachment, Comment, Example
from practice.services import attachment_add, comment_add
from tests.conftest import Cast
from tests.forms.values import form_values

from .builders import PDF, attachment_in_a, comment_in_a, example_in_a


def test_a_lead_shares_an_example_through_the_form(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    page = client.get(reverse("practice_new"))
    data: dict[str, str] = form_values(page.content.decode(), having="title")
    assert data["region"] == str(cast.region_a.pk)  # their only region is chosen already
    data.update(
        title="Night-shift check-ins by voice note",
        summary="Voice notes doubled on-time check-ins.",
        body="We offered **voice notes**.",
        tags="pastoral support, Check-ins, pastoral support",
        contact_name="Lead A",
        contact_email="lead.a@portal.test",
    )
    response = client.post(reverse("practice_new"), data)
    example = Example.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("practice_detail", args=[example.public_id])
    assert (example.region, example.author) == (cast.region_a, cast.lead_a)
    assert sorted(example.tags.values_list("name", flat=True)) == ["Check-ins", "pastoral support"]
    listing = client.get(reverse("practice_list")).content.decode()
    assert "Night-shift check-ins by voice note" in listing


def test_sharing_with_nothing_filled_in_says_what_to_fill(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    html = client.post(reverse("practice_new"), {"region": str(cast.region_a.pk)}).content.decode()
    for message in ("Enter a title", "Enter a summary", "Enter the example", "Enter who to contact about it"):
        assert message in html
    assert not Example.objects.exists()


def test_an_example_opened_and_sent_unchanged_changes_nothing(cast: Cast, client) -> None:
    example = example_in_a(cast, body="Line one\n\nLine two")
    before = Example.objects.values().get(pk=example.pk)
    client.force_login(cast.lead_a)
    html = client.get(reverse("practice_edit", args=[example.public_id])).content.decode()
    data = form_values(html, having="title")
    assert client.post(reverse("practice_edit", args=[example.public_id]), data).status_code == 302
    assert Example.objects.values().get(pk=example.pk) == before
    data["title"] = "A same-week clinic"
    client.post(reverse("practice_edit", args=[example.public_id]), data)
    example.refresh_from_db()
    assert example.title == "A same-week clinic" and example.body == "Line one\n\nLine two"
    assert sorted(example.tags.values_list("name", flat=True)) == ["councils", "rematching"]


def test_a_lead_cannot_share_for_a_region_they_do_not_lead(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    data = {"title": "T", "region": str(cast.region_b.pk), "summary": "S", "body": "B", "contact_name": "A",
            "contact_email": "a@portal.test"}  # fmt: skip
    html = client.post(reverse("practice_new"), data).content.decode()
    assert "Select a valid choice" not in html and "There is a problem" in html
    assert not Example.objects.exists()


@pytest.mark.parametrize("who", ["staff_a", "council_officer_a", "provider_admin_a", "recruit_user_a"])
def test_only_leads_and_the_national_team_share(cast: Cast, client, who: str) -> None:
    client.force_login(getattr(cast, who))
    assert client.get(reverse("practice_new")).status_code == 403


@pytest.mark.parametrize("who", ["council_officer_a", "provider_admin_a", "provider_staff_a", "recruit_user_a"])
def test_the_library_is_not_for_providers_councils_or_recruits(cast: Cast, client, who: str) -> None:
    client.force_login(getattr(cast, who))
    assert client.get(reverse("practice_list")).status_code == 403


def test_every_hub_team_reads_but_only_the_examples_lead_or_national_changes_it(cast: Cast, client) -> None:
    example = example_in_a(cast)
    for who in ("staff_a", "lead_b", "staff_b", "national"):
        client.force_login(getattr(cast, who))
        assert client.get(reverse("practice_detail", args=[example.public_id])).status_code == 200
    for who in ("staff_a", "lead_b", "staff_b"):
        client.force_login(getattr(cast, who))
        assert client.get(reverse("practice_edit", args=[example.public_id])).status_code == 403
        assert client.post(reverse("practice_delete", args=[example.public_id])).status_code == 403
    client.force_login(cast.national)
    assert client.get(reverse("practice_edit", args=[example.public_id])).status_code == 200
    assert client.post(reverse("practice_delete", args=[example.public_id])).status_code == 302
    assert not Example.objects.exists()


def test_the_example_is_shown_as_cleaned_markdown(cast: Cast, client) -> None:
    body = (
        "## Steps\n\n- **Book** a room\n\n<script>alert(1)</script>\n\n"
        "[bad](javascript:alert(2)) <img src=x onerror=alert(3)>"
    )
    example = example_in_a(cast, body=body)
    client.force_login(cast.staff_b)
    html = client.get(reverse("practice_detail", args=[example.public_id])).content.decode()
    assert "<strong>Book</strong>" in html and "<li>" in html
    assert "<script>alert" not in html and 'href="javascript' not in html and "onerror" not in html


def test_search_ranks_title_matches_first_and_marks_the_words(cast: Cast, client) -> None:
    in_body = example_in_a(
        cast, title="Welcome packs", body="A clinic for displaced workers & employers: 5 < 6 <i>always</i>."
    )
    in_title = example_in_a(cast, title="Displaced workers clinic", body="Employers came on the day.")
    example_in_a(cast, title="Bank accounts", body="Nothing about it here.")
    client.force_login(cast.staff_b)
    response = client.get(reverse("practice_list"), {"q": "displaced workers"})
    results = response.context["results"]
    assert [example.pk for example in results] == [in_title.pk, in_body.pk]
    html = response.content.decode()
    assert "<mark>displaced</mark>" in html.lower()
    assert "&amp; employers: 5 &lt; 6" in html and "<i>always" not in html  # the body's text is escaped


def test_browsing_by_tag_and_region(cast: Cast, client) -> None:
    tagged = example_in_a(cast)
    client.force_login(cast.national)
    data = {"title": "National example", "region": "national", "summary": "S", "body": "B", "contact_name": "N",
            "contact_email": "n@portal.test", "tags": "ethical recruitment"}  # fmt: skip
    client.post(reverse("practice_new"), data)
    national = Example.objects.get(title="National example")
    assert national.region is None
    by_tag = client.get(reverse("practice_list"), {"tag": "rematching"}).context["page"].items
    assert [example.pk for example in by_tag] == [tagged.pk]
    by_region = client.get(reverse("practice_list"), {"region": cast.region_a.code}).context["page"].items
    assert [example.pk for example in by_region] == [tagged.pk]
    only_national = client.get(reverse("practice_list"), {"region": "national"}).context["page"].items
    assert [example.pk for example in only_national] == [national.pk]


def test_comments_are_added_and_removed_by_their_author_or_the_examples_lead(cast: Cast, client) -> None:
    comment = comment_in_a(cast)
    example = comment.example
    client.force_login(cast.staff_a)
    empty = client.post(reverse("practice_comment_add", args=[example.public_id]), {"body": "  "})
    assert empty.status_code == 400 and "Enter your comment" in empty.content.decode()
    assert client.post(reverse("practice_comment_remove", args=[comment.public_id])).status_code == 403
    client.post(reverse("practice_comment_add", args=[example.public_id]), {"body": "How many employers came?"})
    assert Comment.objects.filter(author=cast.staff_a).count() == 1
    client.force_login(cast.staff_b)
    assert client.post(reverse("practice_comment_remove", args=[comment.public_id])).status_code == 302
    mine = Comment.objects.get(author=cast.staff_a)
    client.force_login(cast.lead_a)  # the example's lead tidies the thread
    assert client.post(reverse("practice_comment_remove", args=[mine.public_id])).status_code == 302
    assert not Comment.objects.exists()


def test_files_are_checked_added_downloaded_and_removed(cast: Cast, client, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    example = example_in_a(cast)
    client.force_login(cast.lead_a)
    bad = client.post(
        reverse("practice_attachment_add", args=[example.public_id]),
        {"file": SimpleUploadedFile("notes.exe", b"MZ\x90\x00")},
    )
    assert bad.status_code == 400 and "There is a problem" in bad.content.decode()
    assert not Attachment.objects.exists() and not list(tmp_path.rglob("*.exe"))
    client.post(
        reverse("practice_attachment_add", args=[example.public_id]), {"file": SimpleUploadedFile("plan.pdf", PDF)}
    )
    attachment = Attachment.objects.get()
    client.force_login(cast.staff_b)
    download = client.get(reverse("practice_attachment_download", args=[attachment.public_id]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment;")
    assert client.post(reverse("practice_attachment_remove", args=[attachment.public_id])).status_code == 403
    client.force_login(cast.lead_a)
    client.post(reverse("practice_attachment_remove", args=[attachment.public_id]))
    assert not Attachment.objects.exists() and not list((tmp_path / "practice").iterdir())


def test_the_library_lists_in_a_fixed_number_of_queries(cast: Cast, client, django_assert_num_queries) -> None:
    for n in range(25):
        example_in_a(cast, title=f"Example {n}")
    client.force_login(cast.staff_b)
    client.get(reverse("practice_list"))
    # session, user, scope, MFA, regions (the filter), examples, their tags, hub, bell, tags in use
    with django_assert_num_queries(10):
        first = client.get(reverse("practice_list"))
    assert len(first.context["page"].items) == 20
    second = client.get(reverse("practice_list"), {"after": first.context["page"].next_cursor})
    assert len(second.context["page"].items) == 5
    with django_assert_num_queries(10):  # the same: the search ranks and marks in the examples' query
        client.get(reverse("practice_list"), {"q": "example"})


def test_an_attachment_in_the_isolation_builder_is_real(cast: Cast) -> None:
    attachment = attachment_in_a(cast)
    assert attachment.size == len(PDF)


def test_an_example_opens_in_a_fixed_number_of_queries_whatever_its_thread(
    cast: Cast, client, django_assert_num_queries, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    example = example_in_a(cast)
    url = reverse("practice_detail", args=[example.public_id])
    client.force_login(cast.staff_b)  # another region's hub team reads it too
    client.get(url)
    # session, user, scope, MFA, the example with its region and author, tags, files, comments
    # with their authors, hub, bell
    with django_assert_num_queries(11):
        client.get(url)
    for n in range(6):
        comment_add(actor=cast.lead_b if n % 2 else cast.lead_a, example=example, body=f"Comment {n}")
        attachment_add(actor=cast.lead_a, example=example, upload=SimpleUploadedFile(f"plan-{n}.pdf", PDF))
    with django_assert_num_queries(11):
        html = client.get(url).content.decode()
    assert all(f"Comment {n}" in html and f"plan-{n}.pdf" in html for n in range(6))

"""The booklet: safe Markdown, versions, the personal part, and the PDF (a real render: text,
pages, language, tags, embedded fonts, and the cache). Render time is measured by
benchmarks/booklet_pdf.py (`make bench`), not asserted here."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from pastoral import booklet as booklets
from pastoral.models import BookletRender
from portal.markdown import markdown_render
from tests.conftest import Cast
from tests.pdfs import pdf_facts

from .builders import SECRET, appointment_for, plan_for, published_booklet, red_check_in


@pytest.mark.parametrize(
    "dangerous",
    [
        "<script>alert('x')</script>",
        '<iframe src="https://evil.example/"></iframe>',
        "[click me](javascript:alert(1))",
        '<a href="javascript:alert(1)">click</a>',
        '<img src=x onerror="alert(1)">',
        '<p style="background:url(\'x\')" onclick="alert(1)">hi</p>',
        "[data](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_markdown_loses_scripts_frames_handlers_and_javascript_links(dangerous: str) -> None:
    html = markdown_render(f"Before\n\n{dangerous}\n\nAfter").lower()
    for bad in (
        "<script",
        "alert('x')",
        "<iframe",
        'href="javascript',
        "onerror",
        "onclick",
        "style=",
        'href="data',
        "<img",
    ):
        assert bad not in html, html
    assert "before" in html and "after" in html


def test_markdown_keeps_what_hubs_write() -> None:
    html = markdown_render("## Bank\n\n**Bring** your passport.\n\n- one\n- two\n\n[GP](https://nhs.uk)")
    assert "<strong>Bring</strong>" in html and "<h3>Bank</h3>" in html
    assert "<li>one</li>" in html
    assert '<a href="https://nhs.uk" rel="noopener noreferrer">GP</a>' in html


def test_recruits_see_the_latest_published_version_not_the_draft(cast: Cast) -> None:
    booklet = published_booklet(cast)
    booklets.booklet_section_save(
        actor=cast.staff_a, booklet=booklet, data={"order": 99, "topic": "other", "heading": "Draft only", "body": "x"}
    )
    context = booklets.booklet_context(user=cast.recruit_user_a, recruit=cast.recruit_a)
    assert context["version"].number == 1
    assert "Draft only" not in [s.heading for s in context["sections"]]
    booklets.booklet_publish(actor=cast.staff_a, booklet=booklet, note="Added a section")
    context = booklets.booklet_context(user=cast.recruit_user_a, recruit=cast.recruit_a)
    assert context["version"].number == 2
    assert "Draft only" in [s.heading for s in context["sections"]]
    assert len(context["sections"]) == 12


def test_an_empty_draft_cannot_be_published(cast: Cast) -> None:
    booklet = booklets.booklet_create(actor=cast.lead_a, hub=cast.hub_a)
    booklet.sections.all().delete()
    with pytest.raises(ValidationError, match="at least one section"):
        booklets.booklet_publish(actor=cast.lead_a, booklet=booklet)


EXTRA = 10


def _ten_page_booklet(cast: Cast) -> None:
    recruit = cast.recruit_a
    recruit.given_names, recruit.family_name = "Олена Ἀθηνᾶ", "محمد Kovalenko"
    recruit.visa_expiry = dt.date(2028, 3, 14)
    recruit.rtw_followup_due = dt.date(2027, 9, 1)
    recruit.save()
    plan = plan_for(cast)
    plan.manager_name, plan.manager_phone = "Grace Manager അനു सीता", "0121 496 0001"
    plan.save()
    red_check_in(cast)
    appointment_for(cast, purpose="Talk about your housing", days=9)
    published_booklet(cast, extra_sections=EXTRA)


def test_a_ten_page_booklet_renders_with_the_personal_part(cast: Cast) -> None:
    _ten_page_booklet(cast)
    content = booklets.booklet_pdf(user=cast.recruit_user_a, recruit=cast.recruit_a)
    facts = pdf_facts(content)
    assert 10 <= facts.pages <= 12, facts.pages
    text = " ".join(facts.text.split())
    for expected in (
        "Олена Ἀθηνᾶ",  # Cyrillic and Greek given names
        "Kovalenko",
        "Alpha Care Ltd",
        "Grace Manager അനു सीता",  # Malayalam and Devanagari, as Indian and Nepali colleagues write them
        "Alpha Hub",
        "Visa expires: 14 March 2028",
        "Right-to-work follow-up check: 1 September 2027",
        "Week 1:",
        "Month 12:",
        "Talk about your housing",
        "Contents",
        "Getting help with exploitation",
    ):
        assert expected in text, expected
    assert SECRET not in text  # the booklet never carries what the recruit told the hub
    assert facts.language == "en-GB" and facts.tagged
    assert facts.title.startswith("Welcome booklet: ")
    fonts = _fonts(content)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert any("DejaVu" in name for name, _ in fonts), fonts
    assert any("Noto-Sans-Malayalam" in name for name, _ in fonts), fonts
    assert any("Noto-Sans-Devanagari" in name for name, _ in fonts), fonts


def _fonts(content: bytes) -> list[tuple[str, bool]]:
    found = {}
    for page in PdfReader(io.BytesIO(content)).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont"))] = embedded
    return sorted(found.items())


def test_the_pdf_is_rendered_again_only_when_something_in_it_changes(cast: Cast) -> None:
    plan_for(cast)
    published_booklet(cast)
    first = booklets.booklet_pdf(user=cast.recruit_user_a, recruit=cast.recruit_a)
    stored = BookletRender.objects.get(recruit=cast.recruit_a)
    assert booklets.booklet_pdf(user=cast.recruit_user_a, recruit=cast.recruit_a) == first
    assert BookletRender.objects.get(recruit=cast.recruit_a).rendered_at == stored.rendered_at
    appointment_for(cast, purpose="Bank account help", days=3)
    second = booklets.booklet_pdf(user=cast.recruit_user_a, recruit=cast.recruit_a)
    assert second != first
    assert "Bank account help" in pdf_facts(second).text
    assert BookletRender.objects.get(recruit=cast.recruit_a).fingerprint != stored.fingerprint


def test_the_personal_part_has_no_past_appointments(cast: Cast) -> None:
    plan_for(cast)
    appointment = appointment_for(cast, purpose="Old one", days=2)
    type(appointment).objects.filter(pk=appointment.pk).update(starts_at=timezone.now() - dt.timedelta(days=1))
    personal = booklets.booklet_personal(user=cast.recruit_user_a, recruit=cast.recruit_a)
    assert personal.appointments == []

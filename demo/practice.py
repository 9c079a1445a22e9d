"""Demo examples in the good-practice library, shared by the demo leads and the national team."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from hubs.models import Region
from practice.models import Example
from practice.services import attachment_add, comment_add, example_publish

EXAMPLES = [
    (
        "lead.wm@demo.irhub.example",
        "E12000005",
        "A same-week rematching clinic with council commissioners",
        "When a licence was revoked we held a clinic within five working days: affected workers met "
        "employers with vacancies and the council's commissioners in one room. 11 of 14 workers had an "
        "offer within three weeks.",
        "## The problem\n\nWorkers from a revoked sponsor were each contacting employers alone, and most "
        "employers did not know the 60-day clock.\n\n## What we did\n\n- Booked a council room and invited "
        "every employer with a posted vacancy\n- Asked the council's commissioners to attend, so questions "
        "about packages were answered on the day\n- Gave each worker a one-page summary of their skills\n\n"
        "## What changed\n\nOffers came in days instead of weeks. Next time we would send employers the "
        "workers' availability before the day.",
        "rematching, councils, licence revocation",
    ),
    (
        "lead.nw@demo.irhub.example",
        "E12000002",
        "Pastoral check-ins by WhatsApp voice note",
        "Recruits on night shifts missed scheduled calls. Offering a voice-note check-in, answered within "
        "a day by the pastoral officer, doubled the share of check-ins completed on time.",
        "Some recruits work nights and sleep through the day, so calls at office hours failed.\n\nWe "
        "offered a **voice note** instead: the recruit answers the check-in questions in their own time, "
        "and the officer records the answers in the portal the same day.\n\nCompletion on time went "
        "from 41% to 83% over three months. Red flags are still followed up by phone.",
        "pastoral support, check-ins",
    ),
    (
        "national@demo.irhub.example",
        None,
        "Explaining debt bondage to new recruits in their first week",
        "A short session in the first week, run with a local advice service, helps recruits recognise "
        "unlawful repayment clauses and recruitment fees before they sign anything else.",
        "Several hubs found recruits had been asked to repay recruitment costs that the Code of Practice "
        "forbids.\n\nA 45-minute session in the first week covers what an employer may and may not "
        "recover, who to call, and that the hub keeps what they say confidential.\n\nMaterials are "
        "attached to this example by the hubs that ran it.",
        "ethical recruitment, pastoral support",
    ),
]


# Replies on the examples: (example title, author's email, comment), added once each.
COMMENTS = [
    (
        "A same-week rematching clinic with council commissioners",
        "lead.nw@demo.irhub.example",
        "We tried this in Bolton after a revocation in October: 9 of 12 workers had an offer within a month. "
        "Sending employers the workers' availability the week before made the biggest difference.",
    ),
    (
        "A same-week rematching clinic with council commissioners",
        "national@demo.irhub.example",
        "Shared with the network's rematching group. Could you add the invitation you sent employers?",
    ),
    (
        "Pastoral check-ins by WhatsApp voice note",
        "lead.wm@demo.irhub.example",
        "Did you need anything from your data protection officer before recording voice notes?",
    ),
    (
        "Pastoral check-ins by WhatsApp voice note",
        "lead.nw@demo.irhub.example",
        "Yes: the recruit agrees in writing, notes are deleted once the answers are in the portal, and the "
        "officer never forwards them.",
    ),
]

# A one-page plan attached to the first example, so a newcomer sees how files are shared.
CLINIC_PLAN = (
    "A same-week rematching clinic with council commissioners",
    "lead.wm@demo.irhub.example",
    "rematching-clinic-plan.pdf",
    """<h1>Rematching clinic: plan for the day</h1>
    <ol>
      <li>Day 1: book a council room for day 5; invite every employer with a posted vacancy.</li>
      <li>Day 2: send each affected worker the date, the address and a one-page skills summary to fill in.</li>
      <li>Day 3: send employers the workers' availability and the 60-day clock explained.</li>
      <li>Day 5: the clinic. The hub keeps a list of introductions; commissioners answer questions on packages.</li>
      <li>Day 6: record each introduction in the portal and follow up the next week.</li>
    </ol>""",
)


def _clinic_plan_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<html lang='en'><body style='font-family: sans-serif'>{html}</body></html>").write_pdf()


def seed_practice_threads() -> int:
    """The demo comments and the attached plan, once each (by example, author and text or file name)."""
    added = 0
    examples = {example.title: example for example in Example.objects.filter(title__in={c[0] for c in COMMENTS})}
    users = {user.email: user for user in User.objects.filter(email__in={c[1] for c in COMMENTS} | {CLINIC_PLAN[1]})}
    for title, email, body in COMMENTS:
        example, author = examples.get(title), users.get(email)
        if example is None or author is None or example.comments.filter(body=body).exists():
            continue
        comment_add(actor=author, example=example, body=body)
        added += 1
    title, email, file_name, html = CLINIC_PLAN
    example, author = examples.get(title), users.get(email)
    if example is not None and author is not None and not example.attachments.filter(original_name=file_name):
        upload = SimpleUploadedFile(file_name, _clinic_plan_pdf(html), content_type="application/pdf")
        attachment_add(actor=author, example=example, upload=upload)
        added += 1
    return added


def seed_practice() -> int:
    """The demo examples, once each (by title)."""
    created = 0
    regions = {region.code: region for region in Region.objects.all()}
    for email, region_code, title, summary, body, tags in EXAMPLES:
        author = User.objects.filter(email=email).first()
        if author is None or Example.objects.filter(title=title).exists():
            continue
        data = {"title": title, "summary": summary, "body": body, "contact_name": author.name, "contact_email": email}
        region = regions[region_code] if region_code else None
        example_publish(actor=author, region=region, data=data, tags=[tag.strip() for tag in tags.split(",")])
        created += 1
    seed_practice_threads()
    return created

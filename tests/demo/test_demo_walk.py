"""The demo is coherent: after `seed_demo` and one reminder dispatch (what a fresh `make run` does),
every demo account signs in as the README says, finds something behind every item of its
navigation, and nothing on the operations page has failed."""

from __future__ import annotations

import html
import json
import re
import time
from io import StringIO

import pyotp
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from notifications.models import Notification, Reminder
from notifications.services import reminder_recipient_users, reminders_claim_due
from notifications.tasks import send_notification_email, send_reminder
from recruits.models import Recruit

# A menu link: its address and its label (the current item's label is wrapped in <strong>).
NAV_LINK = re.compile(
    r'<li class="govuk-service-navigation__item[^"]*"><a class="govuk-service-navigation__link" href="([^"]+)"[^>]*>'
    r"(?:<strong[^>]*>)?([^<]+)"
)
# Text of an empty list: none may show where the README promises data.
EMPTY = [
    "No cases",
    "No recruits yet",
    "No vacancies yet",
    "No duties",
    "No check-ins due yet",
    "Nothing booked.",
    "No invitations yet",
    "No open requests.",
]
REGIONS = [
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
]
# What the README's "Demo accounts" section promises each account, page by page (label: patterns
# searched in the page's main text).
PROMISED: dict[str, dict[str, list[str]]] = {
    "lead.wm": {
        "Compliance": ["Shropshire Hills Support Services"],
        "Pastoral": [r"Red check-ins [1-9]", r"Open concerns [1-9]"],
        "Recruits": ["Oakfield Care Homes Ltd"],
    },
    "lead.nw": {"Compliance": ["Morecambe Bay Home Support"], "Recruits": ["Ribble Valley Care Ltd"]},
    "lead.london": {"Compliance": ["Lewisham Homecare Co-operative"], "Vacancies": ["Harrow Community Care"]},
    "staff.wm": {"Pastoral": [r"Open concerns [1-9]"], "Rematching": ["Shropshire Hills Support Services"]},
    "staff.nw": {"Pastoral": [r"Open concerns [1-9]"], "Rematching": ["Morecambe Bay Home Support"]},
    "staff.london": {"Compliance": ["Lewisham Homecare Co-operative"]},
    "council.wm": {
        "Compliance cases": ["Shropshire Hills Support Services"],
        "Advice": ["Shropshire Hills Support Services", "Employment-law advice"],
    },
    "council.nw": {"Compliance cases": ["Morecambe Bay Home Support"], "Advice": ["Morecambe Bay Home Support"]},
    "council.london": {"Compliance cases": ["Lewisham Homecare Co-operative"]},
    "admin.oakfield": {
        "Vacancies": ["Care worker, days"],
        "Reporting duties": [r"Still to report \([1-9]"],
        "Advice": ["Holiday pay for irregular hours", r"Employment-law advice .{0,60} 300 75 225"],
    },
    "admin.ribble": {"Vacancies": ["Home care worker, driver"], "Reporting duties": [r"Still to report \([1-9]"]},
    "recruit.wm": {"Home": ["Next appointment", "welcome booklet"], "My training": ["induction"]},
    "recruit.nw": {"Home": ["Next appointment", "welcome booklet"], "My training": ["induction"]},
}
# Another area's case a council officer must not see.
NOT_FOR = {
    "council.wm": ["Morecambe Bay Home Support", "Lewisham Homecare Co-operative"],
    "council.nw": ["Shropshire Hills Support Services", "Lewisham Homecare Co-operative"],
    "council.london": ["Shropshire Hills Support Services", "Morecambe Bay Home Support"],
}


@pytest.fixture
def demo(db) -> list[dict]:
    call_command("seed_demo", stdout=StringIO())
    _dispatch_once()
    out = StringIO()
    call_command("demo_accounts", "--json", stdout=out)
    return json.loads(out.getvalue())


def _dispatch_once() -> None:
    """What the beat's first `dispatch_due` and the worker do with it, run here and now."""
    for reminder_id in reminders_claim_due():
        send_reminder.apply(args=[reminder_id])
    pending = Notification.objects.filter(email_status=Notification.EmailStatus.PENDING, email_mode="immediate")
    for notification_id in pending.values_list("pk", flat=True):
        send_notification_email.apply(args=[notification_id])


def _log_in(account: dict) -> Client:
    client = Client()
    response = client.post(reverse("account_login"), {"login": account["email"], "password": account["password"]})
    assert response.status_code == 302, f"{account['email']} cannot sign in with the printed password"
    if account["totp_secret"]:
        assert response["Location"] == reverse("mfa_authenticate")
        totp = pyotp.TOTP(account["totp_secret"])
        if totp.interval - time.time() % totp.interval < 2:  # never send a code about to expire
            time.sleep(2)
        client.post(reverse("mfa_authenticate"), {"code": totp.now()})
    return client


def _main_text(content: bytes) -> str:
    main = content.decode().split("<main", 1)[-1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", main)))


def test_every_demo_account_finds_data_behind_every_item_of_its_navigation(demo) -> None:
    problems = []
    for account in demo:
        login = account["email"].split("@")[0]
        client = _log_in(account)
        home = client.get(reverse("home"))
        nav = dict((label, url) for url, label in NAV_LINK.findall(home.content.decode()))
        assert nav, f"{login} has no navigation"
        promised = PROMISED.get(login, {})
        assert set(promised) <= set(nav), f"{login}: the README promises pages outside its navigation"
        for label, url in nav.items():
            response = client.get(url, follow=True)
            if response.status_code != 200:
                problems.append(f"{login} {label}: {response.status_code}")
                continue
            text = _main_text(response.content)
            problems += [f"{login} {label}: shows “{empty}”" for empty in EMPTY if empty in text]
            problems += [
                f"{login} {label}: no “{want}”" for want in promised.get(label, []) if not re.search(want, text)
            ]
            problems += [f"{login} {label}: sees “{other}”" for other in NOT_FOR.get(login, []) if other in text]
            if label == "Reminders" and "portal-inbox__item" in response.content.decode():
                problems.append(f"{login} {label}: a reminder did not go out: {text[:300]}")
        if account["role"] == "national":
            problems += _regions_without_figures(_main_text(home.content))
    assert not problems, "\n".join(problems)


def _regions_without_figures(text: str) -> list[str]:
    """The national view's table: every region has recruits and providers (counts only; a count of 1
    to 4 reads "fewer than 5", and a count hidden beside one "withheld")."""
    problems = []
    cell = r"(\d+|fewer than 5|withheld)"
    for region in REGIONS:
        row = re.search(rf"{re.escape(region)} {cell} {cell} {cell}", text)
        if row is None or "0" in (row.group(2), row.group(3)):
            problems.append(f"national Home: no figures for {region}")
    return problems


def test_no_reminder_fails_after_seeding_and_one_dispatch(demo) -> None:
    assert Reminder.objects.filter(status=Reminder.Status.SENT).exists()
    failed = list(Reminder.objects.filter(status=Reminder.Status.FAILED).values_list("kind", "last_error"))
    assert failed == []
    assert not Notification.objects.filter(email_status=Notification.EmailStatus.FAILED).exists()
    # Nor will one fail later: whatever is still scheduled has somebody to go to.
    nobody = [
        (r.kind, r.recipient_role, r.region_id, r.provider_id)
        for r in Reminder.objects.filter(status=Reminder.Status.SCHEDULED)
        if not reminder_recipient_users(r).exists()
    ]
    assert nobody == []


def test_names_in_the_demo_are_unique(db) -> None:
    from accounts.models import User

    call_command("seed_demo", stdout=StringIO())
    recruits = [r.full_name for r in Recruit.objects.all()]
    users = [u.name for u in User.objects.exclude(name="")]
    assert len(recruits) == len(set(recruits))
    assert len(users) == len(set(users))
    recruit_users = set(Recruit.objects.filter(user__isnull=False).values_list("user__name", flat=True))
    assert not (set(users) - recruit_users) & set(recruits), "a staff member shares a worker's name"

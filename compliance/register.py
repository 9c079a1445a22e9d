"""The public register watch: import the Home Office "Register of licensed sponsors: workers" CSV,
match it to the portal's providers, and raise an alert for the lead when something changed.

Both published layouts are accepted, detected by the header (columns matched by name, in any
order); any other header is refused with a message naming both layouts. A provider is found by its
sponsor licence number where the file has one, otherwise by its normalised name (and the town, when
the row has one and the provider has an address: the address must name it); a name that fits more than one row, or a
row whose town disagrees, is an *uncertain* match that a lead confirms once (`RegisterMatch`).

What the register said about each provider is kept as `RegisterState` rows, written only when it
changed, so a re-run of the same file changes nothing and no previous state is ever lost.
Alerts: a provider that was on the register and no longer is; a rating that became B; a change of
routes. Only providers whose licence is active or suspended are checked.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from compliance.models import (
    AlertKind,
    AlertStatus,
    RegisterAlert,
    RegisterCandidate,
    RegisterImport,
    RegisterLayout,
    RegisterMatch,
    RegisterState,
)
from hubs.access import scope_for
from hubs.roles import Role
from notifications.services import reminder_schedule
from providers.models import LicenceRating, LicenceStatus, Provider

HEADERS = {
    RegisterLayout.CLASSIC: ["Organisation Name", "Town/City", "County", "Type & Rating", "Route"],
    RegisterLayout.MAY_2026: [
        "Sponsor Licence Number",
        "Organisation Name",
        "TierRating",
        "Migrant Classification",
        "Sponsor Status",
    ],
}
COLUMNS = {  # our name → the column of each layout
    RegisterLayout.CLASSIC: {
        "name": "Organisation Name",
        "town": "Town/City",
        "rating": "Type & Rating",
        "route": "Route",
    },
    RegisterLayout.MAY_2026: {
        "number": "Sponsor Licence Number",
        "name": "Organisation Name",
        "rating": "TierRating",
        "route": "Migrant Classification",
    },
}
URL_TIMEOUT_SECONDS = 120
ALERT_NOTICE = "compliance.register_alert"
_LOCK_KEY = 604_2026  # one import at a time (a transaction-level advisory lock)
_SUFFIXES = {"ltd", "limited", "plc", "llp", "cic", "the", "co", "company", "uk"}
_NON_WORD = re.compile(r"[^a-z0-9 ]+")


class RegisterError(Exception):
    """The file cannot be imported; the message says what to fix."""


def name_key(name: str) -> str:
    """`The Example Care Homes Ltd.` and `example care homes limited` are the same key."""
    words = _NON_WORD.sub(" ", name.lower().replace("&", " and ")).split()
    return " ".join(word for word in words if word not in _SUFFIXES)


def town_key(town: str) -> str:
    return " ".join(_NON_WORD.sub(" ", town.lower()).split())


def rating_of(text: str) -> str:
    """B for "Worker (B rating)", A for the A ratings (also Premium and SME+), "" otherwise."""
    text = text.strip()
    if "(B rating)" in text:
        return LicenceRating.B
    if "(A rating)" in text or "(A (" in text:
        return LicenceRating.A
    return ""


@dataclass
class Organisation:
    name: str
    town: str
    number: str
    ratings: set[str] = field(default_factory=set)
    routes: set[str] = field(default_factory=set)

    @property
    def rating(self) -> str:
        return LicenceRating.B if LicenceRating.B in self.ratings else (LicenceRating.A if self.ratings else "")

    @property
    def town_key(self) -> str:
        return town_key(self.town)


@dataclass
class ParsedRegister:
    layout: str
    rows: int
    by_number: dict[str, Organisation]
    by_name: dict[str, list[Organisation]]

    @property
    def organisations(self) -> int:
        return sum(len(orgs) for orgs in self.by_name.values())


def detect_layout(header: list[str]) -> str:
    found = [cell.strip().lstrip("\ufeff").strip() for cell in header]
    for layout, expected in HEADERS.items():
        if set(expected) <= set(found):
            return layout
    raise RegisterError(
        "The file's header is not one of the register's layouts. It has: "
        + (", ".join(found) if any(found) else "no header at all")
        + ". Expected either “"
        + ", ".join(HEADERS[RegisterLayout.CLASSIC])
        + "” (the register up to May 2026) or “"
        + ", ".join(HEADERS[RegisterLayout.MAY_2026])
        + "” (from May 2026). Check that the file is the “Register of licensed sponsors: workers” CSV."
    )


def register_parse(text: str) -> ParsedRegister:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise RegisterError("The file is empty: it has no header and no rows.")
    layout = detect_layout(header)
    position = {cell.strip().lstrip("\ufeff").strip(): index for index, cell in enumerate(header)}
    columns = {ours: position[theirs] for ours, theirs in COLUMNS[RegisterLayout(layout)].items()}
    number_at, town_at = columns.get("number"), columns.get("town")
    name_at, rating_at, route_at = columns["name"], columns["rating"], columns["route"]
    width = max(columns.values()) + 1
    orgs: dict[tuple[str, str], Organisation] = {}
    rows = 0
    for cells in reader:
        if len(cells) < width or not cells[name_at].strip():
            continue
        rows += 1
        number = cells[number_at].strip().upper() if number_at is not None else ""
        town = cells[town_at].strip() if town_at is not None else ""
        key = (number, "") if number else (name_key(cells[name_at]), town_key(town))
        org = orgs.get(key)
        if org is None:
            org = orgs[key] = Organisation(name=cells[name_at].strip(), town=town, number=number)
        rating = rating_of(cells[rating_at])
        if rating:
            org.ratings.add(rating)
        if cells[route_at].strip():
            org.routes.add(cells[route_at].strip())
    by_number = {org.number: org for org in orgs.values() if org.number}
    by_name: dict[str, list[Organisation]] = defaultdict(list)
    for org in orgs.values():
        by_name[name_key(org.name)].append(org)
    return ParsedRegister(layout=layout, rows=rows, by_number=by_number, by_name=dict(by_name))


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def register_read(source: str) -> bytes:
    """The file's bytes from a path or an http(s) URL."""
    if source.startswith(("http://", "https://")):
        try:
            with urllib.request.urlopen(source, timeout=URL_TIMEOUT_SECONDS) as response:  # noqa: S310 (http only)
                return bytes(response.read())
        except OSError as error:
            raise RegisterError(f"The register could not be downloaded from {source}: {error}.") from None
    path = Path(source)
    if not path.is_file():
        raise RegisterError(f"There is no file at {source}: give the path of the register CSV or its URL.")
    return path.read_bytes()


# -- matching ------------------------------------------------------------------------------------


@dataclass
class Outcome:
    found: Organisation | None = None
    uncertain: list[tuple[Organisation, str]] = field(default_factory=list)


def _town_agrees(org: Organisation, provider: Provider) -> bool:
    town = org.town_key
    return bool(town) and f" {town} " in f" {town_key(provider.address)} "


def _by_name(provider: Provider, parsed: ParsedRegister, rejected: set[tuple[str, str]]) -> Outcome:
    candidates = [
        org for org in parsed.by_name.get(name_key(provider.name), []) if (org.name, org.town) not in rejected
    ]
    if not candidates:
        return Outcome()
    agreeing = [org for org in candidates if _town_agrees(org, provider)]
    if len(agreeing) == 1:
        return Outcome(found=agreeing[0])
    if len(candidates) == 1 and not (candidates[0].town and provider.address.strip()):
        return Outcome(found=candidates[0])  # nothing to compare the town with
    if len(candidates) == 1:
        org = candidates[0]
        return Outcome(uncertain=[(org, f"The name fits, but the register gives the town as {org.town}.")])
    reason = f"{len(candidates)} organisations on the register have this name."
    return Outcome(uncertain=[(org, reason) for org in candidates])


def _match(
    provider: Provider, match: RegisterMatch | None, parsed: ParsedRegister, rejected: set[tuple[str, str]]
) -> Outcome:
    if match is not None:
        if match.licence_number and parsed.by_number:
            return Outcome(found=parsed.by_number.get(match.licence_number))
        for org in parsed.by_name.get(match.name_key, []):
            if org.town_key == match.town_key:
                return Outcome(found=org)
        if match.name_key:
            return Outcome()
    number = provider.licence_number.strip().upper()
    if number and number in parsed.by_number:
        return Outcome(found=parsed.by_number[number])
    return _by_name(provider, parsed, rejected)


# -- the import ----------------------------------------------------------------------------------


@dataclass
class _Run:
    register_import: RegisterImport
    states: list[RegisterState] = field(default_factory=list)
    alerts: list[RegisterAlert] = field(default_factory=list)
    candidates: list[RegisterCandidate] = field(default_factory=list)


def _latest_states(provider_ids: list[int]) -> dict[int, RegisterState]:
    rows = RegisterState.objects.filter(provider_id__in=provider_ids).order_by(
        "provider_id", "-register_import_id", "-id"
    )
    return {state.provider_id: state for state in rows.distinct("provider_id")}


def _alert(run: _Run, provider: Provider, kind: str, details: str, open_alerts: set[tuple[int, str]]) -> None:
    if (provider.pk, kind) in open_alerts:
        return
    open_alerts.add((provider.pk, kind))
    run.alerts.append(
        RegisterAlert(
            region_id=provider.region_id,
            provider=provider,
            register_import=run.register_import,
            kind=kind,
            details=details,
        )
    )


def _compare(
    run: _Run,
    provider: Provider,
    found: Organisation | None,
    previous: RegisterState | None,
    open_alerts: set[tuple[int, str]],
) -> None:
    if found is None:
        if previous is not None and previous.present:
            run.states.append(RegisterState(provider=provider, register_import=run.register_import, present=False))
            _alert(
                run,
                provider,
                AlertKind.MISSING,
                f"{previous.register_name or provider.name} was on the register before and is not in this import: "
                "its licence may have been revoked or surrendered. Check with UKVI or the provider.",
                open_alerts,
            )
        return
    routes = sorted(found.routes)
    state = RegisterState(
        provider=provider,
        register_import=run.register_import,
        present=True,
        rating=found.rating,
        routes=routes,
        register_name=found.name,
        town=found.town,
        licence_number=found.number,
    )
    unchanged = previous is not None and (
        previous.present,
        previous.rating,
        list(previous.routes),
        previous.register_name,
        previous.town,
        previous.licence_number,
    ) == (True, state.rating, routes, state.register_name, state.town, state.licence_number)
    if unchanged:
        return
    run.states.append(state)
    was_b = previous is not None and previous.present and previous.rating == LicenceRating.B
    if found.rating == LicenceRating.B and not was_b and provider.licence_rating != LicenceRating.B:
        _alert(run, provider, AlertKind.B_RATING, f"The register now shows {found.name} as B-rated.", open_alerts)
    if previous is not None and previous.present and list(previous.routes) != routes:
        before, after = ", ".join(previous.routes) or "none", ", ".join(routes) or "none"
        _alert(
            run, provider, AlertKind.ROUTE_CHANGE, f"Routes on the register were {before}; now {after}.", open_alerts
        )


def _check_providers(run: _Run, parsed: ParsedRegister) -> None:
    providers = list(
        Provider.objects.filter(licence_status__in=[LicenceStatus.ACTIVE, LicenceStatus.SUSPENDED])
        .select_related("register_match")
        .only("id", "region_id", "name", "address", "licence_number", "licence_rating", "register_match")
    )
    ids = [p.pk for p in providers]
    previous = _latest_states(ids)
    rejected: dict[int, set[tuple[str, str]]] = defaultdict(set)
    pending: set[tuple[int, str, str]] = set()
    for provider_id, name, town, is_rejected in RegisterCandidate.objects.filter(provider_id__in=ids).values_list(
        "provider_id", "register_name", "town", "rejected"
    ):
        (rejected[provider_id].add((name, town)) if is_rejected else pending.add((provider_id, name, town)))
    open_alerts = set(
        RegisterAlert.objects.filter(provider_id__in=ids, status=AlertStatus.OPEN).values_list("provider_id", "kind")
    )
    summary = run.register_import
    for provider in providers:
        match = getattr(provider, "register_match", None)
        outcome = _match(provider, match, parsed, rejected[provider.pk])
        summary.providers_checked += 1
        if outcome.uncertain:
            summary.uncertain += 1
            for org, reason in outcome.uncertain:
                if (provider.pk, org.name, org.town) not in pending:
                    pending.add((provider.pk, org.name, org.town))
                    run.candidates.append(
                        RegisterCandidate(
                            region_id=provider.region_id,
                            provider=provider,
                            register_import=summary,
                            register_name=org.name,
                            town=org.town,
                            licence_number=org.number,
                            reason=reason,
                        )
                    )
            continue
        summary.matched += outcome.found is not None
        _compare(run, provider, outcome.found, previous.get(provider.pk), open_alerts)


def register_import(*, source: str, content: bytes | None = None) -> RegisterImport:
    """Import one copy of the register (read from `source` unless `content` is given).

    A refused file leaves a failed `RegisterImport` with the reason and changes nothing else.
    """
    started = time.monotonic()
    try:
        content = register_read(source) if content is None else content
        parsed = register_parse(_decode(content))
    except RegisterError as error:
        RegisterImport.objects.create(source=source[:500], status=RegisterImport.Status.FAILED, error=str(error))
        raise
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        summary = RegisterImport.objects.create(
            source=source[:500],
            layout=parsed.layout,
            sha256=hashlib.sha256(content).hexdigest(),
            rows=parsed.rows,
            organisations=parsed.organisations,
        )
        run = _Run(summary)
        _check_providers(run, parsed)
        RegisterState.objects.bulk_create(run.states, batch_size=2000)
        RegisterCandidate.objects.bulk_create(run.candidates, batch_size=2000)
        RegisterAlert.objects.bulk_create(run.alerts, batch_size=2000)
        _tell_leads(run.alerts)
        summary.changes = len(run.alerts)
        summary.seconds = round(time.monotonic() - started, 3)
        summary.save()
    return summary


def _tell_leads(alerts: list[RegisterAlert]) -> None:
    """Each alert reaches the region's leads straight away (inbox and email, after commit)."""
    now = timezone.now()
    for alert in alerts:
        reminder_schedule(
            recipient_role=Role.LEAD, region=alert.region, kind=ALERT_NOTICE, about=alert, due_at=now, deadline=now
        )


# -- the lead's decisions ------------------------------------------------------------------------


def _refuse_non_lead(actor: User, region_id: int) -> None:
    if not scope_for(actor).is_lead(region_id):
        raise ValidationError("Only the region's lead can decide on register matches and alerts.")


@transaction.atomic
def register_candidate_confirm(*, actor: User, candidate: RegisterCandidate) -> RegisterMatch:
    """This row is the provider: remember it, so later imports match it without asking again."""
    _refuse_non_lead(actor, candidate.region_id)
    match, _ = RegisterMatch.objects.update_or_create(
        provider_id=candidate.provider_id,
        defaults={
            "licence_number": candidate.licence_number,
            "name_key": name_key(candidate.register_name),
            "town_key": town_key(candidate.town),
            "confirmed_by": actor,
        },
    )
    RegisterCandidate.objects.filter(provider_id=candidate.provider_id).delete()
    return match


@transaction.atomic
def register_candidate_reject(*, actor: User, candidate: RegisterCandidate) -> RegisterCandidate:
    """This row is not the provider: never suggest it again."""
    _refuse_non_lead(actor, candidate.region_id)
    candidate.rejected = True
    candidate.save(update_fields=["rejected"])
    return candidate

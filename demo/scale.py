"""A national-scale data set for benchmarks and query-plan tests (`manage.py seed_scale --recruits N`).

Every table a hot page reads, in the proportions of a real year in England: one provider per 20
recruits, each with a licence history; recruits in every status with their employments; a
12-month pastoral plan of ten check-ins for every recruit with an employer (2,000,000 check-ins at
200,000 recruits); rematch requests for the displaced and at-risk; open and filled vacancies;
suspensions with their compliance cases and protocol steps; training cohorts with enrolments; and
reminders with their inbox copies in every status.

Rows go in through COPY (psycopg's `cursor.copy`) in batches of 50,000, their primary keys taken
from the tables' sequences first, so PostgreSQL's constraints and the pghistory triggers run as
they do for the portal's own writes (the history tables fill too, under one pghistory context
naming this command). The GIN indexes of the big tables are built once after the load instead of
row by row. The content comes from one `random.Random(N)`, so the same N gives the same data set
(names, dates, statuses, who works where); only the UUIDs differ. Running it again with the same N
does nothing: the regional leads it creates are `lead-scale<N>-…@scale.test`.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from accounts.models import User
from campaigns.models import PIPELINE, Application, ApplicationEvent, Campaign, CampaignRole, Offer, Stage
from compliance.models import CaseStatus, CaseStep, ComplianceCase, EventKind, LicenceEvent
from hubs.models import Hub, Region
from hubs.roles import Role
from hubs.services import role_grant
from notifications.models import Notification, Reminder
from pastoral.models import CheckIn, CheckInStatus, PastoralPlan, PlanStatus
from providers.models import LicenceChange, Provider
from recruits.models import Employment, Recruit, RecruitStatus
from rematch.models import RematchRequest, Vacancy
from rematch.models.requests import Door, RematchStatus
from training.models import Cohort, Enrolment, Learner, LearnerKind, Programme

BATCH = 5_000
COPY_BATCH = 50_000
# Seconds spent in _insert per table (building the rows' values and COPY), for the profile in the log.
SECONDS: dict[str, float] = {}
STEPS = ["1w", "2w", "1m", "2m", "3m", "4m", "6m", "8m", "9m", "12m"]
STEP_DAYS = [7, 14, 30, 61, 91, 122, 182, 243, 274, 365]
NATIONALITIES = ["IN", "PH", "NG", "ZW", "GH", "KE", "NP", "LK", "ZA", "BD"]
GIVEN = ["Aisha", "Joseph", "Grace", "Tendai", "Priya", "Samuel", "Mercy", "Ravi", "Esther", "Kwame", "Maria", "John"]
FAMILY = ["Okafor", "Mensah", "Banda", "Moyo", "Sharma", "Dlamini", "Boateng", "Phiri", "Nair", "Asante", "Reyes"]
TOWNS = ["Birmingham", "Leeds", "Bristol", "Norwich", "Derby", "Exeter", "Durham", "Kent", "Luton", "Hull"]
# Recruit statuses in the proportions of a working hub: most employed, some at risk or displaced.
STATUS_WEIGHTS = {
    RecruitStatus.ARRIVING: 8,
    RecruitStatus.EMPLOYED: 62,
    RecruitStatus.AT_RISK: 8,
    RecruitStatus.DISPLACED: 6,
    RecruitStatus.REMATCHED: 8,
    RecruitStatus.LEFT: 8,
}


def marker(recruits: int) -> str:
    """The prefix of the email addresses of the data set's accounts."""
    return f"scale{recruits}"


def already_seeded(recruits: int) -> bool:
    return User.objects.filter(email__startswith=f"lead-{marker(recruits)}-", is_active=True).exists()


def _chunks[M: models.Model](rows: Iterable[M], size: int = BATCH) -> Iterator[list[M]]:
    batch: list[M] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert[M: models.Model](model: type[M], rows: Iterable[M], counts: dict[str, int]) -> list[M]:
    """COPY the rows in batches; returns them with their primary keys.

    The keys are taken from the table's own sequence first (one `nextval` per row, in one query per
    batch), so the rows are saved model instances afterwards, as bulk_create would leave them.
    Each value goes through the field's `pre_save` and `get_db_prep_save`, as in an INSERT.
    COPY fires the same row triggers as INSERT, so the pghistory history rows are written too.
    """
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not getattr(f, "generated", False)]
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    table = connection.ops.quote_name(str(meta.db_table))
    saved: list[M] = []
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [meta.db_table, meta.pk.column])
        (sequence,) = cursor.fetchone()
        for batch in _chunks(rows, COPY_BATCH):
            cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [sequence, len(batch)])
            for row, (pk,) in zip(batch, cursor.fetchall(), strict=True):
                row.pk = pk
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in batch:
                    copy.write_row([f.get_db_prep_save(f.pre_save(row, True), connection) for f in fields])
                    row._state.adding = False
                    row._state.db = connection.alias
            history = HISTORY.get(meta.db_table)
            if history:
                cursor.execute(history, [[row.pk for row in batch]])
            saved.extend(batch)
    counts[meta.db_table] = counts.get(meta.db_table, 0) + len(saved)
    SECONDS[meta.db_table] = SECONDS.get(meta.db_table, 0.0) + time.perf_counter() - started
    return saved


def seed_scale(recruits: int, *, log: Callable[[str], Any] = print) -> dict[str, int] | None:
    """Seed the data set for N recruits; None when it is already there."""
    if already_seeded(recruits):
        # A data set seeded before campaigns were part of it gets them now (and only them).
        if _campaigns_seeded(marker(recruits)):
            return None
        added: dict[str, int] = {}
        with transaction.atomic():
            _campaigns(recruits, marker(recruits), timezone.make_aware(dt.datetime(2026, 12, 1, 9, 0)), added)
        _analyze("campaigns_application", "campaigns_applicationevent", "campaigns_offer")
        log(f"campaigns added to the data set for {recruits:,} recruits")
        return added
    rng = random.Random(recruits)  # noqa: S311 - made-up data, not a secret
    counts: dict[str, int] = {}
    today = dt.date(2026, 12, 1)
    now = timezone.make_aware(dt.datetime(2026, 12, 1, 9, 0))
    tag = marker(recruits)
    started = time.perf_counter()
    SECONDS.clear()

    def step(label: str) -> None:
        log(f"{time.perf_counter() - started:7.1f} s  {label}")

    with connection.cursor() as cursor:
        # Only this session's commits: a crash could lose the last stage's rows, never corrupt any.
        cursor.execute("SET synchronous_commit = off")
    try:
        # The history rows name their source, as the portal's own writes do through pghistory's middleware.
        with (
            _history_per_batch(str(uuid.uuid4()), {"command": "seed_scale", "recruits": recruits}),
            _gin_indexes_built_after_the_load(),
        ):
            _load(rng, recruits, counts, today, now, tag, step)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")
    step("GIN indexes rebuilt")
    _analyze()
    step("ANALYZE")
    for table, seconds in sorted(SECONDS.items(), key=lambda item: -item[1])[:8]:
        log(f"  {seconds:7.1f} s  COPY into {table} (values built and sent)")
    return counts


# The history rows of the batch just copied, per table: the INSERT of the table's pghistory insert
# trigger, run once per batch over the new rows instead of once per row (see _history_per_batch).
HISTORY: dict[str, str] = {}
TRIGGER_INSERT = re.compile(r"INSERT INTO (\S+) \(([^)]*)\) VALUES \((.*)\); RETURN NULL;", re.S)


@contextmanager
def _history_per_batch(context_id: str, metadata: dict[str, Any]) -> Iterator[None]:
    """Write the pghistory insert events of the load set-based, exactly as the triggers would.

    Each pghistory insert trigger (a row trigger, no WHEN clause) copies NEW's columns into the
    event table with the context of _pgh_attach_context() and NOW(). Per row that is two PL/pgSQL
    exception blocks, two subtransactions (in _pgtrigger_should_ignore and _pgh_attach_context),
    which made the triggered tables load at a tenth of the speed of the others. So for the load
    the triggers are skipped through pgtrigger's own switch (the `pgtrigger.ignore` setting that
    `pgtrigger.ignore()` sets) and their INSERT runs once per COPY batch, `NEW."col"` read as the
    batch's rows: the same event rows, columns, label and context. Update triggers stay on.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, t.tgname, p.prosrc FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " JOIN pg_proc p ON p.oid = t.tgfoid WHERE NOT t.tgisinternal AND t.tgqual IS NULL"
            " AND t.tgname LIKE 'pgtrigger_insert_insert_%%' AND c.relnamespace = current_schema()::regnamespace"
        )
        triggers = cursor.fetchall()
        names = []
        for table, name, source in triggers:
            found = TRIGGER_INSERT.search(source)
            if not found or "_pgh_attach_context()" not in found.group(3):
                continue  # not the shape pghistory writes: leave that trigger on
            target, columns, values = found.groups()
            values = values.replace("NEW.", "t.").replace("_pgh_attach_context()", f"'{context_id}'::uuid")
            # The trigger's own statement, from pg_proc, with the rows read from the table.
            select = f"SELECT {values} FROM {connection.ops.quote_name(table)} t WHERE t.id = ANY(%s) ORDER BY t.id"  # noqa: S608
            HISTORY[table] = f"INSERT INTO {target} ({columns}) {select}"
            names.append(name)
        cursor.execute(
            "INSERT INTO pghistory_context (id, metadata, created_at, updated_at) VALUES (%s, %s, NOW(), NOW())",
            [context_id, json.dumps(metadata)],
        )
        cursor.execute("SELECT set_config('pgtrigger.ignore', %s, false)", ["{" + ",".join(names) + "}"])
    try:
        yield
    finally:
        HISTORY.clear()
        with connection.cursor() as cursor:
            cursor.execute("RESET pgtrigger.ignore")


# The generalised inverted indexes (trigram name search, flags) of the tables the seed fills by the
# hundred thousand: dropped before the load and built again from their own definitions after it,
# one CREATE INDEX each, rather than maintained row by row (docs/PERFORMANCE.md).
GIN_TABLES = ("recruits_recruit", "recruits_rematchrequest", "providers_provider", "accounts_user")


@contextmanager
def _gin_indexes_built_after_the_load() -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
            " AND tablename = ANY(%s) AND indexdef LIKE %s",
            [list(GIN_TABLES), "% USING gin %"],
        )
        indexes = cursor.fetchall()
        # Only indexes, never a constraint: a GIN index backs no unique or exclusion constraint here.
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(name)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '256MB'")
            # Inside an outer transaction (the tests'), run the deferred foreign-key checks now:
            # PostgreSQL builds no index on a table with trigger events pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for _name, definition in indexes:
                cursor.execute(definition.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))
            cursor.execute("SET CONSTRAINTS ALL DEFERRED; RESET maintenance_work_mem")


def _load(
    rng: random.Random,
    recruits: int,
    counts: dict[str, int],
    today: dt.date,
    now: dt.datetime,
    tag: str,
    step: Callable[[str], None],
) -> None:

    # One transaction per stage: a single transaction of millions of rows slowed every stage after
    # the first few (see benchmarks/results/seed_scale.txt). The leads, the marker, are created
    # inactive and made active by the last stage, so a run that failed part way is not taken for
    # a finished one (start again from an empty database).
    with transaction.atomic():
        regions = list(Region.objects.order_by("code"))
        hubs = _hubs(regions, tag, counts)
        staff = _staff(regions, tag, counts)
    step("hubs and staff")
    with transaction.atomic():
        providers = _providers(rng, regions, hubs, recruits, tag, counts)
    step(f"{len(providers):,} providers with licence histories")
    with transaction.atomic():
        recruit_rows = _recruits(rng, providers, recruits, tag, today, counts)
    _analyze("providers_provider", "recruits_recruit", "recruits_employment", "accounts_user")
    step(f"{len(recruit_rows):,} recruits and employments")
    with transaction.atomic():
        _pastoral(rng, recruit_rows, today, counts)
    step("pastoral plans and check-ins")
    with transaction.atomic():
        vacancies = _vacancies(rng, providers, today, counts)
        _rematch(rng, recruit_rows, staff, now, today, counts)
    step(f"{len(vacancies):,} vacancies and rematch requests")
    with transaction.atomic():
        _compliance(rng, providers, staff, today, counts)
    step("licence events, compliance cases and steps")
    with transaction.atomic():
        _training(rng, regions, recruit_rows, today, counts)
    step("training cohorts and enrolments")
    with transaction.atomic():
        _campaigns(recruits, tag, now, counts)
    step("campaigns and applications")
    with transaction.atomic():
        _reminders(rng, recruit_rows, staff, now, counts)
        User.objects.filter(pk__in=[user.pk for user in staff.values()]).update(is_active=True)
    step("reminders and notifications")


def _analyze(*tables: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(f'"{table}"' for table in tables))


def _hubs(regions: list[Region], tag: str, counts: dict[str, int]) -> dict[int, Hub]:
    hubs = {hub.region_id: hub for hub in Hub.objects.order_by("-id")}
    missing = [
        Hub(region=r, name=f"{r.name} IR hub", short_name=r.name[:20], mailbox=f"hub-{r.code.lower()}@hubs.test")
        for r in regions
        if r.pk not in hubs
    ]
    for hub in _insert(Hub, missing, counts):
        hubs[hub.region_id] = hub
    return hubs


def _staff(regions: list[Region], tag: str, counts: dict[str, int]) -> dict[int, User]:
    """One regional lead per region: the owner of cases and the recipient of the lead's reminders."""
    password = make_password(None)
    users = _insert(
        User,
        (
            User(
                email=f"lead-{tag}-{r.code.lower()}@scale.test",
                name=f"{r.name} lead",
                password=password,
                is_active=False,
            )
            for r in regions
        ),
        counts,
    )
    for region, user in zip(regions, users, strict=True):
        role_grant(user=user, role=Role.LEAD, scope_object=region)
    return {region.pk: user for region, user in zip(regions, users, strict=True)}


def _providers(
    rng: random.Random, regions: list[Region], hubs: dict[int, Hub], recruits: int, tag: str, counts: dict[str, int]
) -> list[Provider]:
    councils: dict[int, list[int]] = {}
    for region in regions:
        councils[region.pk] = list(region.local_authorities.values_list("pk", flat=True))
    total = max(len(regions), recruits // 20)
    rows = []
    for n in range(total):
        region = regions[n % len(regions)]
        rows.append(
            Provider(
                region=region,
                hub=hubs[region.pk],
                local_authority_id=rng.choice(councils[region.pk]) if councils[region.pk] else None,
                name=f"{rng.choice(TOWNS)} {rng.choice(['Care', 'Homecare', 'Nursing', 'Support'])} {n:05d}",
                cqc_provider_id=f"1-{1_100_000_000 + n}",
                cqc_location_id=f"1-{1_200_000_000 + n}",
                address=f"{n % 300 + 1} High Street\n{rng.choice(TOWNS)}",
                postcode=f"B{n % 99 + 1} {n % 9}AA",
                licence_number=f"{tag.upper()}-{n:06d}",
            )
        )
    providers = _insert(Provider, rows, counts)
    # Licence history: every provider's grant, a fifth later B-rated, a few suspended.
    changes = []
    for provider in providers:
        granted = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(2500))
        changes.append(LicenceChange(provider=provider, status="active", rating="A", effective_on=granted))
        if rng.random() < 0.2:
            changes.append(
                LicenceChange(
                    provider=provider, status="active", rating="B",
                    effective_on=granted + dt.timedelta(days=rng.randrange(30, 600)), note="Action plan issued",
                )
            )  # fmt: skip
    _insert(LicenceChange, changes, counts)
    return providers


def _recruits(
    rng: random.Random,
    providers: list[Provider],
    total: int,
    tag: str,
    today: dt.date,
    counts: dict[str, int],
) -> list[Recruit]:
    statuses = list(STATUS_WEIGHTS)
    weights = list(STATUS_WEIGHTS.values())
    password = make_password(None)
    # One recruit in ten has signed in to the portal (an account of their own).
    users = _insert(
        User,
        (User(email=f"r{n}-{tag}@scale.test", name=f"Recruit {n}", password=password) for n in range(0, total, 10)),
        counts,
    )
    rows = []
    for n in range(total):
        provider = providers[rng.randrange(len(providers))]
        status = rng.choices(statuses, weights)[0]
        rows.append(
            Recruit(
                region_id=provider.region_id,
                provider=None if status in (RecruitStatus.DISPLACED, RecruitStatus.LEFT) else provider,
                user=users[n // 10] if n % 10 == 0 else None,
                given_names=rng.choice(GIVEN),
                family_name=f"{rng.choice(FAMILY)}{n % 1000:03d}",
                date_of_birth=dt.date(1970, 1, 1) + dt.timedelta(days=rng.randrange(12000)),
                nationality=rng.choice(NATIONALITIES),
                status=status,
                visa_expiry=today + dt.timedelta(days=rng.randrange(-30, 1100)),
                flags=["fees_charged"] if rng.random() < 0.02 else [],
            )
        )
    saved = _insert(Recruit, rows, counts)
    employments = []
    for recruit, row in zip(saved, rows, strict=True):
        start = today - dt.timedelta(days=rng.randrange(30, 900))
        if recruit.provider_id:
            employments.append(Employment(recruit=recruit, provider_id=recruit.provider_id, start_date=start))
        if recruit.status in (RecruitStatus.REMATCHED, RecruitStatus.DISPLACED, RecruitStatus.LEFT):
            previous = providers[rng.randrange(len(providers))]
            employments.append(
                Employment(
                    recruit=recruit, provider=previous, start_date=start - dt.timedelta(days=400),
                    end_date=start - dt.timedelta(days=1), end_reason="Sponsor licence revoked",
                )
            )  # fmt: skip
        del row
    _insert(Employment, employments, counts)
    return saved


def _pastoral(rng: random.Random, recruits: list[Recruit], today: dt.date, counts: dict[str, int]) -> None:
    """A plan of ten check-ins for every recruit who has (or had) an employer; check-ins in batches."""
    for batch in _chunks((r for r in recruits if r.status != RecruitStatus.ARRIVING), 20_000):
        plans = []
        for recruit in batch:
            start = today - dt.timedelta(days=rng.randrange(0, 500))
            plans.append(
                PastoralPlan(
                    region_id=recruit.region_id, recruit=recruit, start_date=start,
                    end_date=start + dt.timedelta(days=365), steps=STEPS,
                    status=PlanStatus.FINISHED if (today - start).days > 365 else PlanStatus.ACTIVE,
                )
            )  # fmt: skip
        plans = _insert(PastoralPlan, plans, counts)

        def check_ins(plans: list[PastoralPlan] = plans) -> Iterator[CheckIn]:
            for plan in plans:
                provider_id = plan.recruit.provider_id
                for step, days in zip(STEPS, STEP_DAYS, strict=True):
                    due = plan.start_date + dt.timedelta(days=days)
                    done = due < today and rng.random() < 0.85
                    yield CheckIn(
                        region_id=plan.region_id, plan=plan, provider_id=provider_id, step=step, due_date=due,
                        status=CheckInStatus.DONE if done else (
                            CheckInStatus.CANCELLED if due < today and rng.random() < 0.3 else CheckInStatus.DUE
                        ),
                        method=rng.choice(["call", "visit", "video", "self", "employer"]),
                    )  # fmt: skip

        _insert(CheckIn, check_ins(), counts)


def _vacancies(rng: random.Random, providers: list[Provider], today: dt.date, counts: dict[str, int]) -> list[Vacancy]:
    rows = []
    for provider in providers:
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            hours = Decimal(rng.choice([37.5, 39, 40]))
            hourly = Decimal(str(rng.choice([12.82, 13.10, 14.00])))
            rows.append(
                Vacancy(
                    region_id=provider.region_id, provider=provider, title="Care worker", occupation_code="6135",
                    hours_per_week=hours, pay_per_hour=hourly, pay_per_year=(hours * hourly * 52).quantize(Decimal(1)),
                    postcode=provider.postcode, start_date=today + dt.timedelta(days=rng.randrange(7, 90)),
                    status=rng.choice(["open", "open", "open", "filled", "closed"]),
                )
            )  # fmt: skip
    return _insert(Vacancy, rows, counts)


def _rematch(
    rng: random.Random,
    recruits: list[Recruit],
    staff: dict[int, User],
    now: dt.datetime,
    today: dt.date,
    counts: dict[str, int],
) -> None:
    statuses = [s.value for s in RematchStatus]
    rows = []
    for recruit in recruits:
        if recruit.status not in (RecruitStatus.DISPLACED, RecruitStatus.AT_RISK, RecruitStatus.REMATCHED):
            continue
        status = (
            RematchStatus.PLACED if recruit.status == RecruitStatus.REMATCHED and RematchStatus.PLACED in statuses
            else rng.choice(statuses)
        )  # fmt: skip
        closed = status in ("placed", "closed", "withdrawn")
        rows.append(
            RematchRequest(
                region_id=recruit.region_id, recruit=recruit, provider_id=recruit.provider_id,
                door=rng.choice([d.value for d in Door]), status=status,
                outcome="placed" if status == "placed" else ("no_contact" if closed else ""),
                owner=staff[recruit.region_id] if rng.random() < 0.6 else None,
                given_names=recruit.given_names, family_name=recruit.family_name,
                curtailment_letter_date=today - dt.timedelta(days=rng.randrange(0, 50)),
                leave_end=today + dt.timedelta(days=rng.randrange(-5, 60)),
                closed_at=now if closed else None,
            )
        )  # fmt: skip
    _insert(RematchRequest, rows, counts)


def _compliance(
    rng: random.Random, providers: list[Provider], staff: dict[int, User], today: dt.date, counts: dict[str, int]
) -> None:
    """Two providers in a hundred suspended, each with a case of six protocol steps."""
    chosen = [p for p in providers if rng.random() < 0.02]
    changes = _insert(
        LicenceChange,
        (
            LicenceChange(
                provider=p,
                status="suspended",
                rating="B",
                effective_on=today - dt.timedelta(days=rng.randrange(1, 200)),
            )
            for p in chosen
        ),
        counts,
    )
    events = _insert(
        LicenceEvent,
        (
            LicenceEvent(
                region_id=p.region_id, provider=p, kind=EventKind.SUSPENSION, event_date=c.effective_on,
                licence_change=c,
            )
            for p, c in zip(chosen, changes, strict=True)
        ),
        counts,
    )  # fmt: skip
    Provider.objects.filter(pk__in=[p.pk for p in chosen]).update(licence_status="suspended", licence_rating="B")
    case_statuses = [s.value for s in CaseStatus]
    cases = _insert(
        ComplianceCase,
        (
            ComplianceCase(
                region_id=e.region_id, provider_id=e.provider_id, event=e, owner=staff[e.region_id],
                status=rng.choice(case_statuses),
            )
            for e in events
        ),
        counts,
    )  # fmt: skip
    titles = ["Contact the provider", "List affected workers", "Contact each worker", "Tell the council",
              "Offer rematching", "Review and close"]  # fmt: skip
    steps = []
    for case, event in zip(cases, events, strict=True):
        for position, title in enumerate(titles, start=1):
            steps.append(
                CaseStep(
                    case=case, position=position, title=title,
                    due_on=event.event_date + dt.timedelta(days=position * 3),
                    completed_at=timezone.now() if position <= rng.randrange(0, 7) else None,
                )
            )  # fmt: skip
    _insert(CaseStep, steps, counts)


def _training(
    rng: random.Random, regions: list[Region], recruits: list[Recruit], today: dt.date, counts: dict[str, int]
) -> None:
    """Per region: three programmes, a cohort per 400 recruits, and a place for one recruit in four."""
    titles = ("Welcome to care in England", "English for care", "Medication awareness")
    existing = {(p.region_id, p.title) for p in Programme.objects.filter(title__in=titles)}
    _insert(
        Programme,
        (
            Programme(
                region=r, title=title, summary=f"{title} for international recruits.", certification="Certificate"
            )
            for r in regions
            for title in titles
            if (r.pk, title) not in existing
        ),
        counts,
    )
    programmes = list(Programme.objects.filter(title__in=titles).order_by("region_id", "title"))
    by_region: dict[int, list[Programme]] = {}
    for programme in programmes:
        by_region.setdefault(programme.region_id, []).append(programme)
    recruits_by_region: dict[int, list[Recruit]] = {}
    for recruit in recruits:
        recruits_by_region.setdefault(recruit.region_id, []).append(recruit)
    cohorts = []
    for region in regions:
        for n in range(max(1, len(recruits_by_region.get(region.pk, [])) // 400)):
            cohorts.append(
                Cohort(
                    region=region, programme=by_region[region.pk][n % 3], venue=f"{rng.choice(TOWNS)} training centre",
                    capacity=120, booking_deadline=today + dt.timedelta(days=rng.randrange(-300, 90)),
                )
            )  # fmt: skip
    cohorts = _insert(Cohort, cohorts, counts)
    cohorts_by_region: dict[int, list[Cohort]] = {}
    for cohort in cohorts:
        cohorts_by_region.setdefault(cohort.region_id, []).append(cohort)
    statuses = [
        "booked",
        "pending_evidence",
        "waiting",
        "cancelled",
        "completed",
        "completed",
        "not_completed",
        "no_show",
    ]
    enrolments = []
    for recruit in recruits:
        if rng.random() < 0.25:
            enrolments.append(
                Enrolment(
                    region_id=recruit.region_id, cohort=rng.choice(cohorts_by_region[recruit.region_id]),
                    recruit=recruit, status=rng.choice(statuses),
                )
            )  # fmt: skip
    # Each booked recruit's learner row (issue 18: a booking is for a learner).
    learners = _insert(
        Learner,
        [Learner(region_id=e.region_id, kind=LearnerKind.RECRUIT, recruit=e.recruit) for e in enrolments],
        counts,
    )
    for enrolment, learner in zip(enrolments, learners, strict=True):
        enrolment.learner = learner
    _insert(Enrolment, enrolments, counts)


def _reminders(
    rng: random.Random, recruits: list[Recruit], staff: dict[int, User], now: dt.datetime, counts: dict[str, int]
) -> None:
    """One reminder per two recruits, in every status; the sent ones with their inbox copies."""
    content_type = ContentType.objects.get_for_model(Recruit)
    statuses = [s.value for s in Reminder.Status]
    kinds = ["pastoral.check_in", "training.session", "pastoral.appointment", "recruits.visa_expiry"]
    rows = []
    for n, recruit in enumerate(recruits[::2]):
        status = rng.choice(statuses)
        to_recruit = recruit.user_id is not None
        rows.append(
            Reminder(
                recipient_id=recruit.user_id if to_recruit else staff[recruit.region_id].pk,
                region_id=recruit.region_id, kind=rng.choice(kinds), content_type=content_type,
                object_id=str(recruit.pk), due_at=now + dt.timedelta(hours=rng.randrange(-2000, 2000)),
                status=status, sent_at=now if status == "sent" else None,
                last_error="SMTP timeout" if status == "failed" else "",
                unique_key=f"scale:{recruit.pk}:{n}",
            )
        )  # fmt: skip
    reminders = _insert(Reminder, rows, counts)
    links = {str(r.pk): r.get_absolute_url() for r in recruits[::2]}
    email_statuses = [s.value for s in Notification.EmailStatus]
    notifications = []
    for reminder in reminders:
        if reminder.status != "sent":
            continue
        email_status = rng.choice(email_statuses)
        assert reminder.recipient_id is not None  # every reminder of the data set names its person
        notifications.append(
            Notification(
                user_id=reminder.recipient_id, reminder=reminder, kind=reminder.kind, region_id=reminder.region_id,
                link=links[reminder.object_id],
                email_mode="none" if email_status == "not_needed" else rng.choice(["immediate", "digest"]),
                email_status=email_status, read_at=now if rng.random() < 0.5 else None,
                email_error="Mailbox full" if email_status == "failed" else "",
            )
        )  # fmt: skip
    _insert(Notification, notifications, counts)


# Where candidates' applications stop, in the proportions of a year's campaigns: most are screened
# out or not shortlisted, a few in a hundred arrive. Half of those that stop short of "arrived" end
# (rejected or withdrawn); the rest are still at that stage.
FURTHEST_WEIGHTS = {
    Stage.APPLIED: 30, Stage.SCREENED: 20, Stage.SHORTLISTED: 15, Stage.INTERVIEWED: 12, Stage.OFFERED: 5,
    Stage.ACCEPTED: 4, Stage.CHECKS: 4, Stage.COS_ASSIGNED: 3, Stage.PRE_ARRIVAL: 3, Stage.ARRIVED: 4,
}  # fmt: skip
CAMPAIGNS_PER_REGION = 3
EMPLOYERS_PER_CAMPAIGN = 5


def _campaigns_seeded(tag: str) -> bool:
    return Campaign.objects.filter(created_by__email__startswith=f"lead-{tag}-").exists()


def _campaigns(recruits: int, tag: str, now: dt.datetime, counts: dict[str, int]) -> None:
    """Three campaigns per region (one closed), one application per ten recruits, each with the
    timeline of its moves and, from "offered" on, an offer from one of the campaign's employers.

    Its own `random.Random`, so a data set seeded before this stage existed gets the same campaigns
    when they are added later as a new one gets in its run.
    """
    rng = random.Random(f"campaigns-{recruits}")  # noqa: S311 - made-up data, not a secret
    leads = {
        user.email.split("-")[-1].split("@")[0]: user for user in User.objects.filter(email__startswith=f"lead-{tag}-")
    }
    regions = list(Region.objects.order_by("code"))
    actors = {region.pk: leads.get(region.code.lower()) for region in regions}
    employers: dict[int, list[int]] = {}
    for region in regions:
        employers[region.pk] = list(
            Provider.objects.filter(region=region, licence_number__startswith=f"{tag.upper()}-")
            .order_by("id")
            .values_list("pk", flat=True)[: EMPLOYERS_PER_CAMPAIGN * CAMPAIGNS_PER_REGION]
        )
    rows = []
    for region in regions:
        for n in range(CAMPAIGNS_PER_REGION):
            opens = now.date() - dt.timedelta(days=300 - n * 100)
            closed = n == 0
            rows.append(
                Campaign(
                    region=region, title=f"{region.name} care workers {n + 1}", in_country=False,
                    target_countries=["IN", "PH", "NG", "KE"], channels="Job boards; partner agencies",
                    opens_on=opens, closes_on=opens + dt.timedelta(days=120), target_applications=recruits // 30,
                    advert="Care workers for homes across the region.", no_fee_confirmed=True,
                    status="closed" if closed else "published", published_at=now - dt.timedelta(days=300 - n * 100),
                    closed_at=now - dt.timedelta(days=180) if closed else None,
                    created_by=leads.get(region.code.lower()), created_at=now, updated_at=now,
                )
            )  # fmt: skip
    campaigns = _insert(Campaign, rows, counts)
    links = Campaign.employers.through
    _insert(
        links,
        (
            links(campaign_id=campaign.pk, provider_id=provider_id)
            for n, campaign in enumerate(campaigns)
            for provider_id in employers[campaign.region_id][
                (n % CAMPAIGNS_PER_REGION) * EMPLOYERS_PER_CAMPAIGN : (n % CAMPAIGNS_PER_REGION + 1)
                * EMPLOYERS_PER_CAMPAIGN
            ]
        ),
        counts,
    )
    _insert(
        CampaignRole,
        (CampaignRole(campaign=c, role="care_worker", posts=recruits // 100 or 1) for c in campaigns),
        counts,
    )
    # A region without providers of the data set (none at a tiny N) makes no offers.
    hired_by: dict[int, list[int]] = {c.pk: employers[c.region_id][:EMPLOYERS_PER_CAMPAIGN] for c in campaigns}
    stages, weights = list(FURTHEST_WEIGHTS), list(FURTHEST_WEIGHTS.values())
    applications, timelines = [], []
    for n in range(recruits // 10):
        campaign = campaigns[rng.randrange(len(campaigns))]
        furthest = PIPELINE.index(rng.choices(stages, weights)[0])
        at = now - dt.timedelta(days=rng.randrange(30, 300), hours=rng.randrange(24))
        applied = at
        moves = []
        for index in range(1, furthest + 1):
            at = min(now, at + dt.timedelta(days=rng.randrange(1, 21), hours=rng.randrange(24)))
            moves.append((PIPELINE[index - 1], PIPELINE[index], at))
        ended = furthest < len(PIPELINE) - 1 and rng.random() < 0.5
        stage = PIPELINE[furthest]
        if ended:
            at = min(now, at + dt.timedelta(days=rng.randrange(1, 15)))
            moves.append((stage, rng.choice([Stage.REJECTED, Stage.WITHDRAWN]), at))
            stage = moves[-1][1]
        country = rng.choice(campaign.target_countries)
        applications.append(
            Application(
                region_id=campaign.region_id, campaign=campaign, role="care_worker",
                given_names=rng.choice(GIVEN), family_name=f"{rng.choice(FAMILY)}{n % 1000:03d}",
                email=f"c{n}-{tag}@candidates.test", phone=f"+91 98{n:08d}", country=country, nationality=country,
                passport_number=f"P{tag.upper()}{n:07d}", consent_at=applied, stage=stage, stage_since=at,
                end_reason="Not shortlisted" if stage == Stage.REJECTED else ("Took another job" if ended else ""),
                applied_at=applied,
            )
        )  # fmt: skip
        timelines.append((moves, furthest >= PIPELINE.index(Stage.OFFERED), hired_by[campaign.pk]))
    applications = _insert(Application, applications, counts)
    events, offers = [], []
    for application, (moves, offered, employer_ids) in zip(applications, timelines, strict=True):
        for from_stage, to_stage, at in moves:
            events.append(
                ApplicationEvent(
                    application=application, at=at, actor=actors.get(application.region_id),
                    from_stage=from_stage, to_stage=to_stage,
                )
            )  # fmt: skip
            if offered and to_stage == Stage.OFFERED and employer_ids:
                offers.append(
                    Offer(
                        application=application,
                        employer_id=rng.choice(employer_ids),
                        salary=Decimal("29000.00"),
                        hours_per_week=Decimal("37.5"),
                        starts_on=at.date() + dt.timedelta(days=90),
                        made_at=at,
                    )
                )
    _insert(ApplicationEvent, events, counts)
    _insert(Offer, offers, counts)

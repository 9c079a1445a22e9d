"""People's data rights: the registry of the personal data each app holds about a person.

Each app that stores something about a person declares it here from its `AppConfig.ready()`
(`register_personal_data`), as it registers its grants for the access review: the model, the
path from a row to the person, the fields that are personal (blanked on erasure, so that the
row, and every anonymous count made of it, stays) or that the rows go altogether, and the file
each row keeps on disk. From the declarations the portal builds, without knowing the apps:

- the subject access export (`subject_data`): every row, its pghistory event rows and its files;
- erasure (`subject_erase`): fields blanked or rows deleted, their history rows deleted, files
  removed after the commit.

A person is named by a kind: "recruit" today; learners and candidates register their own kind
when they exist, with the fetch that decides who handles their rights (`register_subject_kind`).
The retention rules (`register_retention_rule`) are kept here too, so that one nightly task
(`accesslog.tasks.retention_task`) runs the rules of every app; `rows_clear` and `rows_delete`
are what a rule does to the rows whose time is up, history rows and files included.

This module imports no feature app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models import QuerySet

from portal.dates import add_months
from portal.policy import policy_value

RECRUIT = "recruit"


@dataclass(frozen=True)
class SubjectKind:
    """A kind of person whose rights the lead handles. `fetch(request, public_id)` returns the
    person when the user handles their rights: 404 when the user may not see the record, 403
    when they see it but do not handle its rights (docs/SECURITY.md, "Data rights")."""

    kind: str
    fetch: Callable[[Any, Any], Any]
    name: Callable[[Any], str]
    region_id: Callable[[Any], int]
    url: Callable[[Any], str]
    # The person's own sign-in account, if any: erasure anonymises and deactivates it.
    account_id: Callable[[Any], int | None] = lambda subject: None


_kinds: dict[str, SubjectKind] = {}


def register_subject_kind(subject_kind: SubjectKind) -> None:
    _kinds[subject_kind.kind] = subject_kind


def subject_kind(kind: str) -> SubjectKind | None:
    return _kinds.get(kind)


@dataclass(frozen=True)
class PersonalData:
    """One kind of row an app holds about a person.

    `lookup` goes from the model to the person (`"recruit"`, `"plan__recruit"`). `fields` are the
    personal fields: on erasure they are set to `erased_values` or emptied (None, "", [] or the
    field's default), unless `delete` says the rows go altogether. `file` gives the path of a
    row's stored file, exported with the data and removed on erasure.
    """

    label: str
    model: type[models.Model]
    lookup: str
    fields: tuple[str, ...] = ()
    delete: bool = False
    erased_values: dict[str, Any] = field(default_factory=dict)
    file: Callable[[Any], Path] | None = None
    file_name: Callable[[Any], str] | None = None

    def rows(self, subject: models.Model) -> QuerySet[Any]:
        value = subject.pk if self.lookup == "pk" else subject
        return self.model._default_manager.filter(**{self.lookup: value}).order_by("pk")


_sources: dict[str, list[PersonalData]] = {}


def register_personal_data(kind: str, *sources: PersonalData) -> None:
    """Called from an app's `AppConfig.ready()` for the personal data its models hold."""
    registered = _sources.setdefault(kind, [])
    for source in sources:
        if all(existing.label != source.label for existing in registered):
            registered.append(source)


def personal_data_sources(kind: str) -> list[PersonalData]:
    return list(_sources.get(kind, []))


def history_models(model: type[models.Model]) -> list[type[models.Model]]:
    """The pghistory event models that track `model` (none when it is not tracked)."""
    return [
        candidate
        for candidate in apps.get_models()
        if getattr(candidate, "pgh_tracked_model", None) is model
        and any(f.name == "pgh_obj" for f in candidate._meta.get_fields())
    ]


def _history_rows(model: type[models.Model], ids: list[int]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for event_model in history_models(model):
        rows.extend(event_model._default_manager.filter(pgh_obj_id__in=ids).order_by("pgh_id").values())
    return rows


@dataclass
class SourceData:
    label: str
    model: str
    rows: list[dict[str, Any]]
    history: list[dict[str, Any]]
    files: list[tuple[str, Path]]


def subject_data(kind: str, subject: models.Model) -> list[SourceData]:
    """Everything the registered sources hold about `subject`: rows, history rows and files."""
    found = []
    for source in personal_data_sources(kind):
        objects = list(source.rows(subject))
        ids = [obj.pk for obj in objects]
        rows = list(source.model._default_manager.filter(pk__in=ids).order_by("pk").values())
        files = []
        if source.file is not None:
            for obj in objects:
                name = source.file_name(obj) if source.file_name else str(obj.pk)
                files.append((name, source.file(obj)))
        found.append(
            SourceData(
                label=source.label,
                model=source.model._meta.label,
                rows=rows,
                history=_history_rows(source.model, ids),
                files=files,
            )
        )
    return found


def _empty_value(model: type[models.Model], name: str) -> Any:
    model_field = model._meta.get_field(name)
    assert isinstance(model_field, models.Field)
    if model_field.null:
        return None
    if model_field.has_default():
        return model_field.get_default()
    return ""


def _remove_files(paths: Iterable[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


@dataclass(frozen=True)
class ErasureResult:
    blanked: int  # rows kept with their personal fields emptied
    deleted: int  # rows deleted
    history: int  # history rows deleted
    files: int  # stored files removed


def subject_erase(kind: str, subject: models.Model) -> ErasureResult:
    """Erase what every registered source holds about `subject`, in one transaction; files go
    once it commits. The history rows of every row touched are deleted after the blanking (the
    blanking's own event row with them), so no earlier value survives in the event tables."""
    blanked = deleted = history = 0
    paths: list[Path] = []
    registered = _kinds.get(kind)
    account_id = registered.account_id(subject) if registered is not None else None
    with transaction.atomic():
        if account_id is not None:
            blanked += account_erase(account_id, public_id=getattr(subject, "public_id", None))
        # Blank first, delete after: a kept row may point at a deleted one (English evidence at its document).
        ordered = sorted(personal_data_sources(kind), key=lambda source: source.delete)
        for source in ordered:
            objects = list(source.rows(subject))
            ids = [obj.pk for obj in objects]
            if not ids:
                continue
            if source.file is not None:
                paths.extend(source.file(obj) for obj in objects)
            queryset = source.model._default_manager.filter(pk__in=ids)
            if source.delete:
                deleted += queryset.delete()[1].get(source.model._meta.label, 0)
            elif source.fields:
                values = {
                    name: source.erased_values.get(name, _empty_value(source.model, name)) for name in source.fields
                }
                blanked += queryset.update(**values)
            for event_model in history_models(source.model):
                history += event_model._default_manager.filter(pgh_obj_id__in=ids).delete()[0]
        transaction.on_commit(lambda: _remove_files(paths))
    return ErasureResult(blanked=blanked, deleted=deleted, history=history, files=len(paths))


# -- Retention rules ---------------------------------------------------------------------------

# A rule takes the day it runs for and returns how many rows (or files) it cleared.
RetentionRule = Callable[[dt.date], int]


@dataclass(frozen=True)
class Retention:
    name: str
    run: RetentionRule


_rules: list[Retention] = []


def register_retention_rule(name: str, run: RetentionRule) -> None:
    """Called from an app's `AppConfig.ready()` for a rule on the data it holds."""
    if all(rule.name != name for rule in _rules):
        _rules.append(Retention(name, run))


def retention_cutoff(figure: str, today: dt.date) -> dt.date:
    """The last day whose rows are past the period: `today` less the months of the policy figure
    in force today (portal/data/policy_figures.csv)."""
    return add_months(today, -policy_value(figure, on=today))


def retention_rules() -> list[Retention]:
    return list(_rules)


def retention_run(today: dt.date, names: Iterable[str] | None = None) -> dict[str, int]:
    """Run every registered rule (or those named) for `today`; each in its own transaction."""
    chosen = set(names) if names is not None else None
    done: dict[str, int] = {}
    for rule in _rules:
        if chosen is None or rule.name in chosen:
            with transaction.atomic():
                done[rule.name] = rule.run(today)
    return done


def rows_clear(queryset: QuerySet[Any], values: dict[str, Any]) -> int:
    """Set `values` on the rows and on their history rows (so no earlier value survives in the
    event tables); the rows whose fields already hold the values are left alone. Returns the rows
    changed. Rows stay, so the counts made of them do too."""
    model = queryset.model
    already = models.Q(**values)
    ids = list(queryset.exclude(already).values_list("pk", flat=True))
    if not ids:
        return 0
    changed = model._default_manager.filter(pk__in=ids).update(**values)
    for event_model in history_models(model):
        event_fields = {f.name for f in event_model._meta.get_fields()}
        kept = {name: value for name, value in values.items() if name in event_fields}
        if kept:
            event_model._default_manager.filter(pgh_obj_id__in=ids).update(**kept)
    return changed


def empty_values(model: type[models.Model], names: Iterable[str]) -> dict[str, Any]:
    """Each field's empty value (None, "" or its default), for `rows_clear`."""
    return {name: _empty_value(model, name) for name in names}


def rows_delete(queryset: QuerySet[Any], *, file: Callable[[Any], Path] | None = None) -> int:
    """Delete the rows, their history rows, and (after the commit) their stored files."""
    model = queryset.model
    objects = list(queryset)
    if not objects:
        return 0
    ids = [obj.pk for obj in objects]
    paths = [file(obj) for obj in objects] if file is not None else []
    for event_model in history_models(model):
        event_model._default_manager.filter(pgh_obj_id__in=ids).delete()
    deleted = model._default_manager.filter(pk__in=ids).delete()[1].get(model._meta.label, 0)
    # The delete's own history row (pghistory's DeleteEvent) goes too.
    for event_model in history_models(model):
        event_model._default_manager.filter(pgh_obj_id__in=ids).delete()
    transaction.on_commit(lambda: _remove_files(paths))
    return deleted


ERASED_NAME = "Erased person"


def account_erase(user_id: int, *, public_id: Any = None) -> int:
    """The person's sign-in account: deactivated (its sessions end at their next request), its name
    and email replaced (in its history rows too), its email addresses and second factors deleted.
    The row stays, because the logs and records name who did what by this account."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from accounts.models import User

    placeholder = f"erased-{public_id or user_id}@erased.invalid"
    account = User.objects.filter(pk=user_id)
    changed = rows_clear(account, {"name": ERASED_NAME, "email": placeholder, "is_active": False})
    for user in account:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    EmailAddress.objects.filter(user_id=user_id).delete()
    Authenticator.objects.filter(user_id=user_id).delete()
    return changed

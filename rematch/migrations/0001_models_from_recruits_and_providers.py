"""Rematching becomes an app (issue 21): its models come from recruits/ and providers/.

No data moves: every model keeps its table (`db_table`), so this migration creates the models in
Django's state only, renames their content types (reminders, permissions and admin log entries
point at them), and installs their triggers under the new names. recruits/0012 and
providers/0008-0009 then take the models out of those apps' state and drop the old triggers.
"""

import uuid

import django.core.validators
import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models

# The moved models (lower-case names, as django_content_type stores them) and the app they left.
MOVED = {
    "recruits": [
        "rematchrequest",
        "rematchrequestevent",
        "rematchevent",
        "introduction",
        "introductionevent",
        "handover",
        "handoverevent",
    ],
    "providers": [
        "vacancy",
        "vacancyevent",
        "poolrequest",
        "poolrequesthistory",
        "poolcandidate",
        "poolcandidateevent",
        "poolevent",
        "poolconfirmation",
        "poolconfirmationevent",
    ],
}


def _relabel(apps, *, to_rematch: bool) -> None:
    """Rename the content type rows in place, so whatever points at them keeps pointing at the
    same model. Nothing to do on a fresh database (content types are made after migrating)."""
    content_type = apps.get_model("contenttypes", "ContentType")
    for old_label, models_ in MOVED.items():
        source, target = ("rematch", old_label) if not to_rematch else (old_label, "rematch")
        for model in models_:
            if content_type.objects.filter(app_label=target, model=model).exists():
                continue  # already there (made by a post-migrate run): leave both as they are
            content_type.objects.filter(app_label=source, model=model).update(app_label=target)


def content_types_move(apps, schema_editor) -> None:
    _relabel(apps, to_rematch=True)


def content_types_move_back(apps, schema_editor) -> None:
    _relabel(apps, to_rematch=False)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("hubs", "0004_cache_table"),
        ("pghistory", "0007_auto_20250421_0444"),
        ("providers", "0007_pool_none_available_reason"),
        ("recruits", "0011_document_kinds_with_retention"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The tables exist (recruits_* and providers_*): the models move in Django's state only.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Handover",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("requested", "Requested"),
                                    ("accepted", "Accepted"),
                                    ("declined", "Declined"),
                                    ("done", "Done (placement in another region)"),
                                ],
                                default="requested",
                                max_length=10,
                            ),
                        ),
                        ("note", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("decided_at", models.DateTimeField(blank=True, null=True)),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        (
                            "decided_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "from_region",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="hubs.region"
                            ),
                        ),
                        (
                            "recruit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="handovers",
                                to="recruits.recruit",
                            ),
                        ),
                        (
                            "requested_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "to_region",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="hubs.region"
                            ),
                        ),
                    ],
                    options={
                        "db_table": "recruits_handover",
                        "ordering": ["-created_at", "-id"],
                    },
                ),
                migrations.CreateModel(
                    name="Introduction",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("introduced", "Introduced"),
                                    ("offered", "Offered"),
                                    ("declined", "Declined"),
                                    ("withdrawn", "Withdrawn"),
                                    ("placed", "Placed"),
                                ],
                                default="introduced",
                                max_length=10,
                            ),
                        ),
                        ("consent_at", models.DateTimeField()),
                        ("consent_how", models.CharField(max_length=200)),
                        ("token_hash", models.CharField(max_length=64, unique=True)),
                        ("expires_at", models.DateTimeField()),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "created_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="hubs.region"
                            ),
                        ),
                    ],
                    options={
                        "db_table": "recruits_introduction",
                        "ordering": ["-created_at", "-id"],
                    },
                ),
                migrations.CreateModel(
                    name="PoolCandidate",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "outcome",
                            models.CharField(
                                choices=[
                                    ("pending", "Not assessed yet"),
                                    ("interviewed", "Interviewed"),
                                    ("offered", "Offered the job"),
                                    ("declined", "Declined"),
                                    ("hired", "Hired"),
                                ],
                                default="pending",
                                max_length=12,
                            ),
                        ),
                        ("decline_reason", models.TextField(blank=True)),
                        ("outcome_at", models.DateTimeField(blank=True, null=True)),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        (
                            "introduction",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="rematch.introduction"
                            ),
                        ),
                        (
                            "outcome_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "providers_poolcandidate",
                        "ordering": ["id"],
                    },
                ),
                migrations.CreateModel(
                    name="PoolConfirmation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("number", models.CharField(max_length=30, unique=True)),
                        ("issued_at", models.DateTimeField(auto_now_add=True)),
                        ("ukvi_told_on", models.DateField(blank=True, null=True)),
                        (
                            "issued_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "ukvi_told_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "providers_poolconfirmation",
                    },
                ),
                migrations.CreateModel(
                    name="PoolRequest",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("open", "Waiting for the hub"),
                                    ("shortlisted", "Shortlist sent"),
                                    ("none_available", "No displaced worker available"),
                                    ("hired", "Hired from the pool"),
                                    ("none_suitable", "Nobody suitable: confirmation to issue"),
                                    ("confirmed", "Confirmation issued"),
                                    ("closed", "Closed: UKVI told"),
                                ],
                                default="open",
                                max_length=16,
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("answered_at", models.DateTimeField(blank=True, null=True)),
                        ("none_available_reason", models.TextField(blank=True)),
                        ("closed_at", models.DateTimeField(blank=True, null=True)),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        (
                            "provider",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="pool_requests",
                                to="providers.provider",
                            ),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="hubs.region"
                            ),
                        ),
                        (
                            "requested_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "providers_poolrequest",
                        "ordering": ["-created_at", "-id"],
                    },
                ),
                migrations.CreateModel(
                    name="PoolEvent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("text", models.TextField()),
                        ("at", models.DateTimeField(auto_now_add=True)),
                        (
                            "actor",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "pool_request",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="events",
                                to="rematch.poolrequest",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "providers_poolevent",
                        "ordering": ["at", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="PoolConfirmationEvent",
                    fields=[
                        ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                        ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                        ("pgh_label", models.TextField(help_text="The event label.")),
                        ("id", models.BigIntegerField()),
                        ("number", models.CharField(max_length=30)),
                        ("issued_at", models.DateTimeField(auto_now_add=True)),
                        ("ukvi_told_on", models.DateField(blank=True, null=True)),
                        (
                            "issued_by",
                            models.ForeignKey(
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "pgh_context",
                            models.ForeignKey(
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="pghistory.context",
                            ),
                        ),
                        (
                            "pgh_obj",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="events",
                                to="rematch.poolconfirmation",
                            ),
                        ),
                        (
                            "ukvi_told_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "pool_request",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="rematch.poolrequest",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "providers_poolconfirmationevent",
                        "abstract": False,
                    },
                ),
                migrations.AddField(
                    model_name="poolconfirmation",
                    name="pool_request",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="confirmation",
                        to="rematch.poolrequest",
                    ),
                ),
                migrations.CreateModel(
                    name="PoolCandidateEvent",
                    fields=[
                        ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                        ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                        ("pgh_label", models.TextField(help_text="The event label.")),
                        ("id", models.BigIntegerField()),
                        (
                            "outcome",
                            models.CharField(
                                choices=[
                                    ("pending", "Not assessed yet"),
                                    ("interviewed", "Interviewed"),
                                    ("offered", "Offered the job"),
                                    ("declined", "Declined"),
                                    ("hired", "Hired"),
                                ],
                                default="pending",
                                max_length=12,
                            ),
                        ),
                        ("decline_reason", models.TextField(blank=True)),
                        ("outcome_at", models.DateTimeField(blank=True, null=True)),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False)),
                        (
                            "introduction",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="rematch.introduction",
                            ),
                        ),
                        (
                            "outcome_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "pgh_context",
                            models.ForeignKey(
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="pghistory.context",
                            ),
                        ),
                        (
                            "pgh_obj",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="events",
                                to="rematch.poolcandidate",
                            ),
                        ),
                        (
                            "pool_request",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="rematch.poolrequest",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "providers_poolcandidateevent",
                        "abstract": False,
                    },
                ),
                migrations.AddField(
                    model_name="poolcandidate",
                    name="pool_request",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="candidates", to="rematch.poolrequest"
                    ),
                ),
                migrations.CreateModel(
                    name="RematchRequest",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "door",
                            models.CharField(
                                choices=[
                                    ("provider", "Request from the employer"),
                                    ("recruit", "Self-referral (portal account)"),
                                    ("public", "Self-referral (public form)"),
                                    ("hub", "Opened by the hub"),
                                ],
                                max_length=10,
                            ),
                        ),
                        ("provider_requested", models.BooleanField(default=False)),
                        (
                            "pending",
                            models.BooleanField(
                                default=False, help_text="A public self-referral waiting for the hub to confirm it."
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("new", "New"),
                                    ("triage", "Triage"),
                                    ("searching", "Searching"),
                                    ("introduced", "Introduced"),
                                    ("offered", "Offered"),
                                    ("placed", "Placed"),
                                    ("closed", "Closed"),
                                ],
                                default="new",
                                max_length=12,
                            ),
                        ),
                        (
                            "outcome",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("placed", "Placed with a new sponsor"),
                                    ("left_uk", "Left the UK"),
                                    ("switched_route", "Switched to another visa route"),
                                    ("moved_region", "Moved to another region"),
                                    ("no_contact", "No contact"),
                                ],
                                max_length=16,
                            ),
                        ),
                        (
                            "reason",
                            models.CharField(
                                choices=[
                                    ("cannot_continue", "We cannot continue to employ them"),
                                    ("not_enough_work", "Not enough work"),
                                    ("licence_lost", "Sponsor licence revoked or surrendered"),
                                    ("worker_asked", "The worker asked for help"),
                                    ("other", "Other"),
                                ],
                                default="other",
                                max_length=16,
                            ),
                        ),
                        ("reason_details", models.TextField(blank=True)),
                        ("last_working_day", models.DateField(blank=True, null=True)),
                        ("given_names", models.CharField(blank=True, max_length=150)),
                        ("family_name", models.CharField(blank=True, max_length=150)),
                        ("date_of_birth", models.DateField(blank=True, null=True)),
                        ("email", models.EmailField(blank=True, max_length=254)),
                        ("phone", models.CharField(blank=True, max_length=30)),
                        ("address", models.TextField(blank=True)),
                        ("postcode", models.CharField(blank=True, max_length=10)),
                        ("current_sponsor_name", models.CharField(blank=True, max_length=200)),
                        ("curtailment_letter_date", models.DateField(blank=True, null=True)),
                        ("visa_expiry", models.DateField(blank=True, null=True)),
                        ("leave_end", models.DateField(blank=True, null=True)),
                        (
                            "pref_min_hours",
                            models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="fewest hours a week"),
                        ),
                        (
                            "pref_max_hours",
                            models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="most hours a week"),
                        ),
                        (
                            "can_drive",
                            models.BooleanField(blank=True, null=True, verbose_name="has a driving licence and a car"),
                        ),
                        (
                            "max_travel",
                            models.CharField(
                                choices=[
                                    ("district", "Only nearby (the same postcode district, like B1)"),
                                    ("area", "Within the postcode area (like all of B)"),
                                    ("region", "Anywhere in the region"),
                                ],
                                default="region",
                                max_length=10,
                                verbose_name="how far they can travel",
                            ),
                        ),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        ("closed_at", models.DateTimeField(blank=True, null=True)),
                        ("placed_at", models.DateField(blank=True, null=True)),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "hub",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="hubs.hub",
                            ),
                        ),
                        (
                            "owner",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "provider",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="rematch_requests",
                                to="providers.provider",
                            ),
                        ),
                        (
                            "recruit",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="rematch_requests",
                                to="recruits.recruit",
                            ),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="rematch_requests",
                                to="hubs.region",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "recruits_rematchrequest",
                        "ordering": ["leave_end", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="RematchEvent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("created", "Request opened"),
                                    ("status", "Status changed"),
                                    ("note", "Note"),
                                    ("dates", "Dates changed"),
                                    ("owner", "Owner changed"),
                                    ("confirmed", "Referral confirmed"),
                                    ("preferences", "Preferences changed"),
                                    ("introduced", "Introduced to a vacancy"),
                                    ("placed", "Placement recorded"),
                                    ("handover", "Hand-over"),
                                ],
                                max_length=12,
                            ),
                        ),
                        (
                            "from_status",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("new", "New"),
                                    ("triage", "Triage"),
                                    ("searching", "Searching"),
                                    ("introduced", "Introduced"),
                                    ("offered", "Offered"),
                                    ("placed", "Placed"),
                                    ("closed", "Closed"),
                                ],
                                max_length=12,
                            ),
                        ),
                        (
                            "to_status",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("new", "New"),
                                    ("triage", "Triage"),
                                    ("searching", "Searching"),
                                    ("introduced", "Introduced"),
                                    ("offered", "Offered"),
                                    ("placed", "Placed"),
                                    ("closed", "Closed"),
                                ],
                                max_length=12,
                            ),
                        ),
                        ("text", models.TextField(blank=True)),
                        ("at", models.DateTimeField(auto_now_add=True)),
                        (
                            "actor",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "request",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="timeline",
                                to="rematch.rematchrequest",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "recruits_rematchevent",
                        "ordering": ["-at", "-id"],
                    },
                ),
                migrations.AddField(
                    model_name="introduction",
                    name="request",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="introductions",
                        to="rematch.rematchrequest",
                    ),
                ),
                migrations.CreateModel(
                    name="HandoverEvent",
                    fields=[
                        ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                        ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                        ("pgh_label", models.TextField(help_text="The event label.")),
                        ("id", models.BigIntegerField()),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("requested", "Requested"),
                                    ("accepted", "Accepted"),
                                    ("declined", "Declined"),
                                    ("done", "Done (placement in another region)"),
                                ],
                                default="requested",
                                max_length=10,
                            ),
                        ),
                        ("note", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("decided_at", models.DateTimeField(blank=True, null=True)),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False)),
                        (
                            "decided_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "from_region",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="hubs.region",
                            ),
                        ),
                        (
                            "pgh_context",
                            models.ForeignKey(
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="pghistory.context",
                            ),
                        ),
                        (
                            "pgh_obj",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="events",
                                to="rematch.handover",
                            ),
                        ),
                        (
                            "recruit",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="recruits.recruit",
                            ),
                        ),
                        (
                            "requested_by",
                            models.ForeignKey(
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "to_region",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="hubs.region",
                            ),
                        ),
                        (
                            "asking_request",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="rematch.rematchrequest",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "recruits_handoverevent",
                        "abstract": False,
                    },
                ),
                migrations.AddField(
                    model_name="handover",
                    name="asking_request",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="rematch.rematchrequest",
                    ),
                ),
                migrations.CreateModel(
                    name="RematchRequestEvent",
                    fields=[
                        ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                        ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                        ("pgh_label", models.TextField(help_text="The event label.")),
                        ("id", models.BigIntegerField()),
                        (
                            "door",
                            models.CharField(
                                choices=[
                                    ("provider", "Request from the employer"),
                                    ("recruit", "Self-referral (portal account)"),
                                    ("public", "Self-referral (public form)"),
                                    ("hub", "Opened by the hub"),
                                ],
                                max_length=10,
                            ),
                        ),
                        ("provider_requested", models.BooleanField(default=False)),
                        (
                            "pending",
                            models.BooleanField(
                                default=False, help_text="A public self-referral waiting for the hub to confirm it."
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("new", "New"),
                                    ("triage", "Triage"),
                                    ("searching", "Searching"),
                                    ("introduced", "Introduced"),
                                    ("offered", "Offered"),
                                    ("placed", "Placed"),
                                    ("closed", "Closed"),
                                ],
                                default="new",
                                max_length=12,
                            ),
                        ),
                        (
                            "outcome",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("placed", "Placed with a new sponsor"),
                                    ("left_uk", "Left the UK"),
                                    ("switched_route", "Switched to another visa route"),
                                    ("moved_region", "Moved to another region"),
                                    ("no_contact", "No contact"),
                                ],
                                max_length=16,
                            ),
                        ),
                        (
                            "reason",
                            models.CharField(
                                choices=[
                                    ("cannot_continue", "We cannot continue to employ them"),
                                    ("not_enough_work", "Not enough work"),
                                    ("licence_lost", "Sponsor licence revoked or surrendered"),
                                    ("worker_asked", "The worker asked for help"),
                                    ("other", "Other"),
                                ],
                                default="other",
                                max_length=16,
                            ),
                        ),
                        ("reason_details", models.TextField(blank=True)),
                        ("last_working_day", models.DateField(blank=True, null=True)),
                        ("given_names", models.CharField(blank=True, max_length=150)),
                        ("family_name", models.CharField(blank=True, max_length=150)),
                        ("date_of_birth", models.DateField(blank=True, null=True)),
                        ("email", models.EmailField(blank=True, max_length=254)),
                        ("phone", models.CharField(blank=True, max_length=30)),
                        ("address", models.TextField(blank=True)),
                        ("postcode", models.CharField(blank=True, max_length=10)),
                        ("current_sponsor_name", models.CharField(blank=True, max_length=200)),
                        ("curtailment_letter_date", models.DateField(blank=True, null=True)),
                        ("visa_expiry", models.DateField(blank=True, null=True)),
                        ("leave_end", models.DateField(blank=True, null=True)),
                        (
                            "pref_min_hours",
                            models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="fewest hours a week"),
                        ),
                        (
                            "pref_max_hours",
                            models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="most hours a week"),
                        ),
                        (
                            "can_drive",
                            models.BooleanField(blank=True, null=True, verbose_name="has a driving licence and a car"),
                        ),
                        (
                            "max_travel",
                            models.CharField(
                                choices=[
                                    ("district", "Only nearby (the same postcode district, like B1)"),
                                    ("area", "Within the postcode area (like all of B)"),
                                    ("region", "Anywhere in the region"),
                                ],
                                default="region",
                                max_length=10,
                                verbose_name="how far they can travel",
                            ),
                        ),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        ("closed_at", models.DateTimeField(blank=True, null=True)),
                        ("placed_at", models.DateField(blank=True, null=True)),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "hub",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="hubs.hub",
                            ),
                        ),
                        (
                            "owner",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "pgh_context",
                            models.ForeignKey(
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="pghistory.context",
                            ),
                        ),
                        (
                            "pgh_obj",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="events",
                                to="rematch.rematchrequest",
                            ),
                        ),
                        (
                            "provider",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="providers.provider",
                            ),
                        ),
                        (
                            "recruit",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="recruits.recruit",
                            ),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="hubs.region",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "recruits_rematchrequestevent",
                        "abstract": False,
                    },
                ),
                migrations.CreateModel(
                    name="Vacancy",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("title", models.CharField(max_length=200)),
                        (
                            "job_role",
                            models.CharField(
                                choices=[
                                    ("care_worker", "Care worker"),
                                    ("senior_care_worker", "Senior care worker"),
                                    ("nurse", "Nurse"),
                                    ("other", "Other"),
                                ],
                                default="care_worker",
                                max_length=20,
                            ),
                        ),
                        ("occupation_code", models.CharField(max_length=4, verbose_name="occupation code (SOC 2020)")),
                        (
                            "hours_per_week",
                            models.DecimalField(
                                decimal_places=1,
                                max_digits=4,
                                validators=[
                                    django.core.validators.MinValueValidator(1, "Enter at least 1 hour a week.")
                                ],
                            ),
                        ),
                        (
                            "pay_per_hour",
                            models.DecimalField(decimal_places=2, max_digits=6, verbose_name="pay per hour (£)"),
                        ),
                        (
                            "pay_per_year",
                            models.DecimalField(decimal_places=2, max_digits=9, verbose_name="pay per year (£)"),
                        ),
                        ("postcode", models.CharField(max_length=10)),
                        (
                            "shift_pattern",
                            models.CharField(
                                choices=[
                                    ("days", "Days"),
                                    ("nights", "Nights"),
                                    ("long_days", "Long days (12 hours)"),
                                    ("rotating", "Rotating days and nights"),
                                    ("flexible", "Flexible or variable"),
                                ],
                                default="days",
                                max_length=10,
                            ),
                        ),
                        (
                            "driving_required",
                            models.BooleanField(default=False, verbose_name="driving licence and car needed"),
                        ),
                        ("start_date", models.DateField()),
                        ("sponsorship_offered", models.BooleanField(default=True)),
                        (
                            "posts",
                            models.PositiveSmallIntegerField(
                                default=1,
                                validators=[django.core.validators.MinValueValidator(1, "Enter at least 1 post.")],
                                verbose_name="number of posts",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[("open", "Open"), ("filled", "Filled"), ("withdrawn", "Withdrawn")],
                                default="open",
                                max_length=10,
                            ),
                        ),
                        ("below_pay_threshold", models.BooleanField(default=False)),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "provider",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="vacancies",
                                to="providers.provider",
                            ),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT, related_name="vacancies", to="hubs.region"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name_plural": "vacancies",
                        "db_table": "providers_vacancy",
                        "ordering": ["-created_at", "-id"],
                    },
                ),
                migrations.CreateModel(
                    name="PoolRequestHistory",
                    fields=[
                        ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                        ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                        ("pgh_label", models.TextField(help_text="The event label.")),
                        ("id", models.BigIntegerField()),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("open", "Waiting for the hub"),
                                    ("shortlisted", "Shortlist sent"),
                                    ("none_available", "No displaced worker available"),
                                    ("hired", "Hired from the pool"),
                                    ("none_suitable", "Nobody suitable: confirmation to issue"),
                                    ("confirmed", "Confirmation issued"),
                                    ("closed", "Closed: UKVI told"),
                                ],
                                default="open",
                                max_length=16,
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("answered_at", models.DateTimeField(blank=True, null=True)),
                        ("none_available_reason", models.TextField(blank=True)),
                        ("closed_at", models.DateTimeField(blank=True, null=True)),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False)),
                        (
                            "pgh_context",
                            models.ForeignKey(
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="pghistory.context",
                            ),
                        ),
                        (
                            "pgh_obj",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="history",
                                to="rematch.poolrequest",
                            ),
                        ),
                        (
                            "provider",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="providers.provider",
                            ),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="hubs.region",
                            ),
                        ),
                        (
                            "requested_by",
                            models.ForeignKey(
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "vacancy",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="rematch.vacancy",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "providers_poolrequesthistory",
                        "abstract": False,
                    },
                ),
                migrations.AddField(
                    model_name="poolrequest",
                    name="vacancy",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="pool_requests", to="rematch.vacancy"
                    ),
                ),
                migrations.CreateModel(
                    name="IntroductionEvent",
                    fields=[
                        ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                        ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                        ("pgh_label", models.TextField(help_text="The event label.")),
                        ("id", models.BigIntegerField()),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("introduced", "Introduced"),
                                    ("offered", "Offered"),
                                    ("declined", "Declined"),
                                    ("withdrawn", "Withdrawn"),
                                    ("placed", "Placed"),
                                ],
                                default="introduced",
                                max_length=10,
                            ),
                        ),
                        ("consent_at", models.DateTimeField()),
                        ("consent_how", models.CharField(max_length=200)),
                        ("token_hash", models.CharField(max_length=64)),
                        ("expires_at", models.DateTimeField()),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "created_by",
                            models.ForeignKey(
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "pgh_context",
                            models.ForeignKey(
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="pghistory.context",
                            ),
                        ),
                        (
                            "pgh_obj",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="events",
                                to="rematch.introduction",
                            ),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="hubs.region",
                            ),
                        ),
                        (
                            "request",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="rematch.rematchrequest",
                            ),
                        ),
                        (
                            "vacancy",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="rematch.vacancy",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "recruits_introductionevent",
                        "abstract": False,
                    },
                ),
                migrations.AddField(
                    model_name="introduction",
                    name="vacancy",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="introductions", to="rematch.vacancy"
                    ),
                ),
                migrations.CreateModel(
                    name="VacancyEvent",
                    fields=[
                        ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                        ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                        ("pgh_label", models.TextField(help_text="The event label.")),
                        ("id", models.BigIntegerField()),
                        ("title", models.CharField(max_length=200)),
                        (
                            "job_role",
                            models.CharField(
                                choices=[
                                    ("care_worker", "Care worker"),
                                    ("senior_care_worker", "Senior care worker"),
                                    ("nurse", "Nurse"),
                                    ("other", "Other"),
                                ],
                                default="care_worker",
                                max_length=20,
                            ),
                        ),
                        ("occupation_code", models.CharField(max_length=4, verbose_name="occupation code (SOC 2020)")),
                        (
                            "hours_per_week",
                            models.DecimalField(
                                decimal_places=1,
                                max_digits=4,
                                validators=[
                                    django.core.validators.MinValueValidator(1, "Enter at least 1 hour a week.")
                                ],
                            ),
                        ),
                        (
                            "pay_per_hour",
                            models.DecimalField(decimal_places=2, max_digits=6, verbose_name="pay per hour (£)"),
                        ),
                        (
                            "pay_per_year",
                            models.DecimalField(decimal_places=2, max_digits=9, verbose_name="pay per year (£)"),
                        ),
                        ("postcode", models.CharField(max_length=10)),
                        (
                            "shift_pattern",
                            models.CharField(
                                choices=[
                                    ("days", "Days"),
                                    ("nights", "Nights"),
                                    ("long_days", "Long days (12 hours)"),
                                    ("rotating", "Rotating days and nights"),
                                    ("flexible", "Flexible or variable"),
                                ],
                                default="days",
                                max_length=10,
                            ),
                        ),
                        (
                            "driving_required",
                            models.BooleanField(default=False, verbose_name="driving licence and car needed"),
                        ),
                        ("start_date", models.DateField()),
                        ("sponsorship_offered", models.BooleanField(default=True)),
                        (
                            "posts",
                            models.PositiveSmallIntegerField(
                                default=1,
                                validators=[django.core.validators.MinValueValidator(1, "Enter at least 1 post.")],
                                verbose_name="number of posts",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[("open", "Open"), ("filled", "Filled"), ("withdrawn", "Withdrawn")],
                                default="open",
                                max_length=10,
                            ),
                        ),
                        ("below_pay_threshold", models.BooleanField(default=False)),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "pgh_context",
                            models.ForeignKey(
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="pghistory.context",
                            ),
                        ),
                        (
                            "pgh_obj",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="events",
                                to="rematch.vacancy",
                            ),
                        ),
                        (
                            "provider",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="providers.provider",
                            ),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="hubs.region",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "providers_vacancyevent",
                        "abstract": False,
                    },
                ),
                migrations.AddIndex(
                    model_name="rematchrequest",
                    index=models.Index(
                        condition=models.Q(("status__in", ["new", "triage", "searching", "introduced", "offered"])),
                        fields=["region", "leave_end", "id"],
                        name="rematch_open_by_leave_end",
                    ),
                ),
                migrations.AddIndex(
                    model_name="rematchrequest",
                    index=models.Index(fields=["region", "status"], name="rematch_region_status"),
                ),
                migrations.AddIndex(
                    model_name="rematchrequest",
                    index=models.Index(fields=["region", "-created_at"], name="rematch_region_created"),
                ),
                migrations.AddIndex(
                    model_name="rematchrequest",
                    index=models.Index(fields=["provider", "status"], name="rematch_provider_status"),
                ),
                migrations.AddIndex(
                    model_name="rematchrequest",
                    index=models.Index(fields=["recruit", "status"], name="rematch_recruit_status"),
                ),
                migrations.AddIndex(
                    model_name="rematchevent",
                    index=models.Index(fields=["request", "-at"], name="rematch_event_request_at"),
                ),
                migrations.AddIndex(
                    model_name="handover",
                    index=models.Index(fields=["from_region", "status"], name="handover_from_status"),
                ),
                migrations.AddIndex(
                    model_name="handover",
                    index=models.Index(fields=["to_region", "status"], name="handover_to_status"),
                ),
                migrations.AddIndex(
                    model_name="vacancy",
                    index=models.Index(
                        condition=models.Q(("status", "open")),
                        fields=["region", "job_role", "id"],
                        name="vacancy_open_by_role",
                    ),
                ),
                migrations.AddIndex(
                    model_name="vacancy",
                    index=models.Index(fields=["region", "-id"], name="vacancy_region_recent"),
                ),
                migrations.AddIndex(
                    model_name="vacancy",
                    index=models.Index(fields=["provider", "status"], name="vacancy_provider_status"),
                ),
                migrations.AddIndex(
                    model_name="poolrequest",
                    index=models.Index(fields=["region", "status", "-id"], name="pool_region_status"),
                ),
                migrations.AddIndex(
                    model_name="poolrequest",
                    index=models.Index(fields=["provider", "-id"], name="pool_provider_recent"),
                ),
                migrations.AddIndex(
                    model_name="introduction",
                    index=models.Index(fields=["region", "-created_at"], name="introduction_region_created"),
                ),
                migrations.AddIndex(
                    model_name="introduction",
                    index=models.Index(fields=["vacancy", "status"], name="introduction_vacancy_status"),
                ),
                migrations.AddConstraint(
                    model_name="introduction",
                    constraint=models.UniqueConstraint(
                        fields=("request", "vacancy"), name="introduction_once_per_vacancy"
                    ),
                ),
            ],
        ),
        migrations.RunPython(content_types_move, content_types_move_back),
        # A trigger's name carries a hash of its model's app label, so the moved models get new
        # triggers; recruits/0012 and providers/0008-0009 remove the old ones.
        pgtrigger.migrations.AddTrigger(
            model_name="poolevent",
            trigger=pgtrigger.compiler.Trigger(
                name="pool_event_append_only",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;",
                    hash="5150be179f9262d71050810fe74331e88c637af2",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_pool_event_append_only_3373d",
                    table="providers_poolevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="poolconfirmation",
            trigger=pgtrigger.compiler.Trigger(
                name="pool_confirmation_sent_is_evidence",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition='WHEN (OLD."ukvi_told_on" IS NOT NULL)',
                    func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;",
                    hash="17472716e5ab853ecb742dca53fa05787da6062d",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_pool_confirmation_sent_is_evidence_c0a91",
                    table="providers_poolconfirmation",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="poolconfirmation",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "providers_poolconfirmationevent" ("id", "issued_at", "issued_by_id", "number", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "pool_request_id", "ukvi_told_by_id", "ukvi_told_on") VALUES (NEW."id", NEW."issued_at", NEW."issued_by_id", NEW."number", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."pool_request_id", NEW."ukvi_told_by_id", NEW."ukvi_told_on"); RETURN NULL;',
                    hash="7207b06421d07dd76e4d61c317a5f8ddf954ee30",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_769c7",
                    table="providers_poolconfirmation",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="poolconfirmation",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "providers_poolconfirmationevent" ("id", "issued_at", "issued_by_id", "number", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "pool_request_id", "ukvi_told_by_id", "ukvi_told_on") VALUES (NEW."id", NEW."issued_at", NEW."issued_by_id", NEW."number", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."pool_request_id", NEW."ukvi_told_by_id", NEW."ukvi_told_on"); RETURN NULL;',
                    hash="7f00d368c7587b02babaf3f811001c28e25907d2",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_9cbae",
                    table="providers_poolconfirmation",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="poolcandidate",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "providers_poolcandidateevent" ("decline_reason", "id", "introduction_id", "outcome", "outcome_at", "outcome_by_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "pool_request_id", "public_id") VALUES (NEW."decline_reason", NEW."id", NEW."introduction_id", NEW."outcome", NEW."outcome_at", NEW."outcome_by_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."pool_request_id", NEW."public_id"); RETURN NULL;',
                    hash="92b55ab79c28b743ddb505f51c6336e9f07ca895",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_f372b",
                    table="providers_poolcandidate",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="poolcandidate",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "providers_poolcandidateevent" ("decline_reason", "id", "introduction_id", "outcome", "outcome_at", "outcome_by_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "pool_request_id", "public_id") VALUES (NEW."decline_reason", NEW."id", NEW."introduction_id", NEW."outcome", NEW."outcome_at", NEW."outcome_by_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."pool_request_id", NEW."public_id"); RETURN NULL;',
                    hash="33df31d0db69a35bc7ecde6ee55f42312f49a1ad",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_83fc6",
                    table="providers_poolcandidate",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="rematchrequest",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "recruits_rematchrequestevent" ("address", "can_drive", "closed_at", "created_at", "created_by_id", "current_sponsor_name", "curtailment_letter_date", "date_of_birth", "door", "email", "family_name", "given_names", "hub_id", "id", "last_working_day", "leave_end", "max_travel", "outcome", "owner_id", "pending", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "phone", "placed_at", "postcode", "pref_max_hours", "pref_min_hours", "provider_id", "provider_requested", "public_id", "reason", "reason_details", "recruit_id", "region_id", "status", "updated_at", "visa_expiry") VALUES (NEW."address", NEW."can_drive", NEW."closed_at", NEW."created_at", NEW."created_by_id", NEW."current_sponsor_name", NEW."curtailment_letter_date", NEW."date_of_birth", NEW."door", NEW."email", NEW."family_name", NEW."given_names", NEW."hub_id", NEW."id", NEW."last_working_day", NEW."leave_end", NEW."max_travel", NEW."outcome", NEW."owner_id", NEW."pending", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."phone", NEW."placed_at", NEW."postcode", NEW."pref_max_hours", NEW."pref_min_hours", NEW."provider_id", NEW."provider_requested", NEW."public_id", NEW."reason", NEW."reason_details", NEW."recruit_id", NEW."region_id", NEW."status", NEW."updated_at", NEW."visa_expiry"); RETURN NULL;',
                    hash="abd978162742676d6a85d69385d1c4ce0881d59c",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_cb7ec",
                    table="recruits_rematchrequest",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="rematchrequest",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "recruits_rematchrequestevent" ("address", "can_drive", "closed_at", "created_at", "created_by_id", "current_sponsor_name", "curtailment_letter_date", "date_of_birth", "door", "email", "family_name", "given_names", "hub_id", "id", "last_working_day", "leave_end", "max_travel", "outcome", "owner_id", "pending", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "phone", "placed_at", "postcode", "pref_max_hours", "pref_min_hours", "provider_id", "provider_requested", "public_id", "reason", "reason_details", "recruit_id", "region_id", "status", "updated_at", "visa_expiry") VALUES (NEW."address", NEW."can_drive", NEW."closed_at", NEW."created_at", NEW."created_by_id", NEW."current_sponsor_name", NEW."curtailment_letter_date", NEW."date_of_birth", NEW."door", NEW."email", NEW."family_name", NEW."given_names", NEW."hub_id", NEW."id", NEW."last_working_day", NEW."leave_end", NEW."max_travel", NEW."outcome", NEW."owner_id", NEW."pending", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."phone", NEW."placed_at", NEW."postcode", NEW."pref_max_hours", NEW."pref_min_hours", NEW."provider_id", NEW."provider_requested", NEW."public_id", NEW."reason", NEW."reason_details", NEW."recruit_id", NEW."region_id", NEW."status", NEW."updated_at", NEW."visa_expiry"); RETURN NULL;',
                    hash="c06225eaa4ce50af1f087d8821e94520828e6df4",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_0af39",
                    table="recruits_rematchrequest",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="handover",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "recruits_handoverevent" ("asking_request_id", "created_at", "decided_at", "decided_by_id", "from_region_id", "id", "note", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "public_id", "recruit_id", "requested_by_id", "status", "to_region_id") VALUES (NEW."asking_request_id", NEW."created_at", NEW."decided_at", NEW."decided_by_id", NEW."from_region_id", NEW."id", NEW."note", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."public_id", NEW."recruit_id", NEW."requested_by_id", NEW."status", NEW."to_region_id"); RETURN NULL;',
                    hash="f58c401681951145e3893ed6a66a95e406712916",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_398b2",
                    table="recruits_handover",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="handover",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "recruits_handoverevent" ("asking_request_id", "created_at", "decided_at", "decided_by_id", "from_region_id", "id", "note", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "public_id", "recruit_id", "requested_by_id", "status", "to_region_id") VALUES (NEW."asking_request_id", NEW."created_at", NEW."decided_at", NEW."decided_by_id", NEW."from_region_id", NEW."id", NEW."note", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."public_id", NEW."recruit_id", NEW."requested_by_id", NEW."status", NEW."to_region_id"); RETURN NULL;',
                    hash="4ee4925ee6598b50bd8daee553d4f43468eb0427",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_f77b2",
                    table="recruits_handover",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="vacancy",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "providers_vacancyevent" ("below_pay_threshold", "created_at", "created_by_id", "driving_required", "hours_per_week", "id", "job_role", "occupation_code", "pay_per_hour", "pay_per_year", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "postcode", "posts", "provider_id", "public_id", "region_id", "shift_pattern", "sponsorship_offered", "start_date", "status", "title", "updated_at") VALUES (NEW."below_pay_threshold", NEW."created_at", NEW."created_by_id", NEW."driving_required", NEW."hours_per_week", NEW."id", NEW."job_role", NEW."occupation_code", NEW."pay_per_hour", NEW."pay_per_year", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."postcode", NEW."posts", NEW."provider_id", NEW."public_id", NEW."region_id", NEW."shift_pattern", NEW."sponsorship_offered", NEW."start_date", NEW."status", NEW."title", NEW."updated_at"); RETURN NULL;',
                    hash="30c53b9c8de9ff85b480428aaae3d3c958f3d788",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_b40d8",
                    table="providers_vacancy",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="vacancy",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "providers_vacancyevent" ("below_pay_threshold", "created_at", "created_by_id", "driving_required", "hours_per_week", "id", "job_role", "occupation_code", "pay_per_hour", "pay_per_year", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "postcode", "posts", "provider_id", "public_id", "region_id", "shift_pattern", "sponsorship_offered", "start_date", "status", "title", "updated_at") VALUES (NEW."below_pay_threshold", NEW."created_at", NEW."created_by_id", NEW."driving_required", NEW."hours_per_week", NEW."id", NEW."job_role", NEW."occupation_code", NEW."pay_per_hour", NEW."pay_per_year", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."postcode", NEW."posts", NEW."provider_id", NEW."public_id", NEW."region_id", NEW."shift_pattern", NEW."sponsorship_offered", NEW."start_date", NEW."status", NEW."title", NEW."updated_at"); RETURN NULL;',
                    hash="118e6848ae128c1aae5cfea1fdea9107ea2dc4b4",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_a3284",
                    table="providers_vacancy",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="poolrequest",
            trigger=pgtrigger.compiler.Trigger(
                name="pool_request_final_is_evidence",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.\"status\" IN ('hired', 'closed'))",
                    func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;",
                    hash="76b1144f410d247b7e583bf5a79345143211a79d",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_pool_request_final_is_evidence_39723",
                    table="providers_poolrequest",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="poolrequest",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "providers_poolrequesthistory" ("answered_at", "closed_at", "created_at", "id", "none_available_reason", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "provider_id", "public_id", "region_id", "requested_by_id", "status", "vacancy_id") VALUES (NEW."answered_at", NEW."closed_at", NEW."created_at", NEW."id", NEW."none_available_reason", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."provider_id", NEW."public_id", NEW."region_id", NEW."requested_by_id", NEW."status", NEW."vacancy_id"); RETURN NULL;',
                    hash="29901e16ede973867b46e7d3830f2c75e4de1e7d",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_505ed",
                    table="providers_poolrequest",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="poolrequest",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "providers_poolrequesthistory" ("answered_at", "closed_at", "created_at", "id", "none_available_reason", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "provider_id", "public_id", "region_id", "requested_by_id", "status", "vacancy_id") VALUES (NEW."answered_at", NEW."closed_at", NEW."created_at", NEW."id", NEW."none_available_reason", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."provider_id", NEW."public_id", NEW."region_id", NEW."requested_by_id", NEW."status", NEW."vacancy_id"); RETURN NULL;',
                    hash="4a5f5acc37b8016884e94b4761a7daab4d9655fc",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_9c630",
                    table="providers_poolrequest",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="introduction",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "recruits_introductionevent" ("consent_at", "consent_how", "created_at", "created_by_id", "expires_at", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "public_id", "region_id", "request_id", "status", "token_hash", "vacancy_id") VALUES (NEW."consent_at", NEW."consent_how", NEW."created_at", NEW."created_by_id", NEW."expires_at", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."public_id", NEW."region_id", NEW."request_id", NEW."status", NEW."token_hash", NEW."vacancy_id"); RETURN NULL;',
                    hash="494234e22e055941284296dd88381f0b6b8f2382",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_f72b4",
                    table="recruits_introduction",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="introduction",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "recruits_introductionevent" ("consent_at", "consent_how", "created_at", "created_by_id", "expires_at", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "public_id", "region_id", "request_id", "status", "token_hash", "vacancy_id") VALUES (NEW."consent_at", NEW."consent_how", NEW."created_at", NEW."created_by_id", NEW."expires_at", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."public_id", NEW."region_id", NEW."request_id", NEW."status", NEW."token_hash", NEW."vacancy_id"); RETURN NULL;',
                    hash="43cdbc5a00ebe4c9c01d0293891ce422be38a7b1",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_eafec",
                    table="recruits_introduction",
                    when="AFTER",
                ),
            ),
        ),
    ]

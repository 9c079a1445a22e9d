# Issue 21: pastoral support moves from training/ to pastoral/. No data moves: the models keep
# their tables (`db_table`), so they are created here in Django's state only. Their history
# triggers are installed again under the new app label (pgtrigger names a trigger by a hash of
# "<app_label>.<Model>:<name>"); training/0009 drops the old ones. Reminders and permissions
# point at these models through django_content_type, whose rows are renamed to the new label.

import uuid

import django.contrib.postgres.fields
import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models

MOVED = [
    "appointment",
    "appointmentevent",
    "booklet",
    "bookletrender",
    "bookletsection",
    "bookletversion",
    "checkin",
    "checkinanswers",
    "checkinanswersevent",
    "concern",
    "concernaction",
    "concernevent",
    "pastoralplan",
    "pastoralplanevent",
    "pastoralsettings",
    "signpost",
]


def content_types_to_pastoral(apps, schema_editor):
    _relabel(apps, old="training", new="pastoral")


def content_types_to_training(apps, schema_editor):
    _relabel(apps, old="pastoral", new="training")


def _relabel(apps, *, old, new):
    # A fresh database has no rows yet: post_migrate creates them after the last migration. A row
    # already under the new label (not expected) is left alone rather than merged.
    ContentType = apps.get_model("contenttypes", "ContentType")
    taken = set(ContentType.objects.filter(app_label=new, model__in=MOVED).values_list("model", flat=True))
    ContentType.objects.filter(app_label=old, model__in=set(MOVED) - taken).update(app_label=new)
    ContentType.objects.clear_cache()


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("hubs", "0004_cache_table"),
        ("pghistory", "0007_auto_20250421_0444"),
        ("providers", "0007_pool_none_available_reason"),
        ("recruits", "0011_document_kinds_with_retention"),
        ("training", "0008_merge_pastoral_and_resource_documents"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PastoralSettings",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "steps",
                            django.contrib.postgres.fields.ArrayField(
                                base_field=models.CharField(max_length=4), default=list
                            ),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "hub",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="pastoral_settings",
                                to="hubs.hub",
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
                        "db_table": "training_pastoralsettings",
                        "indexes": [models.Index(fields=["region"], name="training_pa_region__f659c4_idx")],
                    },
                ),
                migrations.CreateModel(
                    name="Signpost",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("order", models.PositiveSmallIntegerField(default=0)),
                        ("name", models.CharField(max_length=120)),
                        ("description", models.CharField(blank=True, max_length=300)),
                        ("phone", models.CharField(blank=True, max_length=40)),
                        ("url", models.URLField(blank=True, verbose_name="web address")),
                        (
                            "hub",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="signposts", to="hubs.hub"
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
                        "db_table": "training_signpost",
                        "ordering": ["hub", "order", "id"],
                        "indexes": [
                            models.Index(fields=["region", "hub", "order"], name="training_si_region__04f7f8_idx")
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="PastoralPlan",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("start_date", models.DateField()),
                        ("end_date", models.DateField()),
                        (
                            "steps",
                            django.contrib.postgres.fields.ArrayField(
                                base_field=models.CharField(max_length=4), default=list
                            ),
                        ),
                        ("manager_name", models.CharField(blank=True, max_length=150)),
                        ("manager_phone", models.CharField(blank=True, max_length=40)),
                        ("manager_email", models.EmailField(blank=True, max_length=254)),
                        (
                            "status",
                            models.CharField(
                                choices=[("active", "Active"), ("finished", "Finished"), ("closed", "Closed early")],
                                default="active",
                                max_length=10,
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        (
                            "contact",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="pastoral contact",
                            ),
                        ),
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
                            "recruit",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="pastoral_plan",
                                to="recruits.recruit",
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
                        "db_table": "training_pastoralplan",
                        "indexes": [
                            models.Index(
                                fields=["region", "status", "start_date"], name="training_pa_region__7b403b_idx"
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="PastoralPlanEvent",
                    fields=[
                        ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                        ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                        ("pgh_label", models.TextField(help_text="The event label.")),
                        ("id", models.BigIntegerField()),
                        ("start_date", models.DateField()),
                        ("end_date", models.DateField()),
                        (
                            "steps",
                            django.contrib.postgres.fields.ArrayField(
                                base_field=models.CharField(max_length=4), default=list
                            ),
                        ),
                        ("manager_name", models.CharField(blank=True, max_length=150)),
                        ("manager_phone", models.CharField(blank=True, max_length=40)),
                        ("manager_email", models.EmailField(blank=True, max_length=254)),
                        (
                            "status",
                            models.CharField(
                                choices=[("active", "Active"), ("finished", "Finished"), ("closed", "Closed early")],
                                default="active",
                                max_length=10,
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False)),
                        (
                            "contact",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="pastoral contact",
                            ),
                        ),
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
                                to="pastoral.pastoralplan",
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
                        "db_table": "training_pastoralplanevent",
                        "abstract": False,
                    },
                ),
                migrations.CreateModel(
                    name="CheckIn",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("step", models.CharField(max_length=4)),
                        (
                            "plan",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="check_ins",
                                to="pastoral.pastoralplan",
                            ),
                        ),
                        ("due_date", models.DateField()),
                        (
                            "status",
                            models.CharField(
                                choices=[("due", "Due"), ("done", "Done"), ("cancelled", "No longer needed")],
                                default="due",
                                max_length=10,
                            ),
                        ),
                        ("done_on", models.DateField(blank=True, null=True)),
                        (
                            "method",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("call", "Phone call"),
                                    ("visit", "Visit"),
                                    ("video", "Video call"),
                                    ("self", "Recruit's own check-in"),
                                    ("employer", "Employer check-in"),
                                ],
                                max_length=10,
                            ),
                        ),
                        ("red", models.BooleanField(default=False)),
                        ("employer_note", models.TextField(blank=True)),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        (
                            "done_by",
                            models.ForeignKey(
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
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="providers.provider",
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
                        "db_table": "training_checkin",
                        "ordering": ["due_date", "id"],
                        "indexes": [
                            models.Index(
                                fields=["region", "status", "due_date"], name="training_ch_region__f2ba62_idx"
                            ),
                            models.Index(fields=["region", "red", "done_on"], name="training_ch_region__9b352c_idx"),
                            models.Index(fields=["plan", "due_date"], name="training_ch_plan_id_73deb4_idx"),
                        ],
                        "constraints": [models.UniqueConstraint(fields=("plan", "step"), name="check_in_unique_step")],
                    },
                ),
                migrations.CreateModel(
                    name="CheckInAnswers",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "feeling",
                            models.CharField(
                                choices=[
                                    ("good", "Good"),
                                    ("okay", "Okay"),
                                    ("not_good", "Not good"),
                                    ("struggling", "I am struggling"),
                                ],
                                max_length=12,
                            ),
                        ),
                        (
                            "pay_as_promised",
                            models.CharField(
                                choices=[("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")], max_length=10
                            ),
                        ),
                        (
                            "deductions",
                            models.CharField(
                                choices=[("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")], max_length=10
                            ),
                        ),
                        (
                            "hours_cut",
                            models.CharField(
                                choices=[("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")], max_length=10
                            ),
                        ),
                        (
                            "housing_tied",
                            models.CharField(
                                choices=[("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")], max_length=10
                            ),
                        ),
                        (
                            "documents_kept",
                            models.CharField(
                                choices=[("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")], max_length=10
                            ),
                        ),
                        (
                            "feel_safe",
                            models.CharField(
                                choices=[("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")], max_length=10
                            ),
                        ),
                        ("anything_else", models.TextField(blank=True)),
                        ("wants_call", models.BooleanField(default=False)),
                        ("hub_notes", models.TextField(blank=True)),
                        (
                            "red_flags",
                            django.contrib.postgres.fields.ArrayField(
                                base_field=models.CharField(max_length=12), blank=True, default=list
                            ),
                        ),
                        (
                            "check_in",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="answers",
                                to="pastoral.checkin",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "training_checkinanswers",
                    },
                ),
                migrations.CreateModel(
                    name="CheckInAnswersEvent",
                    fields=[
                        ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                        ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                        ("pgh_label", models.TextField(help_text="The event label.")),
                        ("id", models.BigIntegerField()),
                        (
                            "feeling",
                            models.CharField(
                                choices=[
                                    ("good", "Good"),
                                    ("okay", "Okay"),
                                    ("not_good", "Not good"),
                                    ("struggling", "I am struggling"),
                                ],
                                max_length=12,
                            ),
                        ),
                        (
                            "pay_as_promised",
                            models.CharField(
                                choices=[("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")], max_length=10
                            ),
                        ),
                        (
                            "deductions",
                            models.CharField(
                                choices=[("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")], max_length=10
                            ),
                        ),
                        (
                            "hours_cut",
                            models.CharField(
                                choices=[("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")], max_length=10
                            ),
                        ),
                        (
                            "housing_tied",
                            models.CharField(
                                choices=[("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")], max_length=10
                            ),
                        ),
                        (
                            "documents_kept",
                            models.CharField(
                                choices=[("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")], max_length=10
                            ),
                        ),
                        (
                            "feel_safe",
                            models.CharField(
                                choices=[("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")], max_length=10
                            ),
                        ),
                        ("anything_else", models.TextField(blank=True)),
                        ("wants_call", models.BooleanField(default=False)),
                        ("hub_notes", models.TextField(blank=True)),
                        (
                            "red_flags",
                            django.contrib.postgres.fields.ArrayField(
                                base_field=models.CharField(max_length=12), blank=True, default=list
                            ),
                        ),
                        (
                            "check_in",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="pastoral.checkin",
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
                                to="pastoral.checkinanswers",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "training_checkinanswersevent",
                        "abstract": False,
                    },
                ),
                migrations.CreateModel(
                    name="Concern",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "source",
                            models.CharField(
                                choices=[
                                    ("check_in", "A check-in"),
                                    ("help_button", "The recruit asked for help"),
                                    ("hub", "Recorded by the hub"),
                                ],
                                max_length=12,
                            ),
                        ),
                        (
                            "categories",
                            django.contrib.postgres.fields.ArrayField(
                                base_field=models.CharField(
                                    choices=[
                                        ("pay", "Pay below what was promised"),
                                        ("deductions", "Deductions or repayment demands"),
                                        ("documents", "Documents kept by the employer"),
                                        ("housing", "Housing tied to the job"),
                                        ("safety", "Safety"),
                                        ("hours", "Hours cut"),
                                        ("other", "Something else"),
                                    ],
                                    max_length=12,
                                ),
                                default=list,
                            ),
                        ),
                        ("summary", models.TextField()),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("open", "Open"),
                                    ("escalated", "Escalated to the lead"),
                                    ("closed", "Closed"),
                                ],
                                default="open",
                                max_length=10,
                            ),
                        ),
                        ("escalated_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "referral",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("", "No referral"),
                                    ("safeguarding", "Safeguarding referral"),
                                    ("modern_slavery", "Modern slavery referral"),
                                ],
                                max_length=16,
                            ),
                        ),
                        ("referral_on", models.DateField(blank=True, null=True, verbose_name="referral date")),
                        ("referral_reference", models.CharField(blank=True, max_length=100)),
                        ("outcome", models.TextField(blank=True)),
                        ("opened_at", models.DateTimeField(auto_now_add=True)),
                        ("closed_at", models.DateTimeField(blank=True, null=True)),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        (
                            "check_in",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="concerns",
                                to="pastoral.checkin",
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
                            "recruit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="concerns",
                                to="recruits.recruit",
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
                        "db_table": "training_concern",
                        "ordering": ["-opened_at", "-id"],
                        "indexes": [
                            models.Index(
                                fields=["region", "status", "-opened_at"], name="training_co_region__7dcd34_idx"
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="ConcernAction",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("at", models.DateTimeField(auto_now_add=True)),
                        ("text", models.TextField()),
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
                            "concern",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="actions",
                                to="pastoral.concern",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "training_concernaction",
                        "ordering": ["at", "id"],
                        "indexes": [models.Index(fields=["concern", "at"], name="training_co_concern_524a1c_idx")],
                    },
                ),
                migrations.CreateModel(
                    name="ConcernEvent",
                    fields=[
                        ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                        ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                        ("pgh_label", models.TextField(help_text="The event label.")),
                        ("id", models.BigIntegerField()),
                        (
                            "source",
                            models.CharField(
                                choices=[
                                    ("check_in", "A check-in"),
                                    ("help_button", "The recruit asked for help"),
                                    ("hub", "Recorded by the hub"),
                                ],
                                max_length=12,
                            ),
                        ),
                        (
                            "categories",
                            django.contrib.postgres.fields.ArrayField(
                                base_field=models.CharField(
                                    choices=[
                                        ("pay", "Pay below what was promised"),
                                        ("deductions", "Deductions or repayment demands"),
                                        ("documents", "Documents kept by the employer"),
                                        ("housing", "Housing tied to the job"),
                                        ("safety", "Safety"),
                                        ("hours", "Hours cut"),
                                        ("other", "Something else"),
                                    ],
                                    max_length=12,
                                ),
                                default=list,
                            ),
                        ),
                        ("summary", models.TextField()),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("open", "Open"),
                                    ("escalated", "Escalated to the lead"),
                                    ("closed", "Closed"),
                                ],
                                default="open",
                                max_length=10,
                            ),
                        ),
                        ("escalated_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "referral",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("", "No referral"),
                                    ("safeguarding", "Safeguarding referral"),
                                    ("modern_slavery", "Modern slavery referral"),
                                ],
                                max_length=16,
                            ),
                        ),
                        ("referral_on", models.DateField(blank=True, null=True, verbose_name="referral date")),
                        ("referral_reference", models.CharField(blank=True, max_length=100)),
                        ("outcome", models.TextField(blank=True)),
                        ("opened_at", models.DateTimeField(auto_now_add=True)),
                        ("closed_at", models.DateTimeField(blank=True, null=True)),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False)),
                        (
                            "check_in",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="pastoral.checkin",
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
                                to="pastoral.concern",
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
                        "db_table": "training_concernevent",
                        "abstract": False,
                    },
                ),
                migrations.CreateModel(
                    name="Appointment",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("starts_at", models.DateTimeField()),
                        ("minutes", models.PositiveSmallIntegerField(default=30)),
                        ("place", models.CharField(blank=True, max_length=200)),
                        ("video_link", models.URLField(blank=True)),
                        ("purpose", models.CharField(max_length=200)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("booked", "Booked"),
                                    ("rearrange", "Asked to rearrange"),
                                    ("cancelled", "Cancelled"),
                                    ("done", "Took place"),
                                ],
                                default="booked",
                                max_length=10,
                            ),
                        ),
                        ("rearrange_note", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        (
                            "booked_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "recruit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="appointments",
                                to="recruits.recruit",
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
                        "db_table": "training_appointment",
                        "ordering": ["starts_at", "id"],
                        "indexes": [
                            models.Index(fields=["region", "starts_at"], name="training_ap_region__d3e723_idx"),
                            models.Index(fields=["recruit", "starts_at"], name="training_ap_recruit_94b995_idx"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="AppointmentEvent",
                    fields=[
                        ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                        ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                        ("pgh_label", models.TextField(help_text="The event label.")),
                        ("id", models.BigIntegerField()),
                        ("starts_at", models.DateTimeField()),
                        ("minutes", models.PositiveSmallIntegerField(default=30)),
                        ("place", models.CharField(blank=True, max_length=200)),
                        ("video_link", models.URLField(blank=True)),
                        ("purpose", models.CharField(max_length=200)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("booked", "Booked"),
                                    ("rearrange", "Asked to rearrange"),
                                    ("cancelled", "Cancelled"),
                                    ("done", "Took place"),
                                ],
                                default="booked",
                                max_length=10,
                            ),
                        ),
                        ("rearrange_note", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False)),
                        (
                            "booked_by",
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
                                to="pastoral.appointment",
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
                        "db_table": "training_appointmentevent",
                        "abstract": False,
                    },
                ),
                migrations.CreateModel(
                    name="Booklet",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("title", models.CharField(default="Welcome booklet", max_length=200)),
                        ("language", models.CharField(default="en-GB", max_length=10)),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        (
                            "hub",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE, related_name="booklet", to="hubs.hub"
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
                        "db_table": "training_booklet",
                        "indexes": [models.Index(fields=["region"], name="training_bo_region__9478a2_idx")],
                    },
                ),
                migrations.CreateModel(
                    name="BookletVersion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("number", models.PositiveIntegerField()),
                        ("published_at", models.DateTimeField(auto_now_add=True)),
                        ("note", models.CharField(blank=True, max_length=200)),
                        (
                            "booklet",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="versions",
                                to="pastoral.booklet",
                            ),
                        ),
                        (
                            "published_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "training_bookletversion",
                        "ordering": ["booklet", "-number"],
                        "constraints": [
                            models.UniqueConstraint(fields=("booklet", "number"), name="booklet_version_unique_number")
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="BookletSection",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("order", models.PositiveSmallIntegerField(default=0)),
                        (
                            "topic",
                            models.CharField(
                                choices=[
                                    ("services", "Accessing key services and the GP"),
                                    ("housing", "Housing and bills"),
                                    ("council_tax", "Council tax"),
                                    ("tax", "Tax and National Insurance"),
                                    ("pensions", "Pensions"),
                                    ("bank", "Bank"),
                                    ("transport", "Transport"),
                                    ("community", "Community and faith groups"),
                                    ("rights", "Rights at work"),
                                    ("exploitation", "Getting help with exploitation"),
                                    ("contacts", "Local contacts"),
                                    ("other", "Other"),
                                ],
                                default="other",
                                max_length=14,
                            ),
                        ),
                        ("heading", models.CharField(max_length=200)),
                        ("body", models.TextField(blank=True, verbose_name="text (Markdown)")),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        (
                            "booklet",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="sections",
                                to="pastoral.booklet",
                            ),
                        ),
                        (
                            "version",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="sections",
                                to="pastoral.bookletversion",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "training_bookletsection",
                        "ordering": ["order", "id"],
                        "indexes": [
                            models.Index(fields=["booklet", "version", "order"], name="training_bo_booklet_2d42cf_idx")
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="BookletRender",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("fingerprint", models.CharField(max_length=64)),
                        ("content", models.BinaryField()),
                        ("rendered_at", models.DateTimeField(auto_now=True)),
                        (
                            "recruit",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="recruits.recruit"
                            ),
                        ),
                    ],
                    options={
                        "db_table": "training_bookletrender",
                    },
                ),
            ],
            database_operations=[],
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="appointment",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "training_appointmentevent" ("booked_by_id", "created_at", "id", "minutes", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "place", "public_id", "purpose", "rearrange_note", "recruit_id", "region_id", "starts_at", "status", "video_link") VALUES (NEW."booked_by_id", NEW."created_at", NEW."id", NEW."minutes", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."place", NEW."public_id", NEW."purpose", NEW."rearrange_note", NEW."recruit_id", NEW."region_id", NEW."starts_at", NEW."status", NEW."video_link"); RETURN NULL;',
                    hash="40f1be9601f0e0855bdbb7d0a0a0a90adc815500",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_c1393",
                    table="training_appointment",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="appointment",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "training_appointmentevent" ("booked_by_id", "created_at", "id", "minutes", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "place", "public_id", "purpose", "rearrange_note", "recruit_id", "region_id", "starts_at", "status", "video_link") VALUES (NEW."booked_by_id", NEW."created_at", NEW."id", NEW."minutes", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."place", NEW."public_id", NEW."purpose", NEW."rearrange_note", NEW."recruit_id", NEW."region_id", NEW."starts_at", NEW."status", NEW."video_link"); RETURN NULL;',
                    hash="36477a1bc1c4bcd8c57b363da1bf92aef4127f43",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_ecf89",
                    table="training_appointment",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="checkinanswers",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "training_checkinanswersevent" ("anything_else", "check_in_id", "deductions", "documents_kept", "feel_safe", "feeling", "hours_cut", "housing_tied", "hub_notes", "id", "pay_as_promised", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "red_flags", "wants_call") VALUES (NEW."anything_else", NEW."check_in_id", NEW."deductions", NEW."documents_kept", NEW."feel_safe", NEW."feeling", NEW."hours_cut", NEW."housing_tied", NEW."hub_notes", NEW."id", NEW."pay_as_promised", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."red_flags", NEW."wants_call"); RETURN NULL;',
                    hash="09051c8df5c98d194ed705198069acc8ef7a2d55",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_d04ab",
                    table="training_checkinanswers",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="checkinanswers",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "training_checkinanswersevent" ("anything_else", "check_in_id", "deductions", "documents_kept", "feel_safe", "feeling", "hours_cut", "housing_tied", "hub_notes", "id", "pay_as_promised", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "red_flags", "wants_call") VALUES (NEW."anything_else", NEW."check_in_id", NEW."deductions", NEW."documents_kept", NEW."feel_safe", NEW."feeling", NEW."hours_cut", NEW."housing_tied", NEW."hub_notes", NEW."id", NEW."pay_as_promised", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."red_flags", NEW."wants_call"); RETURN NULL;',
                    hash="b3f435f736efe5c6e84179a5efe3c173fe9ce12b",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_c30dd",
                    table="training_checkinanswers",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="concern",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "training_concernevent" ("categories", "check_in_id", "closed_at", "escalated_at", "id", "opened_at", "outcome", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "public_id", "recruit_id", "referral", "referral_on", "referral_reference", "region_id", "source", "status", "summary") VALUES (NEW."categories", NEW."check_in_id", NEW."closed_at", NEW."escalated_at", NEW."id", NEW."opened_at", NEW."outcome", NEW."owner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."public_id", NEW."recruit_id", NEW."referral", NEW."referral_on", NEW."referral_reference", NEW."region_id", NEW."source", NEW."status", NEW."summary"); RETURN NULL;',
                    hash="08f7ea8734db2711f0548d341bed520da9981903",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_06a63",
                    table="training_concern",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="concern",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "training_concernevent" ("categories", "check_in_id", "closed_at", "escalated_at", "id", "opened_at", "outcome", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "public_id", "recruit_id", "referral", "referral_on", "referral_reference", "region_id", "source", "status", "summary") VALUES (NEW."categories", NEW."check_in_id", NEW."closed_at", NEW."escalated_at", NEW."id", NEW."opened_at", NEW."outcome", NEW."owner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."public_id", NEW."recruit_id", NEW."referral", NEW."referral_on", NEW."referral_reference", NEW."region_id", NEW."source", NEW."status", NEW."summary"); RETURN NULL;',
                    hash="eb91efb29383f9122692d3d1dc9c4c4ab3bc403f",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_26000",
                    table="training_concern",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="pastoralplan",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "training_pastoralplanevent" ("contact_id", "created_at", "created_by_id", "end_date", "hub_id", "id", "manager_email", "manager_name", "manager_phone", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "public_id", "recruit_id", "region_id", "start_date", "status", "steps") VALUES (NEW."contact_id", NEW."created_at", NEW."created_by_id", NEW."end_date", NEW."hub_id", NEW."id", NEW."manager_email", NEW."manager_name", NEW."manager_phone", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."public_id", NEW."recruit_id", NEW."region_id", NEW."start_date", NEW."status", NEW."steps"); RETURN NULL;',
                    hash="3de30707b8cf0f9b54905cbadcadc72ac3964faf",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_0abbc",
                    table="training_pastoralplan",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="pastoralplan",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "training_pastoralplanevent" ("contact_id", "created_at", "created_by_id", "end_date", "hub_id", "id", "manager_email", "manager_name", "manager_phone", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "public_id", "recruit_id", "region_id", "start_date", "status", "steps") VALUES (NEW."contact_id", NEW."created_at", NEW."created_by_id", NEW."end_date", NEW."hub_id", NEW."id", NEW."manager_email", NEW."manager_name", NEW."manager_phone", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."public_id", NEW."recruit_id", NEW."region_id", NEW."start_date", NEW."status", NEW."steps"); RETURN NULL;',
                    hash="c30e7d274a4c0805ce447daef74016cad2c8d8ed",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_436aa",
                    table="training_pastoralplan",
                    when="AFTER",
                ),
            ),
        ),
        migrations.RunPython(content_types_to_pastoral, content_types_to_training),
    ]

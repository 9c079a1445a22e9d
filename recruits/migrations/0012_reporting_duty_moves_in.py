"""`ReportingDuty` moves from providers/ to recruits/ (issue 14) without moving a row.

A duty is about one of the provider's workers, so it sits above providers (see
docs/ARCHITECTURE.md, "Layers"). The model keeps its tables (`providers_reportingduty`, and
`providers_reportingdutyevent` for its history): this migration only tells Django's state that
the model now lives here (`providers/0008_reporting_duty_moves_out` removes it from providers'
state). The history triggers are named after the app label (pgtrigger's pgid hashes
`<app>.<Model>:<name>`), so the ones created here replace the old ones, which providers/0008
drops. The content types are renamed in place: the reminders of a duty point at it through
its content type, and would otherwise be cancelled as being about nothing.
"""

import uuid

import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models

MODELS = ["reportingduty", "reportingdutyevent"]


def _rename_content_types(apps, schema_editor, *, source: str, target: str) -> None:
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(schema_editor.connection.alias)
    for model in MODELS:
        if not content_types.filter(app_label=target, model=model).exists():
            content_types.filter(app_label=source, model=model).update(app_label=target)


def content_types_forwards(apps, schema_editor) -> None:
    _rename_content_types(apps, schema_editor, source="providers", target="recruits")


def content_types_backwards(apps, schema_editor) -> None:
    _rename_content_types(apps, schema_editor, source="recruits", target="providers")


class Migration(migrations.Migration):
    dependencies = [
        # The tables exist already: providers/0002 created them.
        ("providers", "0002_licencechange_licencechangeevent_reportingduty_and_more"),
        ("recruits", "0011_document_kinds_with_retention"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("hubs", "0001_initial"),
        ("pghistory", "0007_auto_20250421_0444"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ReportingDuty",
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
                                    ("did_not_start", "Worker did not start"),
                                    ("unauthorised_absence", "Unauthorised absence over 10 working days"),
                                    ("pay_cut", "Pay cut below the CoS salary"),
                                    ("job_change", "Change of job, duties or work location"),
                                    ("unpaid_absence", "Unpaid absence over 4 weeks in a year"),
                                    ("employment_ended", "Employment ended"),
                                    ("organisation_change", "Change to the organisation"),
                                ],
                                max_length=24,
                            ),
                        ),
                        (
                            "event_date",
                            models.DateField(help_text="The day the event happened (for an absence: its first day)."),
                        ),
                        ("deadline", models.DateField(verbose_name="report by")),
                        ("details", models.TextField(blank=True)),
                        ("reported_on", models.DateField(blank=True, null=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
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
                                related_name="duties",
                                to="providers.provider",
                            ),
                        ),
                        (
                            "recruit",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="duties",
                                to="recruits.recruit",
                            ),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="hubs.region"
                            ),
                        ),
                        (
                            "reported_by",
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
                        "verbose_name_plural": "reporting duties",
                        "db_table": "providers_reportingduty",
                        "ordering": ["deadline", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="ReportingDutyEvent",
                    fields=[
                        ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                        ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                        ("pgh_label", models.TextField(help_text="The event label.")),
                        ("id", models.BigIntegerField()),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("did_not_start", "Worker did not start"),
                                    ("unauthorised_absence", "Unauthorised absence over 10 working days"),
                                    ("pay_cut", "Pay cut below the CoS salary"),
                                    ("job_change", "Change of job, duties or work location"),
                                    ("unpaid_absence", "Unpaid absence over 4 weeks in a year"),
                                    ("employment_ended", "Employment ended"),
                                    ("organisation_change", "Change to the organisation"),
                                ],
                                max_length=24,
                            ),
                        ),
                        (
                            "event_date",
                            models.DateField(help_text="The day the event happened (for an absence: its first day)."),
                        ),
                        ("deadline", models.DateField(verbose_name="report by")),
                        ("details", models.TextField(blank=True)),
                        ("reported_on", models.DateField(blank=True, null=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False)),
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
                                to="recruits.reportingduty",
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
                        (
                            "reported_by",
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
                    ],
                    options={
                        "db_table": "providers_reportingdutyevent",
                        "abstract": False,
                    },
                ),
                migrations.AddIndex(
                    model_name="reportingduty",
                    index=models.Index(
                        condition=models.Q(("reported_on__isnull", True)),
                        fields=["region", "deadline"],
                        name="duty_open_by_region",
                    ),
                ),
                migrations.AddIndex(
                    model_name="reportingduty",
                    index=models.Index(fields=["provider", "deadline"], name="providers_r_provide_8729f5_idx"),
                ),
            ],
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="reportingduty",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "providers_reportingdutyevent" ("created_at", "created_by_id", "deadline", "details", "event_date", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "provider_id", "public_id", "recruit_id", "region_id", "reported_by_id", "reported_on") VALUES (NEW."created_at", NEW."created_by_id", NEW."deadline", NEW."details", NEW."event_date", NEW."id", NEW."kind", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."provider_id", NEW."public_id", NEW."recruit_id", NEW."region_id", NEW."reported_by_id", NEW."reported_on"); RETURN NULL;',
                    hash="dbc0a3895dac081e09f4df6b98d2707ae29e57d4",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_83593",
                    table="providers_reportingduty",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="reportingduty",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "providers_reportingdutyevent" ("created_at", "created_by_id", "deadline", "details", "event_date", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "provider_id", "public_id", "recruit_id", "region_id", "reported_by_id", "reported_on") VALUES (NEW."created_at", NEW."created_by_id", NEW."deadline", NEW."details", NEW."event_date", NEW."id", NEW."kind", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."provider_id", NEW."public_id", NEW."recruit_id", NEW."region_id", NEW."reported_by_id", NEW."reported_on"); RETURN NULL;',
                    hash="d659a1d4e6f831e146ce5991470be39639005420",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_4c07d",
                    table="providers_reportingduty",
                    when="AFTER",
                ),
            ),
        ),
        migrations.RunPython(content_types_forwards, content_types_backwards),
    ]

"""`Invitation` moves from accounts/ to this app (issue 14) without moving a row.

The model keeps its tables (`accounts_invitation`, and `accounts_invitationevent` for its
history): this migration only tells Django's state that the model now lives here
(`accounts/0005_invitation_moves_out` removes it from accounts' state). The history triggers
are named after the app label (pgtrigger's pgid hashes `<app>.<Model>:<name>`), so the ones
created here replace the old ones, which accounts/0005 drops. The content types are renamed
in place, so admin log entries and permissions keep pointing at the model.
"""

import uuid

import django.db.models.deletion
import django.utils.timezone
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models

MODELS = ["invitation", "invitationevent"]


def _rename_content_types(apps, schema_editor, *, source: str, target: str) -> None:
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(schema_editor.connection.alias)
    for model in MODELS:
        if not content_types.filter(app_label=target, model=model).exists():
            content_types.filter(app_label=source, model=model).update(app_label=target)


def content_types_forwards(apps, schema_editor) -> None:
    _rename_content_types(apps, schema_editor, source="accounts", target="invitations")


def content_types_backwards(apps, schema_editor) -> None:
    _rename_content_types(apps, schema_editor, source="invitations", target="accounts")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        # The tables exist already: accounts/0004 created them.
        ("accounts", "0004_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("hubs", "0001_initial"),
        ("pghistory", "0007_auto_20250421_0444"),
        ("providers", "0001_initial"),
        ("recruits", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Invitation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("email", models.EmailField(max_length=254)),
                        ("name", models.CharField(blank=True, max_length=200, verbose_name="full name")),
                        (
                            "role",
                            models.CharField(
                                choices=[
                                    ("national", "National network team"),
                                    ("lead", "Regional IR lead"),
                                    ("hub_staff", "Hub staff"),
                                    ("council", "Council officer"),
                                    ("provider_admin", "Provider administrator"),
                                    ("provider_staff", "Provider staff"),
                                    ("recruit", "Recruit"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("token_hash", models.CharField(editable=False, max_length=64, unique=True)),
                        ("expires_at", models.DateTimeField()),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("accepted_at", models.DateTimeField(blank=True, null=True)),
                        ("revoked_at", models.DateTimeField(blank=True, null=True)),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        (
                            "accepted_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "invited_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "local_authority",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="hubs.localauthority",
                            ),
                        ),
                        (
                            "provider",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="providers.provider",
                            ),
                        ),
                        (
                            "recruit",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="recruits.recruit",
                            ),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="hubs.region",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "accounts_invitation",
                        "ordering": ["-created_at"],
                    },
                ),
                migrations.CreateModel(
                    name="InvitationEvent",
                    fields=[
                        ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                        ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                        ("pgh_label", models.TextField(help_text="The event label.")),
                        ("id", models.BigIntegerField()),
                        ("email", models.EmailField(max_length=254)),
                        ("name", models.CharField(blank=True, max_length=200, verbose_name="full name")),
                        (
                            "role",
                            models.CharField(
                                choices=[
                                    ("national", "National network team"),
                                    ("lead", "Regional IR lead"),
                                    ("hub_staff", "Hub staff"),
                                    ("council", "Council officer"),
                                    ("provider_admin", "Provider administrator"),
                                    ("provider_staff", "Provider staff"),
                                    ("recruit", "Recruit"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("expires_at", models.DateTimeField()),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("accepted_at", models.DateTimeField(blank=True, null=True)),
                        ("revoked_at", models.DateTimeField(blank=True, null=True)),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False)),
                        (
                            "accepted_by",
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
                            "invited_by",
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
                            "local_authority",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="hubs.localauthority",
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
                                to="invitations.invitation",
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
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                related_query_name="+",
                                to="hubs.region",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "accounts_invitationevent",
                        "abstract": False,
                    },
                ),
                migrations.AddIndex(
                    model_name="invitation",
                    index=models.Index(fields=["region", "-created_at"], name="accounts_in_region__7a865d_idx"),
                ),
                migrations.AddConstraint(
                    model_name="invitation",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("region__isnull", True), ("role", "national")),
                            models.Q(("region__isnull", False), ("role__in", ["lead", "hub_staff"])),
                            models.Q(
                                ("local_authority__isnull", False), ("region__isnull", False), ("role", "council")
                            ),
                            models.Q(
                                ("provider__isnull", False),
                                ("region__isnull", False),
                                ("role__in", ["provider_admin", "provider_staff"]),
                            ),
                            models.Q(("recruit__isnull", False), ("region__isnull", False), ("role", "recruit")),
                            _connector="OR",
                        ),
                        name="invitation_scope_matches_role",
                    ),
                ),
            ],
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="invitation",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "accounts_invitationevent" ("accepted_at", "accepted_by_id", "created_at", "email", "expires_at", "id", "invited_by_id", "local_authority_id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "provider_id", "public_id", "recruit_id", "region_id", "revoked_at", "role") VALUES (NEW."accepted_at", NEW."accepted_by_id", NEW."created_at", NEW."email", NEW."expires_at", NEW."id", NEW."invited_by_id", NEW."local_authority_id", NEW."name", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."provider_id", NEW."public_id", NEW."recruit_id", NEW."region_id", NEW."revoked_at", NEW."role"); RETURN NULL;',
                    hash="d59d92c5816103c1ea0c29b5a1a070ea9a33d54c",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_453cf",
                    table="accounts_invitation",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="invitation",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition='WHEN (OLD."accepted_at" IS DISTINCT FROM (NEW."accepted_at") OR OLD."accepted_by_id" IS DISTINCT FROM (NEW."accepted_by_id") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."email" IS DISTINCT FROM (NEW."email") OR OLD."expires_at" IS DISTINCT FROM (NEW."expires_at") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."invited_by_id" IS DISTINCT FROM (NEW."invited_by_id") OR OLD."local_authority_id" IS DISTINCT FROM (NEW."local_authority_id") OR OLD."name" IS DISTINCT FROM (NEW."name") OR OLD."provider_id" IS DISTINCT FROM (NEW."provider_id") OR OLD."public_id" IS DISTINCT FROM (NEW."public_id") OR OLD."recruit_id" IS DISTINCT FROM (NEW."recruit_id") OR OLD."region_id" IS DISTINCT FROM (NEW."region_id") OR OLD."revoked_at" IS DISTINCT FROM (NEW."revoked_at") OR OLD."role" IS DISTINCT FROM (NEW."role"))',
                    func='INSERT INTO "accounts_invitationevent" ("accepted_at", "accepted_by_id", "created_at", "email", "expires_at", "id", "invited_by_id", "local_authority_id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "provider_id", "public_id", "recruit_id", "region_id", "revoked_at", "role") VALUES (NEW."accepted_at", NEW."accepted_by_id", NEW."created_at", NEW."email", NEW."expires_at", NEW."id", NEW."invited_by_id", NEW."local_authority_id", NEW."name", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."provider_id", NEW."public_id", NEW."recruit_id", NEW."region_id", NEW."revoked_at", NEW."role"); RETURN NULL;',
                    hash="9adb02ab8434c17250bea2c5043c0e3b7a83b63f",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_b597c",
                    table="accounts_invitation",
                    when="AFTER",
                ),
            ),
        ),
        migrations.RunPython(content_types_forwards, content_types_backwards),
    ]

"""`Invitation` leaves accounts/ for the invitations app (issue 14): see invitations/0001.

Only Django's state forgets the model here; its tables stay, now owned by invitations. The
history triggers named after the old app label are dropped (invitations/0001 installed the
new ones).
"""

import pgtrigger.migrations
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_initial"),
        ("invitations", "0001_initial"),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(model_name="invitation", name="insert_insert"),
        pgtrigger.migrations.RemoveTrigger(model_name="invitation", name="update_update"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(
                    model_name="invitation",
                    name="accounts_in_region__7a865d_idx",
                ),
                migrations.RemoveConstraint(
                    model_name="invitation",
                    name="invitation_scope_matches_role",
                ),
                migrations.RemoveField(
                    model_name="invitation",
                    name="accepted_by",
                ),
                migrations.RemoveField(
                    model_name="invitation",
                    name="invited_by",
                ),
                migrations.RemoveField(
                    model_name="invitation",
                    name="local_authority",
                ),
                migrations.RemoveField(
                    model_name="invitation",
                    name="provider",
                ),
                migrations.RemoveField(
                    model_name="invitation",
                    name="recruit",
                ),
                migrations.RemoveField(
                    model_name="invitation",
                    name="region",
                ),
                migrations.DeleteModel(
                    name="InvitationEvent",
                ),
                migrations.DeleteModel(
                    name="Invitation",
                ),
            ],
        ),
    ]

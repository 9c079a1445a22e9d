"""`ReportingDuty` leaves providers/ for recruits/ (issue 14): see recruits/0012.

Only Django's state forgets the model here; its tables stay, now owned by recruits. The history
triggers named after the old app label are dropped (recruits/0012 installed the new ones).
"""

import pgtrigger.migrations
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("providers", "0007_pool_none_available_reason"),
        ("recruits", "0012_reporting_duty_moves_in"),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(model_name="reportingduty", name="insert_insert"),
        pgtrigger.migrations.RemoveTrigger(model_name="reportingduty", name="update_update"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(
                    model_name="reportingduty",
                    name="duty_open_by_region",
                ),
                migrations.RemoveIndex(
                    model_name="reportingduty",
                    name="providers_r_provide_8729f5_idx",
                ),
                migrations.RemoveField(
                    model_name="reportingduty",
                    name="created_by",
                ),
                migrations.RemoveField(
                    model_name="reportingduty",
                    name="provider",
                ),
                migrations.RemoveField(
                    model_name="reportingduty",
                    name="recruit",
                ),
                migrations.RemoveField(
                    model_name="reportingduty",
                    name="region",
                ),
                migrations.RemoveField(
                    model_name="reportingduty",
                    name="reported_by",
                ),
                migrations.DeleteModel(
                    name="ReportingDutyEvent",
                ),
                migrations.DeleteModel(
                    name="ReportingDuty",
                ),
            ],
        ),
    ]

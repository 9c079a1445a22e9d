# Issue 21: pastoral support moved to pastoral/ (see pastoral/0001_initial, which installed the
# history triggers under their new names). Here the old triggers are dropped and the models leave
# training's state; their tables stay, now owned by pastoral/.

import pgtrigger.migrations
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("pastoral", "0001_initial"),
        ("training", "0008_merge_pastoral_and_resource_documents"),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(model_name="appointment", name="insert_insert"),
        pgtrigger.migrations.RemoveTrigger(model_name="appointment", name="update_update"),
        pgtrigger.migrations.RemoveTrigger(model_name="checkinanswers", name="insert_insert"),
        pgtrigger.migrations.RemoveTrigger(model_name="checkinanswers", name="update_update"),
        pgtrigger.migrations.RemoveTrigger(model_name="concern", name="insert_insert"),
        pgtrigger.migrations.RemoveTrigger(model_name="concern", name="update_update"),
        pgtrigger.migrations.RemoveTrigger(model_name="pastoralplan", name="insert_insert"),
        pgtrigger.migrations.RemoveTrigger(model_name="pastoralplan", name="update_update"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="AppointmentEvent"),
                migrations.DeleteModel(name="CheckInAnswersEvent"),
                migrations.DeleteModel(name="ConcernEvent"),
                migrations.DeleteModel(name="PastoralPlanEvent"),
                migrations.DeleteModel(name="BookletRender"),
                migrations.DeleteModel(name="BookletSection"),
                migrations.DeleteModel(name="BookletVersion"),
                migrations.DeleteModel(name="Booklet"),
                migrations.DeleteModel(name="ConcernAction"),
                migrations.DeleteModel(name="Concern"),
                migrations.DeleteModel(name="CheckInAnswers"),
                migrations.DeleteModel(name="CheckIn"),
                migrations.DeleteModel(name="PastoralPlan"),
                migrations.DeleteModel(name="Appointment"),
                migrations.DeleteModel(name="PastoralSettings"),
                migrations.DeleteModel(name="Signpost"),
            ],
            database_operations=[],
        ),
    ]

"""Vacancies now belong to rematch/ (issue 21).

The table stays (rematch/0001 took the model over in Django's state): here it leaves providers'
state only, after its old history triggers are dropped. It goes last, once nothing left in
recruits' or providers' state points at it (introductions and pool requests did).
"""

import pgtrigger.migrations
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("providers", "0008_pool_moves_to_rematch"),
        ("recruits", "0012_rematch_moves_to_its_app"),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(model_name="vacancy", name="insert_insert"),
        pgtrigger.migrations.RemoveTrigger(model_name="vacancy", name="update_update"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="VacancyEvent"),
                migrations.DeleteModel(name="Vacancy"),
            ],
        ),
    ]

"""Rematch requests, their timeline, introductions and hand-overs now belong to rematch/ (issue 21).

Their tables stay (rematch/0001 took the models over in Django's state): here they leave
recruits' state only, after their old triggers (named with a hash of the `recruits` label) are
dropped; rematch/0001 installed the same triggers under the new names.
"""

import pgtrigger.migrations
from django.db import migrations

TRACKED = ["rematchrequest", "introduction", "handover"]


class Migration(migrations.Migration):
    dependencies = [
        ("recruits", "0011_document_kinds_with_retention"),
        ("rematch", "0001_models_from_recruits_and_providers"),
        # The pool's candidates point at introductions: they leave providers' state first.
        ("providers", "0008_pool_moves_to_rematch"),
    ]

    operations = [
        *(
            pgtrigger.migrations.RemoveTrigger(model_name=model, name=name)
            for model in TRACKED
            for name in ("insert_insert", "update_update")
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="RematchRequestEvent"),
                migrations.DeleteModel(name="IntroductionEvent"),
                migrations.DeleteModel(name="HandoverEvent"),
                migrations.DeleteModel(name="RematchEvent"),
                migrations.DeleteModel(name="Handover"),
                migrations.DeleteModel(name="Introduction"),
                migrations.DeleteModel(name="RematchRequest"),
            ],
        ),
    ]

"""The displaced-worker pool now belongs to rematch/ (issue 21).

Its tables stay (rematch/0001 took the models over in Django's state): here they leave
providers' state only, after their old triggers (history and the append-only guards, named with a
hash of the `providers` label) are dropped; rematch/0001 installed the same triggers under the
new names.
"""

import pgtrigger.migrations
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("providers", "0007_pool_none_available_reason"),
        ("rematch", "0001_models_from_recruits_and_providers"),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(model_name="poolrequest", name="pool_request_final_is_evidence"),
        pgtrigger.migrations.RemoveTrigger(model_name="poolevent", name="pool_event_append_only"),
        pgtrigger.migrations.RemoveTrigger(model_name="poolconfirmation", name="pool_confirmation_sent_is_evidence"),
        *(
            pgtrigger.migrations.RemoveTrigger(model_name=model, name=name)
            for model in ("poolrequest", "poolcandidate", "poolconfirmation")
            for name in ("insert_insert", "update_update")
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="PoolRequestHistory"),
                migrations.DeleteModel(name="PoolCandidateEvent"),
                migrations.DeleteModel(name="PoolConfirmationEvent"),
                migrations.DeleteModel(name="PoolEvent"),
                migrations.DeleteModel(name="PoolCandidate"),
                migrations.DeleteModel(name="PoolConfirmation"),
                migrations.DeleteModel(name="PoolRequest"),
            ],
        ),
    ]

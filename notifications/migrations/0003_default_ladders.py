"""The default escalation ladders (notifications/kinds.py: DEFAULT_LADDERS) as rows."""

from django.db import migrations

LADDERS: dict[str, list[tuple[int, str, list[str]]]] = {
    "pastoral.check_in": [
        (-7, "subject", []),
        (0, "subject", []),
        (7, "provider", []),
        (7, "hub_staff", []),
        (14, "lead", []),
    ],
    "pastoral.appointment": [(-1, "subject", [])],
    "rematch.leave_end": [
        (-45, "owner", []),
        (-30, "owner", []),
        (-14, "owner", []),
        (-7, "owner", []),
        (-14, "lead", ["offered", "placed"]),
        (-7, "lead", ["offered", "placed"]),
    ],
    "compliance.step_due": [(0, "owner", []), (3, "owner", []), (7, "lead", [])],
    "compliance.case_opened": [(0, "lead", []), (0, "council", [])],
    "training.evidence_due": [(-7, "subject", []), (0, "subject", []), (1, "hub_staff", [])],
    "training.session": [(-1, "subject", [])],
    "providers.duty_due": [(-3, "provider", []), (0, "provider", []), (1, "hub_staff", []), (5, "lead", [])],
}


def seed(apps, schema_editor):
    LadderRung = apps.get_model("notifications", "LadderRung")
    for kind, rungs in LADDERS.items():
        for days, audience, skip_when in rungs:
            LadderRung.objects.get_or_create(kind=kind, days=days, audience=audience, defaults={"skip_when": skip_when})


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_inbox_ladders_preferences_feeds")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

"""The 16 Care Certificate standards (2025 version) and the topics suggested for a gap in each,
from training/data/ (copies, so a fresh clone needs nothing outside the repo)."""

import csv
from collections import defaultdict
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    Standard = apps.get_model("training", "CareCertificateStandard")
    topics = defaultdict(list)
    with open(DATA / "care_certificate_suggestions.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            topics[int(row["number"])].append(row["topic"])
    with open(DATA / "care_certificate_standards_2025.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            number = int(row["number"])
            Standard.objects.update_or_create(
                number=number,
                defaults={
                    "title": row["title"],
                    "confirmed": row["confirmed"] == "yes",
                    "suggested_topics": topics[number],
                },
            )


class Migration(migrations.Migration):
    dependencies = [("training", "0002_care_certificate_and_development_plan")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

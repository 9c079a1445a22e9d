"""The Code of Practice red list (WHO health workforce support and safeguards list 2023) and amber list.

Shipped from hubs/data/; superusers add new entries in the admin when the lists change.
"""

import csv
from datetime import date
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parents[2] / "hubs" / "data"
WHO_LIST_2023 = date(2023, 3, 23)  # NHS Employers published the 2023 lists on 23 March 2023


def load(apps, schema_editor):
    Country = apps.get_model("recruits", "CodeOfPracticeCountry")
    amber_since = {}
    with open(DATA / "code_of_practice_amber.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            amber_since[row["iso_alpha2"]] = (row["country_name"], date.fromisoformat(row["amber_since"]), row["basis"])
    with open(DATA / "who_ssl_2023.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["iso_alpha2"] in amber_since:
                continue
            Country.objects.get_or_create(
                iso_code=row["iso_alpha2"],
                code_list="red",
                effective_from=WHO_LIST_2023,
                defaults={
                    "name": row["country_name"],
                    "source": "WHO health workforce support and safeguards list 2023",
                },
            )
    for iso, (name, since, basis) in amber_since.items():
        Country.objects.get_or_create(
            iso_code=iso, code_list="amber", effective_from=since, defaults={"name": name, "source": basis[:300]}
        )


class Migration(migrations.Migration):
    dependencies = [("recruits", "0002_codeofpracticecountry_document_documentevent_and_more")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

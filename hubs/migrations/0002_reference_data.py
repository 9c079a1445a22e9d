"""The 9 English regions and the 153 councils with adult social care duties (hubs/data/)."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    Region = apps.get_model("hubs", "Region")
    LocalAuthority = apps.get_model("hubs", "LocalAuthority")
    with open(DATA / "regions.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            Region.objects.update_or_create(code=row["ons_code"], defaults={"name": row["name"]})
    regions = {region.code: region for region in Region.objects.all()}
    with open(DATA / "local_authorities_asc.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            LocalAuthority.objects.update_or_create(
                ons_code=row["ons_code"],
                defaults={
                    "name": row["name"],
                    "council_name": row["council_name"],
                    "la_type": row["la_type"],
                    "region": regions[row["region_code"]],
                },
            )


class Migration(migrations.Migration):
    dependencies = [("hubs", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

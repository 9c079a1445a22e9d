"""The database cache table: the cache itself without Redis, and its fallback while Redis is down."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("hubs", "0003_agency")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=False)]

"""`manage.py seed_scale --recruits N`: the national-scale data set (demo/scale.py)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from demo.scale import seed_scale


class Command(BaseCommand):
    help = "Create a national-scale data set for N recruits in bulk (does nothing when that N is already seeded)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--recruits", type=int, default=20_000, help="How many recruits (default 20,000).")

    def handle(self, *args: Any, **options: Any) -> None:
        recruits = options["recruits"]
        started = time.perf_counter()
        counts = seed_scale(recruits, log=lambda line: self.stdout.write(line))
        if counts is None:
            self.stdout.write(f"A data set for {recruits:,} recruits is already here; nothing to do.")
            return
        # As autovacuum would leave a database that has run for a while: the visibility map set, so the
        # planner can answer counts from an index alone. (Not in seed_scale itself: tests call it
        # inside a transaction, where VACUUM cannot run.)
        vacuumed = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
        self.stdout.write(f"VACUUM (ANALYZE) in {time.perf_counter() - vacuumed:.1f} s")
        self.stdout.write(f"Seeded {recruits:,} recruits in {time.perf_counter() - started:.1f} s:")
        for table, count in sorted(counts.items()):
            self.stdout.write(f"  {table:<40} {count:>10,}")

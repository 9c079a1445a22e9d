"""Import the public sponsor register: `manage.py import_sponsor_register [PATH_OR_URL]`.

Without an argument the source is the SPONSOR_REGISTER_SOURCE setting (env var of the same name).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from compliance.register import RegisterError, register_import


class Command(BaseCommand):
    help = "Import the Home Office register of licensed sponsors (workers) and raise alerts for changes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", nargs="?", help="A file path or an http(s) URL of the register CSV.")

    def handle(self, *args: Any, **options: Any) -> None:
        source = options["source"] or settings.SPONSOR_REGISTER_SOURCE
        if not source:
            raise CommandError(
                "Give the register's file path or URL, or set SPONSOR_REGISTER_SOURCE in the environment."
            )
        try:
            summary = register_import(source=source)
        except RegisterError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Imported {summary.rows} rows ({summary.organisations} organisations, "
            f"{summary.get_layout_display()} layout) in {summary.seconds:.1f} s: {summary.providers_checked} providers "
            f"checked, {summary.matched} matched, {summary.uncertain} to confirm, {summary.changes} changes."
        )

from typing import Any

from django.core.management.base import BaseCommand

from accounts.models import User
from demo.seed import demo_seed


class Command(BaseCommand):
    help = "Load the demo data set (idempotent). Never run this on a real deployment."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--if-empty", action="store_true", help="Only seed when there are no users yet.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and User.objects.exists():
            self.stdout.write("The database already has users: demo data not loaded.")
            return
        counts = demo_seed()
        self.stdout.write(self.style.SUCCESS("Demo data ready: " + ", ".join(f"{k} {v}" for k, v in counts.items())))

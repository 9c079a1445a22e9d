from typing import Any

from django.core.management.base import BaseCommand

from notifications.tasks import dispatch_due


class Command(BaseCommand):
    help = "Claim the reminders that are due now and enqueue their sends."

    def handle(self, *args: Any, **options: Any) -> None:
        count = dispatch_due()
        self.stdout.write(f"Dispatched {count} reminder(s).")

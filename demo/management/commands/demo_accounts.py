import json
from typing import Any

from django.core.management.base import BaseCommand

from demo.seed import demo_accounts


class Command(BaseCommand):
    help = "List the demo accounts (email, password, role, region, provider, totp_secret)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--json", action="store_true", help="Print a JSON list (the contract tests rely on).")

    def handle(self, *args: Any, **options: Any) -> None:
        accounts = demo_accounts()
        if options["json"]:
            self.stdout.write(json.dumps(accounts, indent=2))
            return
        for account in accounts:
            extra = f"  TOTP secret {account['totp_secret']}" if account["totp_secret"] else ""
            where = account["provider"] or account["region"] or "England"
            self.stdout.write(f"{account['role']:<15} {account['email']:<40} {where}{extra}")
        self.stdout.write(f"Password for every demo account: {accounts[0]['password']}")

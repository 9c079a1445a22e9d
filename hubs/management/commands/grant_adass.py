"""`manage.py grant_adass EMAIL REGION_CODE`: give an existing account the ADASS regional role.

ADASS regional members are not invited through the portal (no lead invites them): a superuser
grants the role here, as for national and lead accounts. `--revoke` takes it away.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hubs.models import Region
from hubs.roles import Role
from hubs.services import role_grant, role_revoke


class Command(BaseCommand):
    help = "Give an existing account the ADASS regional role on a region (ONS code, e.g. E12000005)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("region_code")
        parser.add_argument("--revoke", action="store_true", help="Take the role away instead.")

    def handle(self, *args: Any, email: str, region_code: str, revoke: bool, **options: Any) -> None:
        user = get_user_model().objects.filter(email__iexact=email).first()
        region = Region.objects.filter(code=region_code.upper()).first()
        if user is None or region is None:
            raise CommandError("No such account." if user is None else f"No region with the code {region_code}.")
        (role_revoke if revoke else role_grant)(user=user, role=Role.ADASS, scope_object=region)
        done = "no longer holds" if revoke else "now holds"
        self.stdout.write(f"{user.email} {done} the ADASS regional role for {region.name}.")

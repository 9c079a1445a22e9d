"""`manage.py grant_adass`: a superuser's way to give (and take) the ADASS regional role."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import User
from hubs.access import scope_for
from hubs.roles import Role
from tests.factories import region

pytestmark = pytest.mark.django_db


def test_it_grants_and_revokes_the_role_on_the_region() -> None:
    west_midlands = region("E12000005")
    user = User.objects.create_user(email="director@council.test", name="Dee Director")
    call_command("grant_adass", "director@council.test", "e12000005", stdout=StringIO())
    user = User.objects.get(pk=user.pk)
    assert scope_for(user).adass_regions == {west_midlands.pk}
    assert scope_for(user).primary_role == Role.ADASS
    call_command("grant_adass", "director@council.test", "E12000005", "--revoke", stdout=StringIO())
    assert not scope_for(User.objects.get(pk=user.pk)).adass_regions


def test_it_refuses_an_unknown_account_or_region() -> None:
    region("E12000005")
    with pytest.raises(CommandError, match="No such account"):
        call_command("grant_adass", "nobody@council.test", "E12000005", stdout=StringIO())

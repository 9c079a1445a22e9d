"""The portal's roles and the guardian permission that stands for each."""

from django.db import models


class Role(models.TextChoices):
    NATIONAL = "national", "National network team"
    LEAD = "lead", "Regional IR lead"
    HUB_STAFF = "hub_staff", "Hub staff"
    COUNCIL = "council", "Council officer"
    ADASS = "adass", "ADASS regional"
    PROVIDER_ADMIN = "provider_admin", "Provider administrator"
    PROVIDER_STAFF = "provider_staff", "Provider staff"
    RECRUIT = "recruit", "Recruit"
    PARTNER = "partner", "Training partner"


# The object each role is granted on.
SCOPE_OF_ROLE = {
    Role.NATIONAL: None,
    Role.LEAD: "region",
    Role.HUB_STAFF: "region",
    Role.COUNCIL: "local_authority",
    Role.ADASS: "region",
    Role.PROVIDER_ADMIN: "provider",
    Role.PROVIDER_STAFF: "provider",
    Role.RECRUIT: "recruit",
    Role.PARTNER: "training_partner",
}

# Guardian permission codenames (declared in the Meta of Region, LocalAuthority and Provider).
PERMISSION_OF_ROLE = {
    Role.NATIONAL: "hubs.act_as_national",
    Role.LEAD: "act_as_lead",
    Role.HUB_STAFF: "act_as_hub_staff",
    Role.COUNCIL: "act_as_council",
    Role.ADASS: "act_as_adass",
    Role.PROVIDER_ADMIN: "act_as_provider_admin",
    Role.PROVIDER_STAFF: "act_as_provider_staff",
    Role.PARTNER: "act_as_partner",
}

# Who may invite whom: a lead runs the region; hub staff bring in providers and recruits;
# a provider admin brings in their own staff. National and lead accounts are created by a
# superuser (Django admin or `manage.py invite`).
INVITABLE_BY = {
    Role.LEAD: {Role.HUB_STAFF, Role.COUNCIL, Role.ADASS, Role.PROVIDER_ADMIN, Role.RECRUIT, Role.PARTNER},
    Role.HUB_STAFF: {Role.PROVIDER_ADMIN, Role.RECRUIT},
    Role.PROVIDER_ADMIN: {Role.PROVIDER_STAFF},
}

# Order used to pick the role whose home page a user lands on.
ROLE_PRECEDENCE = [
    Role.LEAD,
    Role.HUB_STAFF,
    Role.NATIONAL,
    Role.COUNCIL,
    Role.ADASS,
    Role.PROVIDER_ADMIN,
    Role.PROVIDER_STAFF,
    Role.RECRUIT,
    Role.PARTNER,
]

"""What the notification engine asks of the apps above it, answered by those apps.

notifications/ sits below providers, recruits and the rest, so it imports none of them. Two
questions need their answers when a reminder is sent: who holds a role granted on one of their
rows (a provider's administrators and staff), and which provider an object is about when it is
the provider itself (an email carries that provider's hub). The app that stores the answer
registers it from its `AppConfig.ready()`: providers does both in `ProvidersConfig`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db.models import Model, QuerySet

if TYPE_CHECKING:
    from notifications.models import Reminder

# The ids of the users holding a role on the reminder's scope object, as a subquery of `user_id`
# values, or None when the reminder names no such object.
RoleHolders = Callable[["Reminder", str], "QuerySet[Any] | None"]
# The provider an object stands for (the provider itself); its children carry `provider_id`.
ProviderOf = Callable[[Any], "int | None"]

_role_holders: dict[str, RoleHolders] = {}
_provider_of: dict[type[Model], ProviderOf] = {}


def register_role_holders(*roles: str, reader: RoleHolders) -> None:
    for role in roles:
        _role_holders[str(role)] = reader


def register_provider_of(model: type[Model], getter: ProviderOf) -> None:
    _provider_of[model] = getter


def role_holders(reminder: Reminder, role: str) -> QuerySet[Any] | None:
    reader = _role_holders.get(role)
    return reader(reminder, role) if reader is not None else None


def provider_of(about: object) -> int | None:
    for model, getter in _provider_of.items():
        if isinstance(about, model):
            return getter(about)
    return None

"""Records for the advice tests: a service and subscriptions in region A, requests in their states."""

from __future__ import annotations

import datetime as dt
import weakref
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from advice.models import AdviceMessage, AdviceRequest, Service, ServiceKind, Subscription
from advice.services import advice_reply, advice_request_raise
from hubs.roles import Role
from tests.conftest import Cast
from tests.factories import ProviderFactory, user_with_role

PDF = b"%PDF-1.7\n%%EOF\n"


def pdf(name: str = "contract.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def service_in(region: Any, *, name: str = "Employment-law advice", councils: bool = True) -> Service:
    service, _ = Service.objects.get_or_create(
        region=region,
        name=name,
        defaults={
            "kind": ServiceKind.EMPLOYMENT_LAW,
            "default_allowance_minutes": 600,
            "for_providers": True,
            "for_councils": councils,
        },
    )
    return service


def subscription_of(cast: Cast, provider: Any = None, *, allowance: int = 120, **extra: Any) -> Subscription:
    provider = provider or cast.provider_a
    return Subscription.objects.create(
        region=provider.region,
        service=service_in(provider.region),
        provider=provider,
        starts_on=extra.pop("starts_on", timezone.localdate() - dt.timedelta(days=30)),
        allowance_minutes=allowance,
        **extra,
    )


def council_subscription(cast: Cast, *, allowance: int = 60) -> Subscription:
    return Subscription.objects.create(
        region=cast.region_a,
        service=service_in(cast.region_a),
        local_authority=cast.council_a,
        starts_on=timezone.localdate() - dt.timedelta(days=30),
        allowance_minutes=allowance,
    )


def provider_request(
    cast: Cast, *, user: Any = None, subscription: Subscription | None = None, **data: Any
) -> AdviceRequest:
    subscription = subscription or subscription_of(cast)
    fields = {
        "subscription": subscription,
        "category": "employment_law",
        "subject": "Notice period for a senior carer",
        "question": "What notice must we give?",
        "urgency": data.pop("urgency", "routine"),
    }
    return advice_request_raise(actor=user or cast.provider_admin_a, kind="advice", data=fields, **data)


def request_of_another_provider_in_a(cast: Cast) -> AdviceRequest:
    """A request of a second provider of region A (provider A's people are outsiders of it)."""
    other = ProviderFactory(region=cast.region_a, local_authority=cast.council_a, name="Gamma Homes Ltd")
    admin = user_with_role(Role.PROVIDER_ADMIN, other, email=f"admin.{other.pk}@portal.test")
    return provider_request(cast, user=admin, subscription=subscription_of(cast, other))


def council_request(cast: Cast, *, about: Any = None, **data: Any) -> AdviceRequest:
    fields = {
        "about_provider": about or cast.provider_a,
        "subject": "Support for a provider of ours",
        "question": "The provider's licence is suspended: what can the hub do?",
        "urgency": data.pop("urgency", "urgent"),
    }
    return advice_request_raise(actor=cast.council_officer_a, kind="council_support", data=fields, **data)


def message_with_file(cast: Cast) -> AdviceMessage:
    from advice.documents import message_document_path

    row = request_of_another_provider_in_a(cast)
    message = advice_reply(actor=cast.staff_a, request_row=row, text="See the letter.", upload=pdf("letter.pdf"))
    weakref.finalize(cast, message_document_path(message).unlink, missing_ok=True)
    return message


def subscription_of_another_provider_in_a(cast: Cast) -> Subscription:
    return subscription_of(cast, ProviderFactory(region=cast.region_a, local_authority=cast.council_a))

"""Reads of the campaign pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch

from campaigns.access import campaigns_visible_to
from campaigns.models import Application, ApplicationDocument, ApplicationEvent, Campaign, CampaignRole, Stage
from portal.pagination import Page, cursor_row, page_of
from providers.models import Provider

PAGE_SIZE = 25


def campaign_page(user: Any, *, after: str | None) -> Page[Campaign]:
    """Latest opening first, by keyset (opening date and id of the last campaign shown)."""
    campaigns = campaigns_visible_to(user).select_related("region").order_by("-opens_on", "-id")
    cursor = cursor_row(campaigns, after, "opens_on", "id")
    if cursor is not None:
        campaigns = campaigns.filter(opens_on__lte=cursor["opens_on"]).exclude(
            opens_on=cursor["opens_on"], id__gte=cursor["id"]
        )
    campaigns = campaigns.prefetch_related(
        Prefetch("roles", queryset=CampaignRole.objects.order_by("id")),
        Prefetch("employers", queryset=Provider.objects.order_by("name").only("id", "name", "public_id")),
    )
    return page_of(list(campaigns[: PAGE_SIZE + 1]), PAGE_SIZE, lambda campaign: campaign.public_id)


def campaign_roles(campaign: Campaign) -> list[CampaignRole]:
    return list(campaign.roles.order_by("id"))


def campaign_employers(campaign: Campaign) -> list[Provider]:
    return list(campaign.employers.order_by("name").only("id", "name", "public_id"))


# -- the applicants board --------------------------------------------------------------------------

BOARD_PAGE_SIZE = 50


@dataclass(frozen=True)
class StageCount:
    stage: Stage
    count: int


def stage_counts(campaign: Campaign) -> list[StageCount]:
    """Applicants per stage, every stage listed (zero included), in pipeline order."""
    counts = dict(Application.objects.filter(campaign=campaign).values_list("stage").annotate(n=Count("id")).order_by())
    return [StageCount(stage, counts.get(stage.value, 0)) for stage in Stage]


def board_page(campaign: Campaign, *, stage: str, after: str | None) -> Page[Application]:
    """The campaign's applicants at one stage, newest application first, by keyset."""
    rows = Application.objects.filter(campaign=campaign, stage=stage).order_by("-applied_at", "-id")
    cursor = cursor_row(rows, after, "applied_at", "id")
    if cursor is not None:
        rows = rows.filter(applied_at__lte=cursor["applied_at"]).exclude(
            applied_at=cursor["applied_at"], id__gte=cursor["id"]
        )
    rows = rows.only(
        "id",
        "public_id",
        "given_names",
        "family_name",
        "role",
        "country",
        "direct",
        "stage",
        "stage_since",
        "applied_at",
    )
    return page_of(list(rows[: BOARD_PAGE_SIZE + 1]), BOARD_PAGE_SIZE, lambda row: row.public_id)


def application_timeline(application: Application) -> list[ApplicationEvent]:
    return list(application.events.select_related("actor").order_by("at", "id"))


def application_documents(application: Application) -> list[ApplicationDocument]:
    return list(application.documents.order_by("kind", "id"))


def applications_with_email(email: str) -> list[Application]:
    """An applicant's own applications, signed in by emailed code: newest first."""
    return list(
        Application.objects.filter(email=email).select_related("campaign", "region").order_by("-applied_at", "-id")[:50]
    )


def application_with_email(email: str, public_id: Any) -> Application | None:
    """One of the applications made with `email` (the candidate's own, signed in by emailed code)."""
    return Application.objects.filter(public_id=public_id, email=email).select_related("campaign", "region").first()

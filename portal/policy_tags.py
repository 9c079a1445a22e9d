"""`{% policy_figure "curtailment_days" %}`: a policy figure in force today, for wording that
quotes one ("Leave ends 60 days after the letter"), so a dated change of the figure changes the
page from the day it takes effect (portal/policy.py); `on=` for wording about a dated event.

Registered as the template library `portal_policy` (see TEMPLATES in portal/settings.py).
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from portal.policy import policy_figure as figure_on

register = template.Library()


@register.simple_tag
def policy_figure(name: str, on: dt.date | None = None) -> str:
    """The figure in force today, or on `on` for a page about a dated event
    (`{% policy_figure "representation_working_days" on=event.event_date %}`)."""
    return str(figure_on(name, on=on or timezone.localdate()).value)

"""Background work of the compliance app: the daily register import (beat: portal/celery.py)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings

from compliance.register import RegisterError, register_import

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def import_register_task() -> int | None:
    """Import the configured register; a refused file is logged (its failed import row says why)."""
    source = settings.SPONSOR_REGISTER_SOURCE
    if not source:
        logger.info("SPONSOR_REGISTER_SOURCE is not set: the register is not imported.")
        return None
    try:
        return register_import(source=source).pk
    except RegisterError as error:
        logger.error("The sponsor register was not imported: %s", error)
        return None

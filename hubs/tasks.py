from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "portal:celery:heartbeat"


@shared_task(ignore_result=True)
def heartbeat() -> None:
    """Beat → worker round trip; /healthz reports how long ago it last ran."""
    cache.set(HEARTBEAT_KEY, timezone.now().isoformat(), timeout=3600)

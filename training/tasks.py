"""Periodic training work: the daily eligibility re-check before cohorts start."""

from celery import shared_task

from training.services import cohorts_recheck_due


@shared_task(acks_late=True)
def recheck_cohorts_task() -> int:
    return cohorts_recheck_due()

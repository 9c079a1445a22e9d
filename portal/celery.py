"""The Celery application. The beat schedule is defined here, in code (one beat process)."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["portal.home"])  # portal/ is not an app: its tasks are named here

app.conf.beat_schedule = {
    "heartbeat": {"task": "hubs.tasks.heartbeat", "schedule": 300.0},
    # REMINDER_DISPATCH_SECONDS shortens it for the resilience tests (tests/chaos/).
    "dispatch-due": {
        "task": "notifications.tasks.dispatch_due_task",
        "schedule": float(os.environ.get("REMINDER_DISPATCH_SECONDS", "120")),
    },
    # Daily digests at 07:00 London time (CELERY_TIMEZONE), before the working day starts.
    "daily-digests": {"task": "notifications.tasks.dispatch_digests_task", "schedule": crontab(hour=7, minute=0)},
    "training-recheck": {"task": "training.tasks.recheck_cohorts_task", "schedule": 6 * 3600.0},
    # The public sponsor register, daily at 06:30 London time (the Home Office updates it on working days).
    "sponsor-register": {"task": "compliance.tasks.import_register_task", "schedule": crontab(hour=6, minute=30)},
    # Agencies' periodic re-checks (rule 19): reminders follow edits made in the admin too.
    "agency-rechecks": {"task": "recruits.tasks.agency_rechecks_task", "schedule": crontab(hour=6, minute=45)},
    # The today page's and the national view's figures (portal/home/snapshots.py), every 10 minutes.
    "refresh-figures": {"task": "portal.home.tasks.refresh_figures_task", "schedule": 600.0},
    # Retention (docs/SECURITY.md, the retention table): every app's rules, nightly at 02:30.
    "retention": {"task": "accesslog.tasks.retention_task", "schedule": crontab(hour=2, minute=30)},
    # Advice requests past their first-answer or resolution target (issue 16 item 2), hourly.
    "advice-waiting": {"task": "advice.tasks.remind_waiting_task", "schedule": crontab(minute=20)},
}

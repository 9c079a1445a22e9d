from django.urls import path

from notifications import views

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/read/", views.inbox_read_all, name="inbox_read_all"),
    path("inbox/<uuid:public_id>/", views.inbox_open, name="inbox_open"),
    path("notifications/settings/", views.notification_settings, name="notification_settings"),
    path("notifications/calendar/new/", views.calendar_feed_new, name="calendar_feed_new"),
    path("notifications/calendar/revoke/", views.calendar_feed_revoke_view, name="calendar_feed_revoke"),
    path("notifications/operations/", views.operations, name="notification_operations"),
    path("notifications/reminders/<uuid:public_id>/retry/", views.reminder_retry_view, name="reminder_retry"),
    path("notifications/emails/<uuid:public_id>/retry/", views.email_retry, name="email_retry"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]

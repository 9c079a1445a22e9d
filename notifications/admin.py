from django.contrib import admin

from notifications.models import Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["kind", "due_at", "status", "recipient", "recipient_role", "region", "attempts"]
    list_filter = ["status", "kind", "region"]
    raw_id_fields = ["recipient"]
    readonly_fields = ["unique_key", "claimed_at", "attempts", "last_error", "sent_at", "created_at"]

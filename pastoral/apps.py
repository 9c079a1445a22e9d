from django.apps import AppConfig


class PastoralConfig(AppConfig):
    name = "pastoral"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from pastoral import personal_data

        personal_data.register()
        from notifications.calendar import register_calendar_source
        from pastoral.calendar import appointment_events
        from pastoral.services import pastoral_follow_region, pastoral_on_employment_started
        from recruits.hooks import register_employment_started, register_region_moved

        register_calendar_source(appointment_events)
        register_employment_started(pastoral_on_employment_started)
        register_region_moved(pastoral_follow_region)

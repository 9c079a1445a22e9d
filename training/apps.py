from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from notifications.calendar import register_calendar_source
        from training.calendar import training_session_events

        register_calendar_source(training_session_events)

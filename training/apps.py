from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from training import personal_data

        personal_data.register()
        from notifications.calendar import register_calendar_source
        from recruits.unsupervised import register_unsupervised_check
        from training.calendar import training_session_events
        from training.development import care_certificate_problem

        register_calendar_source(training_session_events)
        register_unsupervised_check(care_certificate_problem)  # rule 24

from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "advice"
    verbose_name = "Advice and subscriptions"
    default_auto_field = "django.db.models.BigAutoField"

from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "practice"
    verbose_name = "Good-practice library"
    default_auto_field = "django.db.models.BigAutoField"

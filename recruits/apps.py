from django.apps import AppConfig


class RecruitsConfig(AppConfig):
    name = "recruits"
    default_auto_field = "django.db.models.BigAutoField"

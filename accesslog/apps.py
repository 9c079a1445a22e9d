from django.apps import AppConfig


class AccessLogConfig(AppConfig):
    name = "accesslog"
    label = "accesslog"
    verbose_name = "Access log"
    default_auto_field = "django.db.models.BigAutoField"

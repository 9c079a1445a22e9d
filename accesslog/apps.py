from django.apps import AppConfig


class AccessLogConfig(AppConfig):
    name = "accesslog"
    label = "accesslog"
    verbose_name = "Access log"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accesslog.review import hub_grant_source, register_grant_source

        register_grant_source(hub_grant_source)

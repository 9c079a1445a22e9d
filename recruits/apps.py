from django.apps import AppConfig


class RecruitsConfig(AppConfig):
    name = "recruits"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from hubs.access import register_grant_reader
        from recruits.access import recruit_grant

        register_grant_reader(recruit_grant)

from django.apps import AppConfig


class ProvidersConfig(AppConfig):
    name = "providers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from hubs.access import register_grant_reader
        from providers.access import provider_grants

        register_grant_reader(provider_grants)

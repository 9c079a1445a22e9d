from django.apps import AppConfig


class ProvidersConfig(AppConfig):
    name = "providers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accesslog.review import register_grant_source
        from hubs.access import GrantReader, register_grant_reader
        from hubs.roles import Role
        from notifications.resolvers import register_provider_of, register_role_holders
        from providers.access import provider_grant_rows, provider_grant_source, provider_grants, provider_role_holders
        from providers.models import Provider

        register_grant_reader(GrantReader(rows=provider_grant_rows, fields=provider_grants))
        register_grant_source(provider_grant_source)
        # notifications/ sits below providers: it learns here who a provider's roles are, and
        # that a reminder about a provider carries that provider's hub.
        register_role_holders(Role.PROVIDER_ADMIN, Role.PROVIDER_STAFF, reader=provider_role_holders)
        register_provider_of(Provider, lambda provider: provider.pk)

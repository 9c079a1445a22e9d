from django.apps import AppConfig


class RecruitsConfig(AppConfig):
    name = "recruits"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from recruits import personal_data

        personal_data.register()
        from accesslog.review import register_grant_source
        from hubs.access import GrantReader, register_grant_reader
        from hubs.services import register_recruit_account
        from providers.panels import register_provider_column, register_provider_panels
        from recruits import provider_page
        from recruits.access import recruit_grant, recruit_grant_rows, recruit_grant_source
        from recruits.services import recruit_link_account, recruit_unlink_account

        register_grant_reader(GrantReader(rows=recruit_grant_rows, fields=recruit_grant))
        register_grant_source(recruit_grant_source)
        register_recruit_account(link=recruit_link_account, unlink=recruit_unlink_account)
        register_provider_panels(provider_page.provider_page_panels)
        register_provider_column(provider_page.RECRUIT_COUNT)

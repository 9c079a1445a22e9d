from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "compliance"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from compliance import personal_data

        personal_data.register()
        from compliance import provider_page
        from providers.panels import register_provider_panels

        register_provider_panels(provider_page.provider_page_panels)
        from compliance.eligibility import SOURCE
        from providers.eligibility import register_eligibility_source

        register_eligibility_source(SOURCE)

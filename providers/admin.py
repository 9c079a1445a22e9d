from django.contrib import admin

from providers.models import Provider


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "licence_status", "licence_rating"]
    list_filter = ["region", "licence_status"]
    search_fields = ["name", "cqc_provider_id", "cqc_location_id"]

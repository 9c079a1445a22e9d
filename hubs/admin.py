from django.contrib import admin

from hubs.models import Agency, Hub, LocalAuthority, Region, TrainingPartner


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(Hub)
class HubAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "mailbox"]
    list_filter = ["region"]


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "council_name", "region", "la_type"]
    list_filter = ["region", "la_type"]
    search_fields = ["name", "council_name", "ons_code"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "status", "on_ethical_recruiters_list", "last_checked"]
    list_filter = ["region", "status"]
    search_fields = ["name"]


@admin.register(TrainingPartner)
class TrainingPartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "contact_email"]
    list_filter = ["region", "kind"]
    search_fields = ["name"]

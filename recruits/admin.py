from django.contrib import admin

from recruits.models import Recruit


@admin.register(Recruit)
class RecruitAdmin(admin.ModelAdmin):
    list_display = ["family_name", "given_names", "region", "provider", "status"]
    list_filter = ["region", "status"]
    search_fields = ["family_name", "given_names", "email"]

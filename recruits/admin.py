from django.contrib import admin

from recruits.models import CodeOfPracticeCountry, Recruit


@admin.register(Recruit)
class RecruitAdmin(admin.ModelAdmin):
    list_display = ["family_name", "given_names", "region", "provider", "status"]
    list_filter = ["region", "status"]
    search_fields = ["family_name", "given_names", "email"]


@admin.register(CodeOfPracticeCountry)
class CodeOfPracticeCountryAdmin(admin.ModelAdmin):
    """The red and amber lists are data: superusers add a new entry when the lists change."""

    list_display = ["name", "iso_code", "code_list", "effective_from", "effective_to"]
    list_filter = ["code_list"]
    search_fields = ["name", "iso_code"]

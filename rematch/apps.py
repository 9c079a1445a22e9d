from django.apps import AppConfig


class RematchConfig(AppConfig):
    name = "rematch"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from rematch import personal_data

        personal_data.register()
        from recruits.hooks import register_duplicate_merging, register_record_context, register_recruit_updated
        from rematch.placements import requests_follow_merge
        from rematch.selectors import recruit_record_context
        from rematch.services import rematch_sync_from_recruit

        register_recruit_updated(rematch_sync_from_recruit)
        register_record_context(recruit_record_context)
        register_duplicate_merging(requests_follow_merge)

from django.urls import path

from pastoral import hub_views, views

urlpatterns: list = [
    path("", hub_views.pastoral_overview, name="pastoral_overview"),
    path("export/<str:table>.csv", hub_views.pastoral_export, name="pastoral_export"),
    path("help/", views.pastoral_help, name="pastoral_help"),
    path("my-check-in/", views.pastoral_my_check_in, name="pastoral_my_check_in"),
    path("my-booklet/", views.pastoral_my_booklet, name="pastoral_my_booklet"),
    path("my-booklet.pdf", views.pastoral_my_booklet_pdf, name="pastoral_my_booklet_pdf"),
    path("recruits/<uuid:public_id>/", views.pastoral_plan, name="pastoral_plan"),
    path("recruits/<uuid:public_id>/start/", views.pastoral_plan_start_view, name="pastoral_plan_start"),
    path("recruits/<uuid:public_id>/contacts/", views.pastoral_plan_contacts, name="pastoral_plan_contacts"),
    path("recruits/<uuid:public_id>/booklet/", views.pastoral_recruit_booklet, name="pastoral_recruit_booklet"),
    path(
        "recruits/<uuid:public_id>/booklet.pdf", views.pastoral_recruit_booklet_pdf, name="pastoral_recruit_booklet_pdf"
    ),
    path(
        "recruits/<uuid:public_id>/appointments/new/", views.pastoral_appointment_new, name="pastoral_appointment_new"
    ),
    path("check-ins/<uuid:public_id>/", views.pastoral_check_in, name="pastoral_check_in"),
    path("check-ins/<uuid:public_id>/move/", views.pastoral_check_in_reschedule, name="pastoral_check_in_reschedule"),
    path("concerns/<uuid:public_id>/", views.pastoral_concern, name="pastoral_concern"),
    path("concerns/<uuid:public_id>/act/", views.pastoral_concern_act, name="pastoral_concern_act"),
    path("concerns/<uuid:public_id>/close/", views.pastoral_concern_close, name="pastoral_concern_close"),
    path("appointments/<uuid:public_id>/", views.pastoral_appointment, name="pastoral_appointment"),
    path(
        "appointments/<uuid:public_id>/change/", views.pastoral_appointment_change, name="pastoral_appointment_change"
    ),
    path("appointments/<uuid:public_id>/done/", views.pastoral_appointment_done, name="pastoral_appointment_done"),
    path(
        "appointments/<uuid:public_id>/cancel/", views.pastoral_appointment_cancel, name="pastoral_appointment_cancel"
    ),
    path(
        "appointments/<uuid:public_id>/rearrange/",
        views.pastoral_appointment_rearrange,
        name="pastoral_appointment_rearrange",
    ),
    path("hubs/<uuid:public_id>/", hub_views.pastoral_hub_settings, name="pastoral_hub_settings"),
    path(
        "hubs/<uuid:public_id>/schedule/",
        hub_views.pastoral_schedule_update_view,
        name="pastoral_schedule_update",
    ),
    path("hubs/<uuid:public_id>/signposts/", hub_views.pastoral_signposts_save, name="pastoral_signposts_save"),
    path("hubs/<uuid:public_id>/booklet/", hub_views.pastoral_booklet_create, name="pastoral_booklet_create"),
    path("booklets/<uuid:public_id>/", hub_views.pastoral_booklet_edit, name="pastoral_booklet_edit"),
    path("booklets/<uuid:public_id>/sections/new/", hub_views.pastoral_section_new, name="pastoral_section_new"),
    path("sections/<uuid:public_id>/", hub_views.pastoral_section_edit, name="pastoral_section_edit"),
    path("sections/<uuid:public_id>/delete/", hub_views.pastoral_section_delete, name="pastoral_section_delete"),
]

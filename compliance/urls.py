from django.urls import path

from compliance import figures_views, register_views, views

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("providers/<uuid:public_id>/event/", views.event_new, name="licence_event_new"),
    path("events/<uuid:public_id>/date/", views.event_date, name="licence_event_date"),
    path("events/<uuid:public_id>/fee/", views.event_fee, name="licence_event_fee"),
    path("cases/<uuid:public_id>/", views.case_detail, name="case_detail"),
    path("cases/<uuid:public_id>/status/", views.case_status, name="case_status"),
    path("cases/<uuid:public_id>/owner/", views.case_owner, name="case_owner"),
    path("cases/<uuid:public_id>/entries/new/", views.entry_new, name="case_entry_new"),
    path("cases/<uuid:public_id>/council-note/", views.council_note_new, name="case_council_note"),
    path("cases/<uuid:public_id>/workers/add/", views.workers_add, name="case_workers_add"),
    path("cases/<uuid:public_id>/rematch/", views.workers_rematch, name="case_workers_rematch"),
    path("cases/<uuid:public_id>/summary.pdf", views.case_pdf, name="case_pdf"),
    path("cases/<uuid:public_id>/workers.csv", views.case_workers_csv, name="case_workers_csv"),
    path("entries/<uuid:public_id>/document/", views.entry_download, name="case_entry_download"),
    path("steps/<uuid:public_id>/", views.step_detail, name="step_detail"),
    path("steps/<uuid:public_id>/complete/", views.step_complete_view, name="step_complete"),
    path("steps/<uuid:public_id>/update/", views.step_update_view, name="step_update"),
    path("workers/<uuid:public_id>/status/", views.worker_status, name="case_worker_status"),
    path("figures/", figures_views.case_figures, name="case_figures"),
    path("figures/<uuid:public_id>/", figures_views.region_case_figures_view, name="region_case_figures"),
    path("protocol/", register_views.protocol_list, name="protocol_list"),
    path("protocol/<uuid:public_id>/", register_views.protocol_edit, name="protocol_edit"),
    path("register/", register_views.register_overview, name="register_overview"),
    path("register/alerts/<uuid:public_id>/", register_views.alert_detail, name="alert_detail"),
    path("register/alerts/<uuid:public_id>/record/", register_views.alert_record_event_view, name="alert_record_event"),
    path("register/alerts/<uuid:public_id>/dismiss/", register_views.alert_dismiss_view, name="alert_dismiss"),
    path("register/matches/<uuid:public_id>/", register_views.register_candidate, name="register_candidate"),
    path(
        "register/matches/<uuid:public_id>/confirm/",
        register_views.register_candidate_confirm_view,
        name="register_candidate_confirm",
    ),
    path(
        "register/matches/<uuid:public_id>/reject/",
        register_views.register_candidate_reject_view,
        name="register_candidate_reject",
    ),
]

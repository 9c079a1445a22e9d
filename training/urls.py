from django.urls import path

from training import certificate_views, development_views, evidence_views, views

urlpatterns: list = [
    path("", views.programme_list, name="programme_list"),
    path("programmes/new/", views.programme_new, name="programme_new"),
    path("programmes/<uuid:public_id>/", views.programme_detail, name="programme_detail"),
    path("programmes/<uuid:public_id>/edit/", views.programme_edit, name="programme_edit"),
    path("programmes/<uuid:public_id>/cohorts/new/", views.cohort_new, name="cohort_new"),
    path("cohorts/<uuid:public_id>/", views.cohort_detail, name="cohort_detail"),
    path("cohorts/<uuid:public_id>/book/", views.cohort_book, name="cohort_book"),
    path("days/<uuid:public_id>/register/", certificate_views.session_day_register, name="session_day_register"),
    path("enrolments/<uuid:public_id>/", views.enrolment_detail, name="enrolment_detail"),
    path("enrolments/<uuid:public_id>/cancel/", views.enrolment_cancel, name="enrolment_cancel"),
    path("recruits/<uuid:public_id>/evidence/new/", evidence_views.evidence_new, name="evidence_new"),
    path("recruits/<uuid:public_id>/assessment/new/", evidence_views.assessment_new, name="assessment_new"),
    path("recruits/<uuid:public_id>/plan/", certificate_views.training_plan, name="training_plan"),
    path("recruits/<uuid:public_id>/plan.pdf", certificate_views.training_plan_pdf, name="training_plan_pdf"),
    path("recruits/<uuid:public_id>/care-certificate/", development_views.care_certificate, name="care_certificate"),
    path(
        "recruits/<uuid:public_id>/development-plan/",
        development_views.development_plan,
        name="development_plan",
    ),
    path(
        "recruits/<uuid:public_id>/development-plan/edit/",
        development_views.development_plan_edit,
        name="development_plan_edit",
    ),
    path("recruits/<uuid:public_id>/osce/", development_views.osce, name="osce"),
    path("plan/", certificate_views.my_training_plan, name="my_training_plan"),
    path("evidence/", evidence_views.evidence_list, name="evidence_list"),
    path("figures/", evidence_views.training_figures, name="training_figures"),
    path("figures/cohorts.csv", evidence_views.training_figures_csv, {"table": "cohorts"}, name="training_cohorts_csv"),
    path(
        "figures/completions.csv",
        evidence_views.training_figures_csv,
        {"table": "completions"},
        name="training_completions_csv",
    ),
    path("evidence/<uuid:public_id>/", evidence_views.evidence_review, name="evidence_review"),
    path("certificates/<uuid:public_id>.pdf", certificate_views.certificate_download, name="certificate_download"),
    path("certificates/<uuid:public_id>/revoke/", certificate_views.certificate_revoke_view, name="certificate_revoke"),
    path("verify/", certificate_views.certificate_verify_form, name="certificate_verify"),
    path("verify/<str:code>/", certificate_views.certificate_verify_code, name="certificate_verify_code"),
]

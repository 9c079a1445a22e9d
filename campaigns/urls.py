from django.urls import path

from campaigns import application_views, board_views, interview_views, offer_views, prearrival_views, views
from campaigns.funnel_views import campaign_funnel

urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("new/", views.campaign_new, name="campaign_new"),
    path("funnel/", campaign_funnel, name="campaign_funnel"),
    path("<uuid:public_id>/", views.campaign_detail, name="campaign_detail"),
    path("<uuid:public_id>/edit/", views.campaign_edit, name="campaign_edit"),
    path("<uuid:public_id>/publish/", views.campaign_publish, name="campaign_publish"),
    path("<uuid:public_id>/close/", board_views.campaign_close_view, name="campaign_close"),
    path("<uuid:public_id>/applicants/", board_views.campaign_board, name="campaign_board"),
    path("applications/<uuid:public_id>/", board_views.application_detail, name="application_detail"),
    path("applications/<uuid:public_id>/move/", board_views.application_move_view, name="application_move"),
    path("applications/<uuid:public_id>/screening/", board_views.application_screening, name="application_screening"),
    path("applications/documents/<uuid:public_id>/", board_views.application_document, name="application_document"),
    path("applications/<uuid:public_id>/interview/", interview_views.interview_new, name="interview_new"),
    path("applications/<uuid:public_id>/offer/", offer_views.offer_new, name="offer_new"),
    path("applications/<uuid:public_id>/checks/", offer_views.application_checks, name="application_checks"),
    path("checks/<uuid:public_id>/document/", offer_views.check_document, name="check_document"),
    path("<uuid:public_id>/pre-arrival/", prearrival_views.campaign_pre_arrival, name="campaign_pre_arrival"),
    path(
        "applications/<uuid:public_id>/first-appointments/",
        prearrival_views.first_appointments,
        name="first_appointments",
    ),
    path(
        "first-appointments/<uuid:public_id>/cancel/",
        prearrival_views.first_appointment_cancel_view,
        name="first_appointment_cancel",
    ),
    path("applications/<uuid:public_id>/arrive/", prearrival_views.application_arrive_view, name="application_arrive"),
    path("interviews/<uuid:public_id>/", interview_views.interview_detail, name="interview_detail"),
    path("interviews/<uuid:public_id>/score/", interview_views.interview_score_view, name="interview_score"),
    path("interviews/<uuid:public_id>/decide/", interview_views.interview_decide_view, name="interview_decide"),
    # The candidate's side: public, no portal account.
    path("apply/<uuid:public_id>/", application_views.campaign_apply, name="campaign_apply"),
    path("apply/follow/", application_views.applicant_sign_in, name="applicant_sign_in"),
    path("apply/follow/code/", application_views.applicant_code, name="applicant_code"),
    path("apply/mine/", application_views.my_applications, name="my_applications"),
    path("apply/mine/<uuid:public_id>/my-data/", application_views.my_application_data, name="my_application_data"),
    path(
        "apply/mine/interviews/<uuid:public_id>/rearrange/",
        interview_views.interview_rearrange,
        name="interview_rearrange",
    ),
    path("apply/mine/<uuid:public_id>/pre-arrival/", prearrival_views.pre_arrival, name="pre_arrival"),
    path("apply/mine/<uuid:public_id>/booklet/", prearrival_views.pre_arrival_booklet, name="pre_arrival_booklet"),
    path(
        "apply/mine/<uuid:public_id>/self-assessment/",
        prearrival_views.pre_arrival_self_assessment,
        name="pre_arrival_self_assessment",
    ),
]

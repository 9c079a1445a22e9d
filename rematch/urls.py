from django.urls import path

from rematch import match_views, report_views, views

urlpatterns: list = [
    path("", views.rematch_board_view, name="rematch_board"),
    path("me/", views.rematch_self_refer_view, name="rematch_self_refer"),
    path("refer/<uuid:public_id>/", views.rematch_public_refer_view, name="rematch_public_refer"),
    path("for/<uuid:public_id>/", views.rematch_new_for_recruit, name="rematch_new_for_recruit"),
    path("provider/<uuid:public_id>/", views.rematch_bulk, name="rematch_bulk"),
    path("passport/introduction/<uuid:public_id>/", match_views.introduction_passport, name="introduction_passport"),
    path("passport/<str:token>/", match_views.job_passport_view, name="job_passport"),
    path("handovers/", match_views.handover_list, name="handover_list"),
    path("handovers/<uuid:public_id>/accept/", match_views.handover_accept, name="handover_accept"),
    path("handovers/<uuid:public_id>/decline/", match_views.handover_decline, name="handover_decline"),
    path("report/", report_views.rematch_report, name="rematch_report"),
    path("report.csv", report_views.rematch_report_csv, name="rematch_report_csv"),
    path("<uuid:public_id>/", views.rematch_detail, name="rematch_detail"),
    path("<uuid:public_id>/preferences/", match_views.rematch_preferences, name="rematch_preferences"),
    path("<uuid:public_id>/matches/", match_views.rematch_matches, name="rematch_matches"),
    path("<uuid:public_id>/introduce/<uuid:vacancy_id>/", match_views.rematch_introduce, name="rematch_introduce"),
    path("<uuid:public_id>/place/", match_views.rematch_place, name="rematch_place"),
    path("<uuid:public_id>/handover/", match_views.rematch_handover, name="rematch_handover"),
    path("<uuid:public_id>/status/", views.rematch_transition_view, name="rematch_transition"),
    path("<uuid:public_id>/note/", views.rematch_note, name="rematch_note"),
    path("<uuid:public_id>/dates/", views.rematch_dates, name="rematch_dates"),
    path("<uuid:public_id>/owner/", views.rematch_owner, name="rematch_owner"),
    path("<uuid:public_id>/confirm/", views.rematch_confirm_view, name="rematch_confirm"),
]

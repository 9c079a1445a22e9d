from django.urls import path

from recruits.rematch import views

urlpatterns: list = [
    path("", views.rematch_board, name="rematch_board"),
    path("me/", views.rematch_self_refer, name="rematch_self_refer"),
    path("refer/<uuid:public_id>/", views.rematch_public_refer, name="rematch_public_refer"),
    path("for/<uuid:public_id>/", views.rematch_new_for_recruit, name="rematch_new_for_recruit"),
    path("provider/<uuid:public_id>/", views.rematch_bulk, name="rematch_bulk"),
    path("<uuid:public_id>/", views.rematch_detail, name="rematch_detail"),
    path("<uuid:public_id>/status/", views.rematch_transition, name="rematch_transition"),
    path("<uuid:public_id>/note/", views.rematch_note, name="rematch_note"),
    path("<uuid:public_id>/dates/", views.rematch_dates, name="rematch_dates"),
    path("<uuid:public_id>/owner/", views.rematch_owner, name="rematch_owner"),
    path("<uuid:public_id>/confirm/", views.rematch_confirm, name="rematch_confirm"),
]

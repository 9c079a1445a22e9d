"""The region's agency framework, at /agencies/ (not under /recruits/: council officers read it,
and no page they open may lead into recruits' records)."""

from django.urls import path

from recruits import agency_views

urlpatterns = [
    path("", agency_views.agency_list, name="agency_list"),
    path("new/", agency_views.agency_new, name="agency_new"),
    path("<uuid:public_id>/", agency_views.agency_detail, name="agency_detail"),
    path("<uuid:public_id>/edit/", agency_views.agency_edit, name="agency_edit"),
    path("<uuid:public_id>/status/", agency_views.agency_status, name="agency_status"),
    path("<uuid:public_id>/check/", agency_views.agency_check, name="agency_check"),
]

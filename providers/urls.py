from django.urls import path

from providers import views

urlpatterns: list = [
    # Pages are added by the provider pages (list, detail, create, edit, licence); reporting duties
    # are recruits/duties/urls.py, mounted under the same prefix.
    path("", views.provider_list_view, name="provider_list"),
    path("new/", views.provider_create_view, name="provider_create"),
    path("<uuid:public_id>/", views.provider_detail, name="provider_detail"),
    path("<uuid:public_id>/edit/", views.provider_edit, name="provider_edit"),
    path("<uuid:public_id>/licence/", views.provider_licence_change, name="provider_licence_change"),
]

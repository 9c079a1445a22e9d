from django.urls import path

from providers import views

urlpatterns: list = [
    # Pages are added by the provider pages (list, detail, create, edit, licence, duties).
    path("", views.provider_list, name="provider_list"),
    path("new/", views.provider_create, name="provider_create"),
    path("duties/", views.duty_list, name="duty_list"),
    path("duties/<uuid:public_id>/reported/", views.duty_mark_reported, name="duty_mark_reported"),
    path("<uuid:public_id>/", views.provider_detail, name="provider_detail"),
    path("<uuid:public_id>/edit/", views.provider_edit, name="provider_edit"),
    path("<uuid:public_id>/licence/", views.provider_licence_change, name="provider_licence_change"),
    path("<uuid:public_id>/duties/new/", views.duty_new, name="duty_new"),
]

from django.urls import path

from campaigns import views

urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("new/", views.campaign_new, name="campaign_new"),
    path("<uuid:public_id>/", views.campaign_detail, name="campaign_detail"),
    path("<uuid:public_id>/edit/", views.campaign_edit, name="campaign_edit"),
    path("<uuid:public_id>/publish/", views.campaign_publish, name="campaign_publish"),
]

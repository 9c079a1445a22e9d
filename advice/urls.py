from django.urls import path

from advice import views

urlpatterns = [
    path("", views.advice_home, name="advice_home"),
    path("new/", views.advice_request_new, name="advice_request_new"),
    path("sponsor-licence/new/", views.sponsor_help_new, name="sponsor_help_new"),
    path("council/new/", views.council_support_new, name="council_support_new"),
    path("subscriptions/", views.subscription_list, name="subscription_list"),
    path("subscriptions/new/", views.subscription_new, name="subscription_new"),
    path("subscriptions/<uuid:public_id>/end/", views.subscription_end_view, name="subscription_end"),
    path("services/new/", views.service_new, name="service_new"),
    path("documents/<uuid:public_id>/", views.advice_document, name="advice_document"),
    path("<uuid:public_id>/", views.advice_request_detail, name="advice_request_detail"),
    path("<uuid:public_id>/reply/", views.advice_request_reply, name="advice_request_reply"),
    path("<uuid:public_id>/close/", views.advice_request_close, name="advice_request_close"),
]

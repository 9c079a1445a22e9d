from django.urls import path

from recruits.duties import views

# Mounted under /providers/ (portal/urls.py): the paths predate the move from providers/.
urlpatterns: list = [
    path("duties/", views.duty_list_view, name="duty_list"),
    path("duties/<uuid:public_id>/reported/", views.duty_mark_reported_view, name="duty_mark_reported"),
    path("<uuid:public_id>/duties/new/", views.duty_new, name="duty_new"),
]

"""Vacancies, under /providers/ (their addresses from before rematching became an app)."""

from django.urls import path

from rematch.vacancies import views

urlpatterns: list = [
    path("vacancies/", views.vacancy_list, name="vacancy_list"),
    path("vacancies/<uuid:public_id>/", views.vacancy_detail, name="vacancy_detail"),
    path("vacancies/<uuid:public_id>/edit/", views.vacancy_edit, name="vacancy_edit"),
    path("<uuid:public_id>/vacancies/new/", views.vacancy_new, name="vacancy_new"),
]

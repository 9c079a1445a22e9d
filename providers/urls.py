from django.urls import path

from providers import views
from providers.pool import views as pool_views
from providers.vacancies import views as vacancy_views

urlpatterns: list = [
    # Pages are added by the provider pages (list, detail, create, edit, licence); reporting duties
    # are recruits/duties/urls.py, mounted under the same prefix.
    path("", views.provider_list, name="provider_list"),
    path("new/", views.provider_create, name="provider_create"),
    path("<uuid:public_id>/", views.provider_detail, name="provider_detail"),
    path("<uuid:public_id>/edit/", views.provider_edit, name="provider_edit"),
    path("<uuid:public_id>/licence/", views.provider_licence_change, name="provider_licence_change"),
    # Vacancies (issue 5).
    path("vacancies/", vacancy_views.vacancy_list, name="vacancy_list"),
    path("vacancies/<uuid:public_id>/", vacancy_views.vacancy_detail, name="vacancy_detail"),
    path("vacancies/<uuid:public_id>/edit/", vacancy_views.vacancy_edit, name="vacancy_edit"),
    path("<uuid:public_id>/vacancies/new/", vacancy_views.vacancy_new, name="vacancy_new"),
    # The displaced-worker pool (issue 5).
    path("pool/", pool_views.pool_list, name="pool_list"),
    path("vacancies/<uuid:public_id>/pool/", pool_views.pool_new, name="pool_new"),
    path("pool/<uuid:public_id>/", pool_views.pool_detail, name="pool_detail"),
    path("pool/<uuid:public_id>/answer/", pool_views.pool_answer, name="pool_answer"),
    path("pool/<uuid:public_id>/confirmation/", pool_views.pool_confirmation_issue, name="pool_confirmation_issue"),
    path("pool/<uuid:public_id>/confirmation.pdf", pool_views.pool_confirmation_pdf, name="pool_confirmation_pdf"),
    path("pool/<uuid:public_id>/ukvi/", pool_views.pool_ukvi_told, name="pool_ukvi_told"),
    path("pool/candidates/<uuid:public_id>/", pool_views.pool_candidate_outcome, name="pool_candidate_outcome"),
]

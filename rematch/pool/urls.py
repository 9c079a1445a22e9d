"""The displaced-worker pool, under /providers/ (its addresses from before rematching became an app)."""

from django.urls import path

from rematch.pool import views

urlpatterns: list = [
    path("pool/", views.pool_list, name="pool_list"),
    path("vacancies/<uuid:public_id>/pool/", views.pool_new, name="pool_new"),
    path("pool/<uuid:public_id>/", views.pool_detail, name="pool_detail"),
    path("pool/<uuid:public_id>/answer/", views.pool_answer, name="pool_answer"),
    path("pool/<uuid:public_id>/answer/shortlist/", views.pool_shortlist_view, name="pool_shortlist"),
    path("pool/<uuid:public_id>/answer/none/", views.pool_none_available_view, name="pool_none_available"),
    path("pool/<uuid:public_id>/confirmation/", views.pool_confirmation_issue_view, name="pool_confirmation_issue"),
    path("pool/<uuid:public_id>/confirmation.pdf", views.pool_confirmation_pdf, name="pool_confirmation_pdf"),
    path("pool/<uuid:public_id>/ukvi/", views.pool_ukvi_told_view, name="pool_ukvi_told"),
    path("pool/candidates/<uuid:public_id>/", views.pool_candidate_outcome_view, name="pool_candidate_outcome"),
]

from django.urls import path

from recruits import document_views

urlpatterns: list = [
    # Pages: list, detail tabs, register, edit, transitions, my details, import, documents.
    path("<uuid:public_id>/documents/new/", document_views.recruit_document_upload, name="recruit_document_upload"),
    path("documents/<uuid:public_id>/", document_views.recruit_document_download, name="recruit_document_download"),
    path("documents/<uuid:public_id>/delete/", document_views.recruit_document_delete, name="recruit_document_delete"),
]

from django.urls import path

from recruits import document_views, import_views, record_reads
from recruits import views as recruit_views

urlpatterns: list = [
    # Pages: list, detail tabs, register, edit, transitions, my details, import, documents.
    path("import/", import_views.recruit_import, name="recruit_import"),
    path("import/template.csv", import_views.recruit_import_template, name="recruit_import_template"),
    path("import/template.xlsx", import_views.recruit_import_template_xlsx, name="recruit_import_template_xlsx"),
    path("", recruit_views.recruit_list_view, name="recruit_list"),
    path("new/", recruit_views.recruit_register_view, name="recruit_register"),
    path("me/", recruit_views.recruit_my_details, name="recruit_my_details"),
    path("me/reads/", record_reads.recruit_my_record_reads, name="recruit_my_record_reads"),
    path("<uuid:public_id>/", recruit_views.recruit_detail, name="recruit_detail"),
    path("<uuid:public_id>/edit/", recruit_views.recruit_edit, name="recruit_edit"),
    path("<uuid:public_id>/status/", recruit_views.recruit_transition_view, name="recruit_transition"),
    path("<uuid:public_id>/documents/new/", document_views.recruit_document_upload, name="recruit_document_upload"),
    path("documents/<uuid:public_id>/", document_views.recruit_document_download, name="recruit_document_download"),
    path("documents/<uuid:public_id>/delete/", document_views.recruit_document_delete, name="recruit_document_delete"),
]

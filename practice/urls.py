from django.urls import path

from practice import views

urlpatterns = [
    path("", views.practice_list, name="practice_list"),
    path("new/", views.practice_new, name="practice_new"),
    path("<uuid:public_id>/", views.practice_detail, name="practice_detail"),
    path("<uuid:public_id>/edit/", views.practice_edit, name="practice_edit"),
    path("<uuid:public_id>/delete/", views.practice_delete, name="practice_delete"),
    path("<uuid:public_id>/files/", views.practice_attachment_add, name="practice_attachment_add"),
    path("<uuid:public_id>/comments/", views.practice_comment_add, name="practice_comment_add"),
    path("files/<uuid:public_id>/", views.practice_attachment_download, name="practice_attachment_download"),
    path("files/<uuid:public_id>/remove/", views.practice_attachment_remove, name="practice_attachment_remove"),
    path("comments/<uuid:public_id>/remove/", views.practice_comment_remove, name="practice_comment_remove"),
]

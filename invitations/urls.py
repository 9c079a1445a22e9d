from django.urls import path

from invitations import views

# Mounted at the site root (portal/urls.py): the paths predate the app.
urlpatterns: list = [
    path("invite/<str:token>/", views.invitation_accept_view, name="invitation_accept"),
    path("invitations/", views.invitation_list, name="invitation_list"),
    path("invitations/new/", views.invitation_new, name="invitation_new"),
    path("invitations/<uuid:public_id>/withdraw/", views.invitation_revoke_view, name="invitation_revoke"),
]

urlpatterns: list = [
    # Pages are added by the provider pages (list, detail, create, edit, licence, duties).
]

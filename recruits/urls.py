urlpatterns: list = [
    # Pages: list, detail tabs, register, edit, transitions, my details, import, documents.
]

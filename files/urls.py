from django.urls import path

from .views import document, private_media

# Mounted at /media-private/.
urlpatterns = [
    path("<path:path>", private_media, name="private_media"),
]

# Mounted at /documents/, before Wagtail's own document URLs.
document_urlpatterns = [
    path("<int:document_id>/<str:document_filename>", document, name="files_document"),
]

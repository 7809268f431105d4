"""Private storage for certification evidence, outside MEDIA_ROOT and without a URL: files are
read only through the permission-checking download view."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class EvidenceStorage(FileSystemStorage):
    def __init__(self, **kwargs):
        kwargs["base_url"] = None
        super().__init__(**kwargs)

    # Read from settings on each use (not cached), so tests and deployments can move it.
    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.EVIDENCE_ROOT)

    @property
    def location(self):
        import os

        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Evidence files have no public URL.")

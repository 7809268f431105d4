from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilesConfig(AppConfig):
    """Private and public uploads: storage, relocation and the checked view. Imports no other
    app of ours; knowledge, certification and cms use it.

    Needs from the project: STORAGES["default"] set to `files.storage.MediaStorage` and its URLs
    (`files.urls`) mounted. Its settings and their defaults are in `files.conf`."""

    name = "files"
    label = "files"
    verbose_name = _("Files")

    def ready(self):
        from .relocation import register_signal_handlers

        register_signal_handlers()

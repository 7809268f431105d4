"""The one query layer of the platform's listings: every query parameter defined once with its check
and message (`parameters`), and the one keyword search (`keywords`)."""

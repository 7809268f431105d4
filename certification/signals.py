"""Signals of certification for the rest of the project (the project sends them on as webhooks,
cms.signal_handlers): `certificate_changed(sender=Certificate, certificate=…, change=…)`, where
`change` is "issued", "expired" or "revoked", sent inside the transaction that made the change."""

from django.dispatch import Signal

ISSUED, EXPIRED, REVOKED = "issued", "expired", "revoked"

certificate_changed = Signal()

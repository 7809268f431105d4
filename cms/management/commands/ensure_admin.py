"""Create the administrator account if it does not exist. Idempotent."""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create a superuser from ADMIN_USERNAME / ADMIN_PASSWORD / ADMIN_EMAIL if missing."

    def handle(self, *args, **options):
        username = os.environ.get("ADMIN_USERNAME", "admin")
        password = os.environ.get("ADMIN_PASSWORD")
        email = os.environ.get("ADMIN_EMAIL", "admin@example.org")
        if not password:
            from django.conf import settings

            if not settings.DEBUG:
                raise CommandError("Set ADMIN_PASSWORD: there is no default outside development.")
            password = "admin"

        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Administrator {username!r} already exists.")
            return
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"Created administrator {username!r}."))

from django.core.management.base import BaseCommand

from cms.roles import ensure_roles


class Command(BaseCommand):
    help = "Create or complete the groups and their permissions (also done after migrate)."

    def handle(self, *args, **options):
        ensure_roles()
        self.stdout.write("Roles are in place.")

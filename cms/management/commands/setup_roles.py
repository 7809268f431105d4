from django.core.management.base import BaseCommand

from awards.setup import ensure_award_roles
from certification.setup import ensure_certification_roles
from cms.roles import ensure_roles
from knowledge.setup import ensure_knowledge_roles


class Command(BaseCommand):
    help = (
        "Make the groups of roles that have none, with their default permissions and workflows "
        "(also done after migrate). --reset applies the defaults again to every role's group."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Set each role's permissions back to the defaults and reassign its workflows.",
        )

    def handle(self, *args, reset=False, **options):
        ensure_roles(reset=reset)  # first: it makes sure every app's permissions exist
        ensure_knowledge_roles(reset=reset)
        ensure_certification_roles(reset=reset)
        ensure_award_roles(reset=reset)
        self.stdout.write("Roles are reset to their defaults." if reset else "Roles are in place.")

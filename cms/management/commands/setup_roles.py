from django.core.management.base import BaseCommand

from knowledge.roles import set_up_roles


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
        set_up_roles(reset=reset)  # every app's, as registered from their AppConfig.ready()
        self.stdout.write("Roles are reset to their defaults." if reset else "Roles are in place.")

from django.core.management.base import BaseCommand
from django.db import transaction

from sosafe import demo, registry
from sosafe.models import Partnership


class Command(BaseCommand):
    help = "Load the SoSafe demo partnership, its strategies, plans and one user per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo partnership first and reload it."
        )

    def handle(self, *args, reset: bool, **options):
        slug = demo.read("partnership.json")["partnership"]["slug"]
        existing = Partnership.objects.filter(slug=slug)
        if existing.exists() and not reset:
            self.stdout.write(f"The demo partnership '{slug}' is already loaded (use --reset).")
        else:
            with transaction.atomic():
                existing.delete()
                partnership = demo.load_partnership()
                memberships = demo.create_demo_users(partnership)
                for loader in registry.demo_loaders():
                    loader(partnership, memberships)
            self.stdout.write(self.style.SUCCESS(f"Loaded the demo partnership '{slug}'."))
        self.stdout.write(f"Demo sign-ins (password for all: {demo.DEMO_PASSWORD}):")
        for user in demo.DEMO_USERS:
            self.stdout.write(f"  {user.username:<12} {user.role.label} – {user.job_title}")

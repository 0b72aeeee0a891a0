"""Email each lead officer who still owes progress updates in an open quarter one reminder.

For a scheduler (e.g. cron, a few days before the deadline):
    manage.py send_update_reminders sosafe --base-url https://portal.example.org
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from actionplan import selectors, services
from sosafe.models import Partnership


class Command(BaseCommand):
    help = (
        "Email each lead officer with missing, draft or returned progress updates in the "
        "partnership's open quarter(s) one reminder listing those actions with links."
    )

    def add_arguments(self, parser):
        parser.add_argument("partnership", help="The partnership's slug, e.g. sosafe.")
        parser.add_argument(
            "--base-url",
            default=services.default_base_url(),
            help="The portal's address for the links in the emails "
            "(default: the PORTAL_BASE_URL setting, else http://127.0.0.1:8000).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List who would be reminded of what, and send nothing.",
        )

    def handle(self, *args, partnership: str, base_url: str, dry_run: bool, **options):
        found = Partnership.objects.filter(slug=partnership).first()
        if found is None:
            raise CommandError(f"No partnership with the slug '{partnership}'.")
        windows = selectors.open_windows(found)
        if not windows:
            self.stdout.write(
                f"No quarter of {found}'s plans is open for updates: nothing to send."
            )
            return
        for window in windows:
            if dry_run:
                reminders, unreachable = selectors.plan_reminders(selectors.chase_rows(window))
            else:
                try:
                    reminders, unreachable = services.reminders_send(
                        window=window, base_url=base_url
                    )
                except ValidationError as exc:
                    raise CommandError(" ".join(exc.messages)) from exc
            verb = "Would send" if dry_run else "Sent"
            self.stdout.write(
                f"{window.plan} {window.period}: {verb} {len(reminders)} "
                f"reminder{'s' if len(reminders) != 1 else ''}."
            )
            for reminder in reminders:
                refs = ", ".join(row.action.ref for row in reminder.rows)
                self.stdout.write(f"  {reminder.recipient.email}: {refs}")
            if unreachable:
                refs = ", ".join(row.action.ref for row in unreachable)
                self.stderr.write(f"  No lead officer with an email address for: {refs}")

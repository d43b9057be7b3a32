"""Email each daily-digest player what happened on the clauses they watch.

Meant for cron, e.g. `15 6 * * * manage.py send_notification_digests`.
Safe to run twice or on two servers at once: a notification is emailed once.
"""

from django.core.management.base import BaseCommand, CommandError

from charter.services.emails import notification_digests_send


class Command(BaseCommand):
    help = "Send the daily notification digests (each notification is emailed at most once)."

    def handle(self, *args, **options) -> None:
        report = notification_digests_send()
        if options["verbosity"] >= 1:
            self.stdout.write(f"Sent {report.sent} digest{'s' if report.sent != 1 else ''}.")
        if report.failed:
            # A non-zero exit makes cron tell the operator; the failed digests'
            # notifications stay unsent and go out with the next run.
            raise CommandError(
                f"{report.failed} digest{'s' if report.failed != 1 else ''} could not be sent; "
                "see the log. They will be retried on the next run."
            )

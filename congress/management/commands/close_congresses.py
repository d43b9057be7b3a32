"""Close every congress whose closing time has passed: run it from cron every minute."""

from django.core.management.base import BaseCommand

from congress.services.congresses import close_due_congresses


class Command(BaseCommand):
    help = "Close the congresses whose time is up, judging their open amendments."

    def handle(self, *args, **options) -> None:
        for closing in close_due_congresses():
            self.stdout.write(
                f"Closed “{closing.congress.title}” on {closing.congress.charter.slug}: "
                f"{len(closing.adopted)} adopted, {len(closing.rejected)} rejected, "
                f"{len(closing.conflicts)} left open."
            )

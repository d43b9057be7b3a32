"""Rebuild the search index from every searchable row (safe to run at any time)."""

from django.core.management.base import BaseCommand

from search.indexing import reindex_all


class Command(BaseCommand):
    help = "Write a search document for every charter, clause, revision, comment and persona."

    def handle(self, *args, **options) -> None:
        counts = reindex_all()
        summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
        if options["verbosity"]:
            self.stdout.write(f"Indexed {summary}.")

"""Read-side queries shared by views, feeds and the benchmark."""

from django.db.models import QuerySet

from charter.models import Clause, RevisionMeta
from personas.models import Persona


def revision_metas() -> QuerySet[RevisionMeta]:
    """Clause revisions with everything a history row shows, in one query."""
    return RevisionMeta.objects.filter(clause__isnull=False).select_related(
        "revision__user", "persona__tendency", "clause__charter"
    )


def latest_meta(clause: Clause) -> RevisionMeta | None:
    return revision_metas().filter(clause=clause).order_by("-number").first()


def persona_contributions(persona: Persona) -> QuerySet[RevisionMeta]:
    """The persona's clause revisions across charters, newest first."""
    return revision_metas().filter(persona=persona).order_by("-revision__date_created")

"""Writing the search index: one upsert per changed row.

Services call these inside their own transaction, right after the save, so
the index commits or rolls back with the change it describes. Only words are
written here; who may see a hit is decided at query time from the live rows
(see search.selectors), so moderation needs no call into this module.
"""

from collections.abc import Iterable, Iterator
from itertools import islice

from django.conf import settings
from django.db import transaction
from django.utils import translation
from reversion.models import Version

from charter.models import Charter, Clause, Comment, RevisionMeta
from charter.rendering import render_markdown
from personas.models import Persona, Quotation, Tendency
from search.languages import DEFAULT_CONFIG, config_for
from search.models import SearchDocument
from search.text import clean, html_to_text
from translations.models import ClauseTranslation

Kind = SearchDocument.Kind
BATCH = 500
TITLE_MAX = SearchDocument._meta.get_field("title").max_length
_UPDATED = [
    "kind",
    "charter",
    "clause",
    "comment",
    "persona",
    "quotation",
    "revision_meta",
    "version",
    "language",
    "title",
    "text",
    "date",
]


def _visible_text(body: str, body_html: str, *, skip_quotes: bool = False) -> str:
    # Fixture rows may not be rendered yet; the sanitiser is the one renderer.
    html = body_html or (render_markdown(body) if body else "")
    return html_to_text(html, skip_quotes=skip_quotes)


def _title(text: str) -> str:
    return clean(text)[:TITLE_MAX]


def index_documents(documents: Iterable[SearchDocument]) -> int:
    """Insert or update documents by key, in batches; returns how many."""
    count = 0
    for batch in _batches(documents):
        SearchDocument.objects.bulk_create(
            batch, update_conflicts=True, unique_fields=["key"], update_fields=_UPDATED
        )
        count += len(batch)
    return count


def _batches(items: Iterable, size: int = BATCH) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


# Documents, built in memory from rows already loaded.


def charter_document(charter: Charter) -> SearchDocument:
    return SearchDocument(
        key=f"charter:{charter.pk}",
        kind=Kind.CHARTER,
        charter_id=charter.pk,
        language=config_for(charter.source_language),
        title=_title(charter.title),
        text=clean(charter.summary),
        date=charter.created_at,
    )


def clause_document(clause: Clause) -> SearchDocument:
    """The clause's current text."""
    return SearchDocument(
        key=f"clause:{clause.pk}",
        kind=Kind.CLAUSE,
        charter_id=clause.charter_id,
        clause_id=clause.pk,
        language=config_for(clause.charter.source_language),
        title=_title(clause.title),
        text=_visible_text(clause.body, clause.body_html),
        date=clause.updated_at,
    )


def revision_document(
    meta: RevisionMeta, *, clause: Clause, version_id: int | None, fields: dict
) -> SearchDocument:
    """The clause's text at revision `meta`; `fields` are that version's saved fields."""
    return SearchDocument(
        key=f"revision:{meta.pk}",
        kind=Kind.REVISION,
        charter_id=clause.charter_id,
        clause_id=clause.pk,
        revision_meta_id=meta.pk,
        version_id=version_id,
        language=config_for(clause.charter.source_language),
        title=_title(fields.get("title", "")),
        text=_visible_text(fields.get("body", ""), fields.get("body_html", "")),
        date=meta.revision.date_created,
    )


def comment_document(comment: Comment, *, charter_id: int) -> SearchDocument:
    return SearchDocument(
        key=f"comment:{comment.pk}",
        kind=Kind.COMMENT,
        charter_id=charter_id,
        clause_id=comment.clause_id,
        comment_id=comment.pk,
        language=config_for(comment.language),
        # Quoted lines repeat another comment, which is found on its own; and
        # once a moderator hides that comment, a quote must not keep it findable.
        text=_visible_text(comment.body, comment.body_html, skip_quotes=True),
        date=comment.created_at,
    )


def persona_document(persona: Persona, *, tendency: Tendency) -> SearchDocument:
    # Indexed in English (its configuration), whoever's language is active:
    # "born 1939" must not become "né en 1939" because a French moderator saved.
    with translation.override(settings.LANGUAGE_CODE):
        about = [tendency.name, persona.years, persona.places, persona.bio]
    return SearchDocument(
        key=f"persona:{persona.pk}",
        kind=Kind.PERSONA,
        persona_id=persona.pk,
        language=DEFAULT_CONFIG,
        title=_title(persona.name),
        text=clean("\n".join(part for part in about if part)),
    )


def quotation_document(quotation: Quotation) -> SearchDocument:
    return SearchDocument(
        key=f"quotation:{quotation.pk}",
        kind=Kind.QUOTATION,
        persona_id=quotation.persona_id,
        quotation_id=quotation.pk,
        language=DEFAULT_CONFIG,
        title=_title(quotation.source),
        text=clean(quotation.text),
    )


# What services and the admin call after a save.


def index_charter(charter: Charter) -> None:
    index_documents([charter_document(charter)])


def index_clause(clause: Clause) -> None:
    """Index the clause's current title and text."""
    index_documents([clause_document(clause)])


def index_revision(meta: RevisionMeta, clause: Clause) -> None:
    """Index revision `meta`, just saved from `clause`: as the current text and as history.

    Run after the response (charter.services.revisions): the current text is
    read from the row again, so saves that finish out of order still leave the
    latest text indexed; the revision's own text is the one it was saved with.
    """
    version_id = getattr(meta, "version_pk", None) or (
        Version.objects.get_for_object(clause)
        .filter(revision_id=meta.revision_id)
        .values_list("pk", flat=True)
        .first()
    )
    fields = {"title": clause.title, "body": clause.body, "body_html": clause.body_html}
    with transaction.atomic():
        # The clause's row lock first, as its writers take it: this runs beside
        # other saves of the clause, and the documents' foreign keys lock rows
        # those saves hold.
        current = (
            Clause.objects.select_for_update(of=("self",))
            .select_related("charter")
            .filter(pk=clause.pk)
            .first()
        )
        index_documents(
            [
                *([clause_document(current)] if current is not None else []),
                revision_document(meta, clause=clause, version_id=version_id, fields=fields),
            ]
        )


def index_comment(comment: Comment) -> None:
    """Index a clause comment's current text (its clause is loaded with it by the services).

    Only clause debates are indexed: the index, its scopes and its charter
    filter are per charter. A contest entry's subject (contests.subjects)
    does not call this.
    """
    index_documents([comment_document(comment, charter_id=comment.clause.charter_id)])


def index_persona(persona: Persona) -> None:
    """Index a persona and its quotations (deleted quotations take their rows with them)."""
    persona = Persona.objects.select_related("tendency").get(pk=persona.pk)
    documents = [persona_document(persona, tendency=persona.tendency)]
    documents += [quotation_document(q) for q in persona.quotations.all()]
    index_documents(documents)


def index_tendency(tendency: Tendency) -> None:
    """Reindex a circle's personas: their documents carry the circle's name."""
    personas = tendency.personas.all()
    index_documents(persona_document(persona, tendency=tendency) for persona in personas)


# In bulk: `manage.py search_reindex`, seed_demo, the benchmark.


def index_comments(comments: Iterable[Comment]) -> int:
    """Index comments loaded with their clause (`select_related("clause")`)."""
    return index_documents(
        comment_document(comment, charter_id=comment.clause.charter_id) for comment in comments
    )


def index_revisions(metas: Iterable[RevisionMeta]) -> int:
    """Index clause revisions loaded with `select_related("revision", "clause__charter")`."""
    return index_documents(_revision_documents(metas))


def _revision_documents(metas: Iterable[RevisionMeta]) -> Iterator[SearchDocument]:
    """Documents for clause revisions loaded with `select_related("revision", "clause__charter")`.

    Each batch reads its versions in one query; the text comes from the
    version's own saved fields, so history is indexed as it was.
    """
    for batch in _batches(metas):
        versions = {
            (version.revision_id, version.object_id): version
            for version in Version.objects.get_for_model(Clause).filter(
                revision_id__in=[meta.revision_id for meta in batch]
            )
        }
        for meta in batch:
            version = versions.get((meta.revision_id, str(meta.clause_id)))
            if version is None:
                continue
            yield revision_document(
                meta, clause=meta.clause, version_id=version.pk, fields=version.field_dict
            )


def reindex_all() -> dict[str, int]:
    """Write a document for every searchable row; returns how many of each kind."""
    counts = {}
    with transaction.atomic():
        counts["charters"] = index_documents(charter_document(c) for c in Charter.objects.all())
        clauses = Clause.objects.select_related("charter")
        counts["clauses"] = index_documents(clause_document(c) for c in clauses.iterator())
        translations = ClauseTranslation.objects.select_related("clause")
        counts["translations"] = index_documents(
            translation_document(t) for t in translations.iterator()
        )
        metas = (
            RevisionMeta.objects.filter(clause__isnull=False)
            .select_related("revision", "clause__charter")
            .order_by("pk")
        )
        counts["revisions"] = index_revisions(metas.iterator(chunk_size=BATCH))
        # Clause debates only (see index_comment).
        comments = (
            Comment.objects.filter(clause__isnull=False).select_related("clause").order_by("pk")
        )
        counts["comments"] = index_comments(comments.iterator(chunk_size=BATCH))
        personas = Persona.objects.select_related("tendency")
        counts["personas"] = index_documents(
            persona_document(p, tendency=p.tendency) for p in personas
        )
        quotations = Quotation.objects.all()
        counts["quotations"] = index_documents(quotation_document(q) for q in quotations)
    return counts


def translation_document(translation: ClauseTranslation) -> SearchDocument:
    """A clause's translation, found like the clause and stemmed for its own language.

    It is a clause document (same kind, scope, visibility and link) keyed by
    language, so a French reader searching "travailleurs" finds the clause
    through its French text.
    """
    clause = translation.clause
    return SearchDocument(
        key=f"clause:{clause.pk}:{translation.language}",
        kind=Kind.CLAUSE,
        charter_id=clause.charter_id,
        clause_id=clause.pk,
        language=config_for(translation.language),
        title=_title(translation.title),
        text=_visible_text(translation.body, translation.body_html),
        date=translation.updated_at,
    )


def index_translation(translation: ClauseTranslation) -> None:
    """Index a clause translation's current text (its clause loaded with it)."""
    index_documents([translation_document(translation)])

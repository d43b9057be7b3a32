"""Reading the index: which documents match, in what order, and the hits to show.

On PostgreSQL a query is stemmed (websearch syntax) and matched against the
stored, GIN-indexed vectors, ranked with titles over text, and snippets come
from ts_headline. Elsewhere (the SQLite demo) a simpler matcher finds words
where they start, puts title matches first, then the newest.

Visibility is decided here from the live rows, never from the index: hidden
comments, removed clauses and the discussion of removed clauses are found by
moderators only. A results page costs the same few queries however many
documents match: one for the page's ids and the total, one to load those
documents, one for the personas they show (and a count when searching history).
"""

from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Expression,
    F,
    IntegerField,
    Q,
    QuerySet,
    TextChoices,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Replace, RowNumber
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from charter import permissions
from charter.models import Charter, Clause, Comment
from personas.models import Persona
from search import snippets
from search.languages import CONFIGS, config_for
from search.models import SearchDocument
from search.query import ParsedQuery
from search.snippets import Segment

Kind = SearchDocument.Kind
PAGE_SIZE = 20


class Scope(TextChoices):
    """What to search in; none chosen means everything."""

    CLAUSES = "clauses", gettext_lazy("Clauses")
    DISCUSSION = "discussion", gettext_lazy("Discussion")
    PERSONAS = "personas", gettext_lazy("Personas and their quotations")
    REFERENCE = "reference", gettext_lazy("Reference charters")


@dataclass(frozen=True)
class SearchParams:
    query: str
    parsed: ParsedQuery
    scopes: frozenset[str] = frozenset()
    charter: Charter | None = None
    history: bool = False


@dataclass
class Hit:
    document: SearchDocument
    url: str
    # Comments have no title of their own: the page names them by their clause.
    title: list[Segment]
    snippet: list[Segment]
    # Past revisions of the same clause that also match, when history is searched.
    earlier: int = 0
    # Why players do not see this hit; only moderators are shown such hits.
    hidden_because: str = ""


@dataclass
class SearchResults:
    page: Page
    hits: list[Hit] = field(default_factory=list)
    # True on PostgreSQL: stemming, ranking and websearch syntax.
    full_text: bool = True
    # The query matched nothing because PostgreSQL ignores all its words ("the", "and").
    only_common_words: bool = False


def full_text_available() -> bool:
    return connection.vendor == "postgresql"


# Which documents.


def _scope_filter(scopes: frozenset[str], *, history: bool) -> Q:
    chosen = scopes or frozenset(Scope.values)
    texts = [Kind.CHARTER, Kind.CLAUSE] + ([Kind.REVISION] if history else [])
    kinds = []
    if Scope.CLAUSES in chosen or Scope.REFERENCE in chosen:
        kinds += texts
    if Scope.DISCUSSION in chosen:
        kinds.append(Kind.COMMENT)
    if Scope.PERSONAS in chosen:
        kinds += [Kind.PERSONA, Kind.QUOTATION]
    wanted = Q(kind__in=kinds)
    # Only telling drafts from reference charters needs the charter row: a
    # search of everything (the usual one) joins nothing.
    if (Scope.CLAUSES in chosen) != (Scope.REFERENCE in chosen):
        reference = Q(charter__status=Charter.Status.REFERENCE)
        wanted &= ~Q(kind__in=texts) | (reference if Scope.REFERENCE in chosen else ~reference)
    return wanted


def _visible_filter() -> Q:
    # Hidden comments and removed clauses are few: PostgreSQL reads each set
    # once into a hash and tests every match against it, where joining the
    # live rows match by match costs a lookup each.
    hidden = Comment.objects.exclude(status=Comment.Status.VISIBLE).values("pk")
    removed = Clause.objects.filter(is_removed=True).values("pk")
    return ~Q(comment__in=hidden) & ~Q(clause__in=removed)


def _queries(params: SearchParams) -> dict[str, SearchQuery]:
    return {
        config: SearchQuery(params.query, config=config, search_type="websearch")
        for config in CONFIGS
    }


def _per_language(build, queries: dict[str, SearchQuery]) -> Expression:
    """`build(config, query)` for each configuration, chosen by the row's language."""
    if len(queries) == 1:
        ((config, query),) = queries.items()
        return build(config, query)
    return Case(
        *[When(language=config, then=build(config, query)) for config, query in queries.items()]
    )


def _postgres_match(documents: QuerySet, params: SearchParams) -> QuerySet:
    queries = _queries(params)
    # One condition per language, so each query form meets only the documents
    # stemmed the same way, and each can use the GIN index.
    matches = reduce(or_, [Q(language=config, vector=query) for config, query in queries.items()])
    rank = _per_language(lambda config, query: SearchRank(F("vector"), query), queries)
    return (
        documents.filter(matches)
        .annotate(rank=rank)
        .order_by("-rank", F("date").desc(nulls_last=True), "-pk")
    )


def _pattern_filter(pattern: str) -> Q:
    return Q(title__iregex=pattern) | Q(text__iregex=pattern)


def _simple_match(documents: QuerySet, params: SearchParams) -> QuerySet:
    alternatives = []
    for group in params.parsed.groups:
        conditions = [
            ~_pattern_filter(term.pattern()) if term.negated else _pattern_filter(term.pattern())
            for term in group
        ]
        alternatives.append(reduce(and_, conditions))
    in_title = reduce(or_, [Q(title__iregex=t.pattern()) for t in params.parsed.positive_terms])
    return (
        documents.filter(reduce(or_, alternatives))
        .annotate(rank=Case(When(in_title, then=Value(1)), default=Value(0)))
        .order_by("-rank", F("date").desc(nulls_last=True), "-pk")
    )


def _one_hit_per_clause(documents: QuerySet) -> QuerySet:
    """Keep a clause's current text, or else its latest matching past revision.

    Searching history asks "was it ever in the charter?": one answer per
    clause, with the number of earlier revisions that matched too.
    """
    clause_or_self = Case(
        When(kind__in=[Kind.CLAUSE, Kind.REVISION], then=F("clause_id")),
        default=F("pk") * -1,
        output_field=IntegerField(),
    )
    return documents.annotate(
        place=Window(
            RowNumber(),
            partition_by=[clause_or_self],
            # The current text (no revision) first, then the newest revision.
            order_by=[F("revision_meta__revision_number").desc(nulls_first=True)],
        ),
        earlier=Window(Count("pk", filter=Q(kind=Kind.REVISION)), partition_by=[clause_or_self]),
    ).filter(place=1)


def matching_documents(params: SearchParams, *, moderator: bool) -> QuerySet:
    """Matching documents, best first, annotated with `earlier` matching revisions."""
    documents = SearchDocument.objects.filter(_scope_filter(params.scopes, history=params.history))
    if params.charter is not None:
        documents = documents.filter(charter=params.charter)
    if not moderator:
        documents = documents.filter(_visible_filter())
    if params.history:
        # The latest revision is the current text, found as the clause itself.
        documents = documents.exclude(
            kind=Kind.REVISION, revision_meta__revision_number__gte=F("clause__revision_number")
        )
    if full_text_available():
        documents = _postgres_match(documents, params)
    else:
        documents = _simple_match(documents, params)
    if params.history:
        return _one_hit_per_clause(documents)
    return documents.annotate(earlier=Value(0))


def only_common_words(query: str, language: str) -> bool:
    """Whether PostgreSQL drops every word of `query` as too common in the reader's language.

    Judged in the reader's language only: "the and of" is all stop words to
    an English reader, though the German configuration would keep them.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT numnode(websearch_to_tsquery(%s::regconfig, %s)) = 0",
            [config_for(language), query],
        )
        return bool(cursor.fetchone()[0])


# The hits to show.


def _hidden_because(document: SearchDocument) -> str:
    clause, comment = document.clause, document.comment
    if comment is not None and comment.status == Comment.Status.HIDDEN:
        return _("Hidden by a moderator")
    if clause is not None and clause.is_removed:
        return _("On a removed clause") if comment is not None else _("Removed clause")
    return ""


def _url(document: SearchDocument) -> str:
    slug = document.charter.slug if document.charter_id else ""
    match document.kind:
        case Kind.CHARTER:
            return reverse("charter:detail", args=[slug])
        case Kind.CLAUSE:
            return reverse("charter:clause", args=[slug, document.clause_id])
        case Kind.REVISION:
            url = reverse("charter:diff", args=[slug, document.clause_id])
            return f"{url}?to={document.version_id}"
        case Kind.COMMENT:
            return reverse("charter:comment", args=[slug, document.clause_id, document.comment_id])
        case Kind.QUOTATION:
            url = reverse("personas:detail", args=[document.persona.slug])
            return f"{url}#quote-{document.quotation_id}"
        case _:
            return reverse("personas:detail", args=[document.persona.slug])


_SHOWN = [
    "kind",
    "persona_id",
    "quotation_id",
    "version_id",
    "title",
    "date",
    "charter__slug",
    "charter__title",
    "charter__status",
    "clause__title",
    "clause__revision_number",
    "clause__is_removed",
    "comment__status",
    "comment__persona_id",
    "comment__author__username",
    "revision_meta__revision_number",
    "revision_meta__kind",
    "revision_meta__persona_id",
]


def _attach_personas(documents: list[SearchDocument]) -> None:
    """Load every persona a hit shows (with its circle, for the avatar) in one query."""
    wanted = {d.persona_id for d in documents}
    wanted |= {d.comment.persona_id for d in documents if d.comment_id}
    wanted |= {d.revision_meta.persona_id for d in documents if d.revision_meta_id}
    personas = Persona.objects.select_related("tendency").in_bulk(wanted - {None})
    for document in documents:
        if document.persona_id:
            document.persona = personas[document.persona_id]
        if document.comment_id:
            document.comment.persona = personas[document.comment.persona_id]
        if document.revision_meta_id and document.revision_meta.persona_id:
            document.revision_meta.persona = personas[document.revision_meta.persona_id]


def _loaded(ids: list[int], params: SearchParams) -> dict[int, SearchDocument]:
    # Personas are read apart: joining them (and their circles) here three
    # times over made PostgreSQL spend longer planning this query than running it.
    documents = (
        SearchDocument.objects.filter(pk__in=ids)
        .select_related("charter", "clause", "comment__author", "revision_meta")
        # What a hit shows, and no more: clause and comment bodies are long.
        .only(*_SHOWN)
    )
    if full_text_available():
        queries = _queries(params)
        marks = {"start_sel": snippets.START, "stop_sel": snippets.STOP}
        documents = documents.annotate(
            # The whole text with its matches marked: search.snippets cuts the
            # excerpt, with an ellipsis where it cuts (ts_headline's own
            # fragments do not say where the text went on).
            text_headline=_per_language(
                lambda config, query: SearchHeadline(
                    _untagged("text"), query, config=config, highlight_all=True, **marks
                ),
                queries,
            ),
            title_headline=_per_language(
                lambda config, query: SearchHeadline(
                    _untagged("title"), query, config=config, highlight_all=True, **marks
                ),
                queries,
            ),
        )
    else:
        # The simpler matcher highlights in Python, from the text.
        documents = documents.only(*_SHOWN, "text")
    documents = list(documents)
    _attach_personas(documents)
    return {document.pk: document for document in documents}


def _untagged(name: str) -> Replace:
    return Replace(F(name), Value("<"), Value(snippets.LT), output_field=TextField())


def _hit(document: SearchDocument, params: SearchParams, earlier: int) -> Hit:
    if full_text_available():
        title = snippets.split_marked(document.title_headline)
        text = snippets.split_marked(document.text_headline)
    else:
        patterns = [term.pattern(whole_words=True) for term in params.parsed.positive_terms]
        title = snippets.mark_all(document.title, patterns)
        text = snippets.mark_all(document.text, patterns)
    snippet = snippets.excerpt(text)
    return Hit(
        document=document,
        url=_url(document),
        title=title,
        snippet=snippet,
        earlier=earlier,
        hidden_because=_hidden_because(document),
    )


def _page(documents: QuerySet, number: int, *, history: bool) -> tuple[Page, list]:
    """Page `number` (or the last) as (document id, earlier) rows."""
    if history:
        # One hit per clause is a filter on a window, and a count over the
        # same query counts before that filter: count the filtered query.
        page = Paginator(documents.values_list("pk", "earlier"), PAGE_SIZE).get_page(number)
        return page, list(page.object_list)
    # The total rides along as a window over all matches: one pass, not two.
    rows = documents.annotate(total=Window(Count("pk"))).values_list("pk", "earlier", "total")
    found = list(rows[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])
    total = found[0][2] if found else (documents.count() if number > 1 else 0)
    page = Paginator(range(total), PAGE_SIZE).get_page(number)
    if not found and page.number != number and total:
        found = list(rows[(page.number - 1) * PAGE_SIZE : page.number * PAGE_SIZE])
    return page, [(pk, earlier) for pk, earlier, _ in found]


def search(params: SearchParams, *, user, page_number: int | None) -> SearchResults:
    """One page of hits for `params` as `user` may see them."""
    moderator = permissions.is_moderator(user)
    documents = matching_documents(params, moderator=moderator)
    page, found = _page(documents, page_number or 1, history=params.history)
    results = SearchResults(page=page, full_text=full_text_available())
    if not found:
        results.only_common_words = results.full_text and only_common_words(
            params.query, get_language() or settings.LANGUAGE_CODE
        )
        return results
    loaded = _loaded([pk for pk, _ in found], params)
    results.hits = [_hit(loaded[pk], params, earlier) for pk, earlier in found if pk in loaded]
    return results

"""The search index: one row per searchable thing, written by `search.indexing`.

Rows hold what is searched (title, plain text, language) and which live row
they stand for. Whether a reader may see a hit is never copied here: queries
join the live comment and clause rows, so hiding a comment or removing a
clause takes effect in search at once, with no reindex to forget.
"""

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models.functions import Replace
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from charter.models import Charter, Clause, Comment, RevisionMeta
from personas.models import Persona, Quotation
from search.languages import DEFAULT_CONFIG


class RegConfigField(models.CharField):
    """A text search configuration name ("english"): typed regconfig on PostgreSQL.

    The stored vector is a generated column, and PostgreSQL accepts only
    immutable expressions there: `to_tsvector(regconfig, text)` is, but a cast
    from text to regconfig (a catalogue lookup) is not. Other databases keep
    the name as text.
    """

    def db_type(self, connection) -> str | None:
        if connection.vendor == "postgresql":
            return "regconfig"
        return super().db_type(connection)


@RegConfigField.register_lookup
class RegConfigExact(models.lookups.Exact):
    """`language = 'english'::regconfig` on PostgreSQL.

    regconfig borrows oid's equality, so an uncast name would be read as an
    oid and refused.
    """

    def process_rhs(self, compiler, connection):
        sql, params = super().process_rhs(compiler, connection)
        if connection.vendor == "postgresql" and self.rhs_is_direct_value():
            sql = f"{sql}::regconfig"
        return sql, params


def _untagged(name: str) -> Replace:
    # PostgreSQL's parser reads "<b>" or "<script>…</script>" in the text as
    # markup and skips it, but the text here is what readers see, tags
    # included (typed in a code span, say): "<" must not start a tag.
    return Replace(
        models.F(name), models.Value("<"), models.Value(" "), output_field=models.TextField()
    )


class DocumentVector(models.Func):
    """Title (weight A) and text (weight B), stemmed in the row's own language.

    Compiles to NULL off PostgreSQL, where the simpler matcher reads the text.
    """

    output_field = SearchVectorField()

    def __init__(self) -> None:
        super().__init__(
            SearchVector(_untagged("title"), config=models.F("language"), weight="A")
            + SearchVector(_untagged("text"), config=models.F("language"), weight="B")
        )

    def as_sql(self, compiler, connection, **extra_context):
        return "NULL", []

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="(%(expressions)s)")


IN_A_CHARTER = ["charter", "clause", "revision", "comment"]


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        CLAUSE = "clause", _("Clause")
        REVISION = "revision", _("Earlier revision")
        COMMENT = "comment", _("Comment")
        PERSONA = "persona", _("Persona")
        QUOTATION = "quotation", _("Quotation")
        CHARTER = "charter", _("Charter")

    # "clause:12", "comment:7"…: one row per source, so indexing is an upsert.
    key = models.CharField(max_length=40, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    charter = models.ForeignKey(
        Charter, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    clause = models.ForeignKey(
        Clause, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    persona = models.ForeignKey(
        Persona, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    quotation = models.ForeignKey(
        Quotation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    revision_meta = models.ForeignKey(
        RevisionMeta, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # The clause's reversion Version for this revision: its id is the "version
    # id" that the diff URL shows a revision by.
    version = models.ForeignKey(
        Version, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    language = RegConfigField(max_length=63, default=DEFAULT_CONFIG)
    title = models.CharField(max_length=300, blank=True)
    text = models.TextField(blank=True)
    date = models.DateTimeField(null=True, blank=True)
    # Computed by the database on every insert and update, so it can never
    # lag behind title and text; GIN-indexed on PostgreSQL (migration 0001).
    vector = models.GeneratedField(
        expression=DocumentVector(), output_field=SearchVectorField(), db_persist=True
    )

    class Meta:
        constraints = [
            # The charter filter relies on it: what belongs to a charter says which.
            models.CheckConstraint(
                condition=models.Q(kind__in=IN_A_CHARTER, charter__isnull=False)
                | (~models.Q(kind__in=IN_A_CHARTER) & models.Q(charter__isnull=True)),
                name="search_document_has_charter_iff_charter_content",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title or self.text[:40]}"

"""The seed: fixture counts, initial revisions and idempotence."""

from django.contrib.auth.models import User
from django.core.management import call_command

from charter.models import Charter, Clause, Comment, RevisionMeta, Stance
from personas.models import Persona, Player, Quotation, Tendency
from translations.models import ClauseTranslation


def test_fixtures_fill_the_hall(seeded):
    assert Persona.objects.count() >= 40
    assert Tendency.objects.filter(personas__isnull=False).distinct().count() >= 10
    assert Quotation.objects.count() >= 35
    for slug in [
        "rosa-luxemburg",
        "mikhail-bakunin",
        "karl-marx",
        "emma-goldman",
        "peter-kropotkin",
        "victor-serge",
    ]:
        assert Persona.objects.filter(slug=slug).exists(), slug
    assert not Persona.objects.filter(bio="").exists()


def test_fixtures_hold_the_virtual_charter_and_two_reference_charters(seeded):
    virtual = Charter.objects.get(slug="virtual-charter")
    assert virtual.status == Charter.Status.DRAFTING
    assert virtual.clauses.count() >= 8
    references = Charter.objects.filter(status=Charter.Status.REFERENCE)
    assert set(references.values_list("slug", flat=True)) == {
        "iwa-general-rules-1864",
        "iww-preamble-1905",
    }
    assert all(ref.source_url.startswith("https://") for ref in references)
    rule = "Everything that tends to unite us globally … is accepted as good"
    assert virtual.clauses.filter(body__contains=rule).exists()


def test_every_seeded_clause_has_rendered_html_and_one_revision(seeded):
    for clause in Clause.objects.all():
        assert clause.body_html.strip().startswith("<")
        meta = RevisionMeta.objects.get(clause=clause)
        assert meta.revision_number == 1 and meta.kind == RevisionMeta.Kind.SEED
        assert meta.words_added > 0


def test_seed_demo_is_idempotent_and_keeps_edits(seeded):
    call_command("seed_demo", verbosity=0)
    clause = Clause.objects.get(charter__slug="virtual-charter", position=1)
    Clause.objects.filter(pk=clause.pk).update(title="Edited by players")

    def counts():
        return [
            model.objects.count()
            for model in (Persona, Clause, RevisionMeta, Comment, Stance, User, ClauseTranslation)
        ]

    before = counts()
    call_command("seed_demo", verbosity=0)
    assert counts() == before
    assert Clause.objects.get(pk=clause.pk).title == "Edited by players"
    assert User.objects.filter(username__in=["alice", "bob", "mod"]).count() == 3
    assert Player.objects.get(user__username="alice").persona.slug == "rosa-luxemburg"


def test_the_demo_hall_has_some_life_in_it(client, seeded):
    call_command("seed_demo", verbosity=0)
    assert Comment.objects.filter(parent__isnull=False).exists()
    assert RevisionMeta.objects.filter(revision__user__username="alice").exists()
    program = client.get("/charters/virtual-charter/minimum-program/").text
    assert "Solidarity across borders" in program


def test_new_rows_after_the_seed_get_fresh_ids(seeded):
    # Fixture rows carry explicit ids; the sequences must have moved past them.
    highest = Clause.objects.order_by("-pk").values_list("pk", flat=True).first()
    charter = Charter.objects.create(title="New", slug="new")
    clause = Clause.objects.create(charter=charter, title="t", body="b")
    assert clause.pk > highest


def test_the_demo_charter_reads_in_french_german_and_spanish(client, seeded):
    call_command("seed_demo", verbosity=0)
    clauses = Clause.objects.live().filter(charter__slug="virtual-charter").count()
    for language in ("fr", "de", "es"):
        assert ClauseTranslation.objects.filter(language=language).count() == clauses
    french = client.get("/fr/charters/virtual-charter/").text
    assert "La solidarité par-delà les frontières" in french
    # The staged demo edited a clause after its translation: it shows as outdated.
    assert "translation-outdated" in french

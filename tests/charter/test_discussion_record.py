"""The persona's record: edits and comments across charters, newest first."""

from datetime import timedelta

from django.utils import timezone

from charter.models import Comment
from charter.selectors.records import persona_contributions
from tests.conftest import make_clause, make_comment, revise_clause


def test_the_record_merges_edits_and_comments_newest_first(alice, rosa, clause):
    other = make_clause(title="Internationalism")
    hour = timedelta(hours=1)
    start = timezone.now() - 10 * hour
    make_comment(clause=clause, author=alice, body="Oldest", created_at=start)
    revise_clause(other, alice, "Rewritten by Rosa", "tighter")
    make_comment(clause=other, author=alice, body="Newest", created_at=timezone.now() + hour)
    entries = persona_contributions(rosa)[0:10]
    assert [e.kind for e in entries] == ["comment", "edit", "comment"]
    assert entries[0].comment.body == "Newest"
    assert entries[1].meta.clause == other
    assert persona_contributions(rosa).count() == 3


def test_hidden_comments_and_other_personas_stay_out_of_the_record(alice, bob, rosa, clause):
    make_comment(clause=clause, author=alice, body="Visible")
    make_comment(clause=clause, author=alice, body="Hidden", status=Comment.Status.HIDDEN)
    make_comment(clause=clause, author=bob, body="Bakunin's")
    assert [e.comment.body for e in persona_contributions(rosa)[0:10]] == ["Visible"]


def test_the_persona_page_shows_edits_and_comments_with_links(client, alice, rosa, clause):
    said = make_comment(clause=clause, author=alice, body="A point *made*")
    revise_clause(clause, alice, "New words", "sharper")
    text = client.get(rosa.get_absolute_url()).text
    assert f'href="{clause.get_absolute_url()}comments/{said.pk}/"' in text
    assert "<q>A point made</q>" in text  # plain words, not Markdown
    assert "<q>sharper</q>" in text
    assert text.index("sharper") < text.index("A point")


def test_the_persona_page_paginates_the_record(client, alice, rosa, clause):
    base = timezone.now() - timedelta(days=1)
    for n in range(30):
        make_comment(
            clause=clause, author=alice, body=f"Remark {n:02d}", created_at=base + timedelta(n)
        )
    first = client.get(rosa.get_absolute_url()).text
    second = client.get(rosa.get_absolute_url() + "?page=2").text
    assert "Remark 29" in first and "Remark 05" in first and "Remark 04" not in first
    assert "Remark 04" in second and "Remark 00" in second


def test_record_excerpts_leave_out_quotations_and_markdown_marks():
    from charter.templatetags.charter_tags import excerpt

    quoting = (
        "> **Karl Marx:**\n>\n> Workers of the world\n\nUnite, *freely*, [here](https://x.org)."
    )
    assert excerpt(quoting) == "Unite, freely, here."
    assert excerpt("> only a quote") == "> only a quote"
    assert excerpt("word " * 100, 20) == "word word word word…"

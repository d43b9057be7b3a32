"""The search page: what it finds, for whom, and how it refuses bad input.

These run on SQLite (make test-fast) and on PostgreSQL (make test) alike:
they use whole words, which both matchers find the same way.
"""

import pytest
from django.db import connection
from django.urls import reverse
from reversion.models import Version

from charter.models import Charter, Comment
from charter.services.discussion import comment_edit, comment_post
from charter.services.moderation import clause_recover, comment_hide
from charter.services.revisions import clause_remove
from personas.models import Quotation
from search.indexing import index_persona
from search.selectors import PAGE_SIZE
from tests.conftest import make_charter, make_clause, make_comment, revise_clause
from tests.search.helpers import hits, search, urls

pytestmark = pytest.mark.django_db


def comment_url(comment: Comment) -> str:
    clause = comment.clause
    return reverse("charter:comment", args=[clause.charter.slug, clause.pk, comment.pk])


# Finding things.


def test_it_finds_a_clause_by_a_word_of_its_text(client, clause):
    found = search(client, "lands")
    assert urls(found) == [clause.get_absolute_url()]
    assert found[0].kind == "clause"
    assert "<mark>lands</mark>" in found[0].snippet


def test_it_finds_a_comment_and_links_to_it_in_its_thread(client, clause, alice):
    posted = comment_post(clause_id=clause.pk, user=alice, body="Let us federate the bakeries.")
    found = search(client, "bakeries")
    assert urls(found) == [comment_url(posted.comment)]
    assert "Rosa Luxemburg on “Solidarity across borders”" in found[0].title
    landing = client.get(found[0].url)
    assert landing.status_code == 302
    assert landing.url.endswith(f"#comment-{posted.comment.pk}")


def test_it_finds_a_comment_by_its_edited_text_only(client, clause, alice):
    posted = comment_post(clause_id=clause.pk, user=alice, body="Bakeries first.")
    comment_edit(comment_id=posted.comment.pk, user=alice, body="Printing presses first.", side="")
    assert search(client, "bakeries") == []
    assert urls(search(client, "presses")) == [comment_url(posted.comment)]


def test_it_finds_personas_and_their_quotations(client, rosa):
    rosa.bio = "Polish-German theorist of the mass strike."
    rosa.save()
    quote = Quotation.objects.create(
        persona=rosa, text="Freedom is always the freedom of dissenters.", source="1918"
    )
    index_persona(rosa)
    assert urls(search(client, "strike")) == [rosa.get_absolute_url()]
    assert urls(search(client, "dissenters")) == [f"{rosa.get_absolute_url()}#quote-{quote.pk}"]
    assert f'id="quote-{quote.pk}"' in client.get(rosa.get_absolute_url()).text


def test_the_quotation_link_lands_on_the_quotation(client, rosa):
    quote = Quotation.objects.create(persona=rosa, text="Socialism or barbarism.", source="Junius")
    index_persona(rosa)
    (hit,) = search(client, "barbarism")
    page = client.get(hit.url.split("#")[0])
    assert f'id="{hit.url.split("#")[1]}"' in page.text
    assert quote.text in page.text


def test_it_finds_the_current_text_and_not_replaced_words(client, clause, alice):
    revise_clause(clause, alice, "Workers of every country share one cause.")
    assert search(client, "lands") == []
    assert urls(search(client, "every")) == [clause.get_absolute_url()]


def test_it_finds_replaced_words_in_past_revisions_when_asked(client, clause, alice):
    revise_clause(clause, alice, "Workers of every country share one cause.")
    seed_version = Version.objects.get_for_object(clause).last()
    (hit,) = search(client, "lands", history="on")
    assert hit.kind == "revision"
    assert hit.url == f"{clause.get_absolute_url()}diff/?to={seed_version.pk}"
    assert "Revision 1 of 2" in hit.html
    diff = client.get(hit.url)
    assert diff.status_code == 200
    assert "lands" in diff.text


def test_it_shows_one_hit_per_clause_when_searching_history(client, clause, alice):
    revise_clause(clause, alice, "Workers of all lands share one cause, and bread.")
    revise_clause(clause, alice, "Workers of all lands share one cause, bread and roses.")
    found = search(client, "lands", history="on")
    assert urls(found) == [clause.get_absolute_url()]
    assert "also in 2 earlier revisions" in found[0].html


def test_it_counts_earlier_matching_revisions_on_a_past_revision_hit(client, clause, alice):
    revise_clause(clause, alice, "Workers of all lands share bread.")
    revise_clause(clause, alice, "Workers share bread.")
    (hit,) = search(client, "lands", history="on")
    assert "Revision 2 of 3" in hit.html
    assert "1 earlier matching revision" in hit.html


@pytest.mark.parametrize("history", ["", "on"])
def test_titles_rank_above_bodies(client, charter, history):
    titled = make_clause(charter=charter, title="The general strike", body="Down tools.")
    # Newer, so only the ranking can put it second.
    body_only = make_clause(charter=charter, title="Means", body="On the general strike.")
    assert urls(search(client, "strike", history=history)) == [
        titled.get_absolute_url(),
        body_only.get_absolute_url(),
    ]


def test_anonymous_and_signed_in_readers_see_the_same_public_hits(client, clause, alice):
    anonymous = urls(search(client, "lands"))
    client.force_login(alice)
    assert urls(search(client, "lands")) == anonymous == [clause.get_absolute_url()]


# Filters.


@pytest.fixture
def everywhere(charter, alice, rosa):
    """One thing of each kind containing "commune"."""
    clause = make_clause(charter=charter, title="The commune", body="Self-rule.")
    reference = make_charter(slug="iwa", status=Charter.Status.REFERENCE)
    rule = make_clause(charter=reference, title="Rule", body="Like the commune of old.")
    comment = make_comment(clause=clause, author=alice, body="Paris commune, 1871.")
    from search.indexing import index_comment

    index_comment(comment)
    Quotation.objects.create(persona=rosa, text="The commune lives.", source="Speech")
    index_persona(rosa)
    return {"clause": clause, "rule": rule, "comment": comment, "reference": reference}


def test_it_searches_everything_when_no_filter_is_ticked(client, everywhere):
    kinds = sorted(hit.kind for hit in search(client, "commune"))
    assert kinds == ["clause", "clause", "comment", "quotation"]


@pytest.mark.parametrize(
    ("what", "kinds"),
    [
        ("clauses", ["clause"]),
        ("discussion", ["comment"]),
        ("personas", ["quotation"]),
        ("reference", ["clause"]),
    ],
)
def test_it_searches_only_what_is_ticked(client, everywhere, what, kinds):
    assert [hit.kind for hit in search(client, "commune", what=what)] == kinds


def test_reference_charters_are_their_own_filter(client, everywhere):
    (hit,) = search(client, "commune", what="reference")
    assert hit.url == everywhere["rule"].get_absolute_url()


def test_it_searches_one_charter(client, everywhere):
    found = search(client, "commune", charter=everywhere["reference"].slug)
    assert urls(found) == [everywhere["rule"].get_absolute_url()]


def test_ticked_filters_are_kept_in_the_form_and_the_page_links(client, charter, alice):
    for n in range(PAGE_SIZE + 1):
        make_clause(charter=charter, title=f"Strike {n}", body="Down tools.")
    response = client.get("/search/", {"q": "strike", "what": "clauses", "history": "on"})
    assert 'value="clauses" id="id_what_0" checked' in response.text
    assert "q=strike&amp;what=clauses&amp;history=on&amp;page=2" in response.text
    assert len(hits(client.get("/search/?q=strike&what=clauses&history=on&page=2").text)) == 1


# Visibility.


def test_hidden_comments_are_found_by_moderators_only(client, clause, alice, mod):
    posted = comment_post(clause_id=clause.pk, user=alice, body="Buy my miracle tonic.")
    comment_hide(comment_id=posted.comment.pk, moderator=mod, reason="Spam")
    assert search(client, "tonic") == []
    client.force_login(alice)
    assert search(client, "tonic") == []
    client.force_login(mod)
    (hit,) = search(client, "tonic")
    assert hit.url == comment_url(posted.comment)
    assert "Hidden by a moderator" in hit.html


def test_removed_clauses_and_their_discussion_are_found_by_moderators_only(
    client, clause, alice, mod
):
    comment_post(clause_id=clause.pk, user=alice, body="The lands question again.")
    clause_remove(clause_id=clause.pk, user=alice, reason="Duplicate")
    assert search(client, "lands") == []
    assert search(client, "lands", history="on") == []
    client.force_login(mod)
    found = search(client, "lands")
    assert sorted(hit.kind for hit in found) == ["clause", "comment"]
    assert "Removed clause" in found[0].html + found[1].html
    assert "On a removed clause" in found[0].html + found[1].html


def test_a_recovered_clause_is_found_again_at_once(client, clause, alice, mod):
    clause_remove(clause_id=clause.pk, user=alice, reason="Oops")
    clause_recover(clause_id=clause.pk, moderator=mod, reason="Removed by mistake")
    assert urls(search(client, "lands")) == [clause.get_absolute_url()]


# Safety.

HOSTILE = (
    "Strike <script>alert(1)</script> and <img src=x onerror=alert(2)> "
    "&lt;mark&gt; </mark> ␂ \x02 \x03 [[MARK]] \ue000"
)


def test_snippets_escape_hostile_text_and_mark_only_matches(client, rosa):
    # Bios are plain text, indexed as written (less control characters); the
    # admin does not refuse control characters, so they reach the indexer.
    rosa.bio = HOSTILE
    rosa.save()
    index_persona(rosa)
    (hit,) = search(client, "strike")
    assert "<script" not in hit.html and "<img" not in hit.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hit.snippet
    assert "&lt;img src=x onerror=alert(2)&gt;" in hit.snippet
    assert "&amp;lt;mark&amp;gt; &lt;/mark&gt; ␂" in hit.snippet
    assert hit.snippet.count("<mark>") == hit.snippet.count("</mark>") == 1
    assert "<mark>Strike</mark>" in hit.snippet
    assert "\x02" not in hit.html and "\x03" not in hit.html


def test_comment_snippets_show_code_as_text(client, clause, alice):
    comment_post(clause_id=clause.pk, user=alice, body="Strike `<script>alert(1)</script>` out")
    (hit,) = search(client, "strike")
    assert "<mark>Strike</mark> &lt;script&gt;alert(1)&lt;/script&gt; out" in hit.snippet


def test_a_hostile_title_is_escaped_too(client, charter):
    make_clause(charter=charter, title="<b>Bold</b> strike", body="Text.")
    (hit,) = search(client, "strike")
    assert hit.title == "&lt;b&gt;Bold&lt;/b&gt; <mark>strike</mark>"


# Bad input: a clear message, never a 500.

# Long, yet within the longest query string the site reads (config.middleware).
LONG = "strike " * 500


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": ""}, "Type a word or two to search for."),
        ({"q": "   "}, "Type a word or two to search for."),
        ({"q": LONG}, "Searches are limited to 200 characters; yours has 3,499."),
        ({"q": "?!…—"}, "has no words in it to search for"),
        ({"q": '"" - ""'}, "has no words in it to search for"),
        ({"q": "strike\x00"}, "invisible control characters (such as a NUL byte)"),
        ({"q": "-strike"}, "Say what to look for, not only what to leave out"),
        ({"q": "strike", "what": "everything"}, "“everything” is not something to search in"),
        ({"q": "strike", "charter": "no-such"}, "There is no charter “no-such” to search in."),
    ],
)
def test_bad_queries_get_a_clear_message(client, clause, params, message):
    response = client.get("/search/", params)
    assert response.status_code == 400
    assert message in response.text
    assert 'role="alert"' in response.text


@pytest.mark.parametrize("raw", ["%ED%A0%80", "%FF%FE", "%F0%9F"])
def test_undecodable_bytes_and_lone_surrogates_get_a_clear_message(client, clause, raw):
    response = client.get(f"/search/?q=strike{raw}")
    assert response.status_code == 400
    assert "could not be read as text" in response.text


@pytest.mark.parametrize(
    "query",
    ['"strike', 'strike"', '"lands" or "', "lands or", "or lands", "a&b|c!(d)", "lands:*", "'x'"],
)
def test_odd_but_readable_queries_just_search(client, clause, query):
    assert client.get("/search/", {"q": query}).status_code == 200


@pytest.mark.parametrize("page", ["²", "0", "-1", "1.5", "1e3", "abc", "99999999999999999999"])
def test_junk_page_numbers_show_the_first_page_with_a_note(client, clause, page):
    response = client.get("/search/", {"q": "lands", "page": page})
    assert response.status_code == 200
    assert "is not a page number; here is the first page." in response.text
    assert urls(hits(response.text)) == [clause.get_absolute_url()]


def test_a_page_past_the_end_shows_the_last_page(client, clause):
    response = client.get("/search/", {"q": "lands", "page": "7"})
    assert "There is no page 7; here is the last one." in response.text
    assert len(hits(response.text)) == 1


def test_the_page_without_a_query_is_an_empty_form(client, db):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'role="alert"' not in response.text
    assert 'aria-label="Search the charters"' in response.text


def test_searching_is_get_only(client, db):
    assert client.post("/search/", {"q": "strike"}).status_code == 405


def test_the_page_says_when_search_is_the_simple_kind(client, clause):
    simple = "search is the simple kind" in client.get("/search/?q=lands").text
    assert simple == (connection.vendor != "postgresql")


# The header.


def test_every_page_has_a_labelled_search_box(client, clause):
    page = client.get(clause.get_absolute_url()).text
    assert '<form class="site-search" role="search" aria-label="Site"' in page
    assert '<label class="visually-hidden" for="site-search-q">' in page


# Queries.


def _fill(charter, alice, size: int) -> None:
    for n in range(size):
        clause = make_clause(charter=charter, title=f"Strike {n}", body="General strike.")
        revise_clause(clause, alice, "A general strike, and more.")
        comment_post(clause_id=clause.pk, user=alice, body=f"Strike {n} now!")
        Comment.objects.filter(author=alice).update(created_at="2000-01-01T00:00Z")
    hidden = Comment.objects.first()
    hidden.status = Comment.Status.HIDDEN
    hidden.save()


@pytest.mark.parametrize("size", [2, 15])
@pytest.mark.parametrize("who", ["anonymous", "alice", "mod"])
def test_a_results_page_costs_the_same_queries_whatever_it_finds(
    client, django_assert_max_num_queries, charter, alice, mod, size, who
):
    _fill(charter, alice, size)
    if who != "anonymous":
        client.force_login(alice if who == "alice" else mod)
    for params in [{"q": "strike"}, {"q": "strike", "history": "on"}]:
        with django_assert_max_num_queries(10):
            response = client.get("/search/", params)
        assert len(hits(response.text)) == min(PAGE_SIZE, 2 * size - (who != "mod"))

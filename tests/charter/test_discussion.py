"""Posting comments and replies, reading threads, quoting, and refusing bad input."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from charter.limits import LIMITS
from charter.models import COMMENT_BODY_MAX, Clause, Comment
from charter.selectors import revisions as history
from charter.selectors.discussion import THREADS_PER_PAGE
from charter.services import discussion
from charter.views.discussion import MAX_INDENT
from personas.models import Player
from tests.conftest import make_charter, make_clause, make_comment, make_user, revise_clause

FLOOD_LIMIT = int(LIMITS["comment"].rates[0].split("/")[0])


def comments_url(clause: Clause) -> str:
    return f"{clause.get_absolute_url()}comments/"


def post(client, clause, body="Solidarity is a practice, not a feeling.", **extra):
    return client.post(comments_url(clause), {"body": body, **extra})


def textarea_value(html: str) -> str:
    match = re.search(r'<textarea[^>]*name="body"[^>]*>\n?(.*?)</textarea>', html, re.S)
    assert match, "the form's textarea is missing"
    return match.group(1)


def suspend(user) -> None:
    Player.objects.filter(user=user).update(
        suspended_until=timezone.now() + timedelta(days=2), suspension_reason="Flooding"
    )


# Posting


def test_a_player_posts_a_comment_as_their_persona_and_lands_on_its_permalink(
    alice_client, alice, rosa, clause
):
    response = post(alice_client, clause, body="We stand *together*.", side="for")
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{clause.get_absolute_url()}#comment-{comment.pk}"
    assert (comment.author, comment.persona, comment.side) == (alice, rosa, "for")
    assert comment.body_html == "<p>We stand <em>together</em>.</p>"
    assert comment.clause_version == history.latest_version(clause)
    assert comment.clause_revision_number == 1
    assert (comment.path, comment.depth) == (f"{comment.pk:010d}/", 0)


def test_the_clause_page_shows_who_said_it_when_and_on_which_revision(alice_client, alice, clause):
    comment = make_comment(clause=clause, author=alice, side="against")
    text = alice_client.get(clause.get_absolute_url()).text
    assert f'id="comment-{comment.pk}"' in text
    assert "Rosa Luxemburg" in text and "Spartacists" in text
    assert 'played by <a href="/players/alice/">alice</a>' in text
    assert 'aria-label="Rosa Luxemburg"' in text  # the avatar
    assert "on revision 1" in text
    assert "what changed since" not in text
    assert '<span class="side-mark side-against">' in text
    assert "<em>organise</em>" in text


def test_a_comment_on_an_older_revision_links_to_what_changed_since(alice_client, alice, clause):
    old_version = history.latest_version(clause)
    comment = make_comment(clause=clause, author=alice, clause_version=old_version)
    revise_clause(
        clause,
        alice,
        "Workers of all lands share one cause, and one future.",
        base_version_id=old_version.pk,
    )
    text = alice_client.get(clause.get_absolute_url()).text
    assert f"{clause.get_absolute_url()}diff/?from={old_version.pk}" in text
    assert comment.clause_revision_number == 1
    assert "on revision 1" in text


def test_anonymous_visitors_are_sent_to_log_in_and_nothing_is_posted(client, clause):
    response = post(client, clause)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert not Comment.objects.exists()


def test_anonymous_visitors_read_the_debate_and_are_invited_to_log_in(client, alice, clause):
    make_comment(clause=clause, author=alice)
    text = client.get(clause.get_absolute_url()).text
    assert "organise" in text
    assert "Log in and pick a persona to join the debate." in text
    assert "<textarea" not in text


def test_a_player_without_a_persona_is_refused_and_keeps_their_text(client, charlie, clause):
    client.force_login(charlie)
    response = post(client, clause, body="My unfinished thought")
    assert response.status_code == 403
    assert "Pick a persona to speak as" in response.text
    assert textarea_value(response.text) == "My unfinished thought"
    assert not Comment.objects.exists()


def test_a_suspended_player_is_refused_by_the_view_and_the_service(alice_client, alice, clause):
    suspend(alice)
    response = post(alice_client, clause, body="Let me speak")
    assert response.status_code == 403
    assert "suspended until" in response.text
    assert textarea_value(response.text) == "Let me speak"
    with pytest.raises(PermissionDenied, match="suspended"):
        discussion.comment_post(clause_id=clause.pk, user=alice, body="Let me speak")
    assert not Comment.objects.exists()


def test_comments_on_a_removed_clause_are_refused(alice, mod, clause):
    Clause.objects.filter(pk=clause.pk).update(is_removed=True)
    with pytest.raises(PermissionDenied, match="removed"):
        discussion.comment_post(clause_id=clause.pk, user=mod, body="Still here?")


def test_the_comments_url_accepts_only_post(alice_client, clause):
    assert alice_client.get(comments_url(clause)).status_code == 405


def test_commenting_on_an_unknown_clause_is_a_404(alice_client, clause):
    other = make_charter()
    assert alice_client.post("/charters/virtual-charter/clauses/999999/comments/").status_code == (
        404
    )
    assert post(alice_client, clause).status_code == 302
    wrong_charter = f"/charters/{other.slug}/clauses/{clause.pk}/comments/"
    assert alice_client.post(wrong_charter, {"body": "x"}).status_code == 404


def test_markdown_in_comments_is_sanitised(alice_client, clause):
    post(alice_client, clause, body="<script>alert(1)</script> [x](javascript:alert(1)) **ok**")
    html = Comment.objects.get().body_html
    assert "<script" not in html and "javascript:" not in html
    assert "<strong>ok</strong>" in html


# Bad input: a clear message, no 500, the text kept


@pytest.mark.parametrize("body", ["", "   ", "\n\t\n"])
def test_an_empty_comment_is_refused_with_a_message(alice_client, clause, body):
    response = post(alice_client, clause, body=body)
    assert response.status_code == 400
    assert "the comment is empty" in response.text
    assert not Comment.objects.exists()


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x0b"])
def test_control_characters_are_refused_and_the_rest_of_the_text_is_kept(
    alice_client, clause, char
):
    response = post(alice_client, clause, body=f"Bread{char} and roses")
    assert response.status_code == 400
    assert "control characters" in response.text
    assert textarea_value(response.text) == "Bread and roses"
    assert not Comment.objects.exists()


def test_the_service_refuses_control_characters_too(alice, clause):
    with pytest.raises(ValidationError, match="control characters"):
        discussion.comment_post(clause_id=clause.pk, user=alice, body="NUL\x00")


def test_tabs_and_newlines_are_ordinary_text(alice_client, clause):
    post(alice_client, clause, body="One\r\n\ttwo\rthree")
    assert Comment.objects.get().body == "One\n\ttwo\nthree"


def test_an_oversized_comment_is_refused_and_kept_whole(alice_client, clause):
    body = "x" * (COMMENT_BODY_MAX + 1)
    response = post(alice_client, clause, body=body)
    assert response.status_code == 400
    assert "at most 10,000 characters" in response.text
    assert textarea_value(response.text) == body
    assert not Comment.objects.exists()


def test_a_comment_of_exactly_the_limit_is_accepted(alice_client, clause):
    assert post(alice_client, clause, body="y" * COMMENT_BODY_MAX).status_code == 302
    assert len(Comment.objects.get().body) == COMMENT_BODY_MAX


def test_an_unknown_side_is_refused(alice_client, clause):
    response = post(alice_client, clause, side="sideways")
    assert response.status_code == 400
    assert "Choose for, against, neutral or no side." in response.text


@pytest.mark.parametrize("parent", ["999999", "abc", "-3", "0"])
def test_an_unknown_parent_is_refused_and_the_text_offered_as_a_new_thread(
    alice_client, clause, parent
):
    response = post(alice_client, clause, body="In answer", parent=parent)
    assert response.status_code == 400
    assert "replying to" in response.text
    assert textarea_value(response.text) == "In answer"
    assert 'name="parent" value=' not in response.text
    assert not Comment.objects.exists()


def test_a_parent_from_another_clause_is_refused(alice_client, alice, clause):
    elsewhere = make_comment(clause=make_clause(), author=alice)
    response = post(alice_client, clause, body="Crossed wires", parent=elsewhere.pk)
    assert response.status_code == 400
    assert "not part of this discussion" in response.text
    assert textarea_value(response.text) == "Crossed wires"
    assert Comment.objects.count() == 1


def test_a_hidden_comment_takes_no_replies(alice_client, bob, clause):
    hidden = make_comment(clause=clause, author=bob, status=Comment.Status.HIDDEN)
    response = post(alice_client, clause, body="But still", parent=hidden.pk)
    assert response.status_code == 400
    assert "A moderator hid the comment you are replying to" in response.text
    assert textarea_value(response.text) == "But still"


def test_a_double_submit_posts_once_and_points_to_the_first(alice_client, clause):
    first = post(alice_client, clause, body="Only once, comrades.")
    second = post(alice_client, clause, body="Only once, comrades.")
    comment = Comment.objects.get()
    assert second.status_code == 302
    assert (
        second["Location"]
        == first["Location"]
        == (f"{clause.get_absolute_url()}#comment-{comment.pk}")
    )
    page = alice_client.get(second["Location"])
    assert "You had just posted this same comment" in page.text


def test_the_same_text_may_be_posted_again_after_the_double_submit_window(alice, clause):
    first = discussion.comment_post(clause_id=clause.pk, user=alice, body="Again")
    Comment.objects.filter(pk=first.comment.pk).update(
        created_at=timezone.now() - discussion.DOUBLE_SUBMIT_WINDOW - timedelta(seconds=1)
    )
    second = discussion.comment_post(clause_id=clause.pk, user=alice, body="Again")
    assert second.created and second.comment.pk != first.comment.pk


def test_a_flood_is_refused_with_a_message_and_the_text_kept(
    alice_client, alice, clause, frozen_clock
):
    for n in range(FLOOD_LIMIT):
        assert post(alice_client, clause, body=f"Point {n}").status_code == 302
    response = post(alice_client, clause, body="One more point")
    assert response.status_code == 429
    assert "posted 10 comments in the last minute" in response.text
    assert int(response["Retry-After"]) > 0
    assert textarea_value(response.text) == "One more point"
    assert Comment.objects.count() == FLOOD_LIMIT


def test_the_flood_limit_is_per_player(client, alice, bob, clause, frozen_clock):
    client.force_login(alice)
    for n in range(FLOOD_LIMIT + 1):
        post(client, clause, body=f"Point {n}")
    client.force_login(bob)
    assert post(client, clause, body="My turn").status_code == 302
    assert Comment.objects.filter(author=bob).count() == 1


# Threads


def test_a_reply_is_placed_under_its_parent(alice_client, alice, bob, clause):
    root = make_comment(clause=clause, author=bob)
    response = post(alice_client, clause, body="I answer Bakunin", parent=root.pk)
    reply = Comment.objects.get(parent=root)
    assert response["Location"].endswith(f"#comment-{reply.pk}")
    assert reply.path == f"{root.path}{reply.pk:010d}/"
    assert reply.depth == 1


def test_the_thread_comes_out_in_reading_order(client, alice, bob, clause):
    a = make_comment(clause=clause, author=alice, body="A")
    b = make_comment(clause=clause, author=bob, body="B")
    a1 = make_comment(clause=clause, author=bob, parent=a, body="A1")
    b1 = make_comment(clause=clause, author=alice, parent=b, body="B1")
    a2 = make_comment(clause=clause, author=alice, parent=a, body="A2")
    a1x = make_comment(clause=clause, author=alice, parent=a1, body="A1x")
    text = client.get(clause.get_absolute_url()).text
    positions = [text.index(f'id="comment-{c.pk}"') for c in (a, a1, a1x, a2, b, b1)]
    assert positions == sorted(positions)
    # Real nesting: A1x sits two lists deeper than A.
    between = text[positions[0] : positions[2]]
    assert between.count('<ol class="replies">') == 2


def test_deep_replies_are_flattened_with_an_in_reply_to_link(client, alice, bob, clause):
    chain = [make_comment(clause=clause, author=alice, body="Level 0")]
    for depth in range(1, MAX_INDENT + 3):
        author = bob if depth % 2 else alice
        chain.append(make_comment(clause=clause, author=author, parent=chain[-1], body=f"L{depth}"))
    text = client.get(clause.get_absolute_url()).text
    assert text.count('<ol class="replies">') == MAX_INDENT
    for deep in chain[MAX_INDENT + 1 :]:
        assert f'in reply to <a href="#comment-{deep.parent_id}">' in text
    assert f'in reply to <a href="#comment-{chain[MAX_INDENT].parent_id}">' not in text


def test_paths_stop_growing_at_the_column_limit_but_keep_reading_order(alice, clause):
    parent = make_comment(clause=clause, author=alice)
    for _ in range(discussion.MAX_PATH_DEPTH + 3):
        parent = make_comment(clause=clause, author=alice, parent=parent)
        assert len(parent.path) <= 255
    assert parent.depth == discussion.MAX_PATH_DEPTH
    ordered = list(clause.comments.values_list("pk", flat=True))
    assert ordered == sorted(ordered)


def test_long_discussions_paginate_whole_threads(client, alice, bob, clause):
    roots = []
    for n in range(THREADS_PER_PAGE + 3):
        root = make_comment(clause=clause, author=alice, body=f"Root {n}")
        make_comment(clause=clause, author=bob, parent=root, body=f"Reply {n}")
        roots.append(root)
    late_reply = make_comment(clause=clause, author=bob, parent=roots[0], body="Late reply")
    first = client.get(clause.get_absolute_url()).text
    second = client.get(clause.get_absolute_url() + "?page=2").text
    assert "Root 19" in first and "Root 20" not in first
    assert "Late reply" in first  # replies stay with their thread, whenever written
    assert "Root 20" in second and "Reply 22" in second and "Root 0<" not in second
    assert "Threads page 2 of 2" in second
    goto = client.get(f"{comments_url(clause)}{roots[-1].pk}/")
    assert goto["Location"] == f"{clause.get_absolute_url()}?page=2#comment-{roots[-1].pk}"
    goto = client.get(f"{comments_url(clause)}{late_reply.pk}/")
    assert goto["Location"] == f"{clause.get_absolute_url()}#comment-{late_reply.pk}"


@pytest.mark.parametrize("page", ["99", "abc", "-1", ""])
def test_junk_page_numbers_show_a_page_not_an_error(client, alice, clause, page):
    make_comment(clause=clause, author=alice)
    response = client.get(f"{clause.get_absolute_url()}?page={page}")
    assert response.status_code == 200
    assert "organise" in response.text


def test_a_reply_on_a_later_page_redirects_to_that_page(alice_client, alice, bob, clause):
    for n in range(THREADS_PER_PAGE + 1):
        last = make_comment(clause=clause, author=bob, body=f"Root {n}")
    response = post(alice_client, clause, body="On page two", parent=last.pk)
    reply = Comment.objects.get(parent=last)
    assert response["Location"] == f"{clause.get_absolute_url()}?page=2#comment-{reply.pk}"


def test_comment_permalinks_of_unknown_or_foreign_comments_are_404(client, alice, clause):
    elsewhere = make_comment(clause=make_clause(), author=alice)
    assert client.get(f"{comments_url(clause)}{elsewhere.pk}/").status_code == 404
    assert client.get(f"{comments_url(clause)}999999/").status_code == 404


def test_the_thread_header_counts_the_sides_of_visible_comments(client, alice, bob, clause):
    for side in ["for", "for", "against", "neutral", ""]:
        make_comment(clause=clause, author=alice, side=side)
    make_comment(clause=clause, author=bob, side="against", status=Comment.Status.HIDDEN)
    text = client.get(clause.get_absolute_url()).text
    assert "6 comments" in text
    assert '<span class="side-mark side-for">2 for</span>' in text
    assert '<span class="side-mark side-against">1 against</span>' in text
    assert '<span class="side-mark side-neutral">1 neutral</span>' in text
    assert "1 without a side" in text


# Quoting and replying without JavaScript


def test_quote_prefills_the_reply_form_with_a_blockquote_and_sets_the_parent(
    alice_client, bob, clause
):
    said = make_comment(clause=clause, author=bob, body="Destroy to create.\n\nSecond thought.")
    text = alice_client.get(f"{clause.get_absolute_url()}?quote={said.pk}").text
    assert textarea_value(text) == (
        "&gt; **Mikhail Bakunin:**\n&gt;\n&gt; Destroy to create.\n&gt;\n&gt; Second thought.\n\n"
    )
    assert f'name="parent" value="{said.pk}"' in text
    assert "Reply to Mikhail Bakunin" in text


def test_reply_links_set_the_parent_without_text(alice_client, bob, clause):
    said = make_comment(clause=clause, author=bob)
    text = alice_client.get(f"{clause.get_absolute_url()}?reply={said.pk}").text
    assert f'name="parent" value="{said.pk}"' in text
    assert textarea_value(text) == ""
    assert f'href="{clause.get_absolute_url()}?reply={said.pk}#reply-form"' in text
    assert f'href="{clause.get_absolute_url()}?quote={said.pk}#reply-form"' in text


@pytest.mark.parametrize("query", ["quote=abc", "quote=999999", "reply=-1", "quote="])
def test_junk_quote_and_reply_ids_are_ignored(alice_client, clause, query):
    response = alice_client.get(f"{clause.get_absolute_url()}?{query}")
    assert response.status_code == 200
    assert "Open a new thread" in response.text


def test_hidden_or_foreign_comments_cannot_be_quoted(alice_client, bob, clause):
    hidden = make_comment(clause=clause, author=bob, body="Secret", status=Comment.Status.HIDDEN)
    foreign = make_comment(clause=make_clause(), author=bob, body="Elsewhere")
    for target in (hidden, foreign):
        text = alice_client.get(f"{clause.get_absolute_url()}?quote={target.pk}").text
        assert textarea_value(text) == ""


# Hidden comments


def test_hidden_comments_keep_their_place_but_not_their_words_for_players(
    alice_client, alice, bob, clause
):
    hidden = make_comment(
        clause=clause, author=bob, body="Rude words", status="hidden", hidden_reason="Insult"
    )
    reply = make_comment(clause=clause, author=alice, parent=hidden, body="A calm answer")
    text = alice_client.get(clause.get_absolute_url()).text
    assert "Rude words" not in text and "Insult" not in text
    assert "Hidden by a moderator." in text
    assert text.index(f'id="comment-{hidden.pk}"') < text.index(f'id="comment-{reply.pk}"')
    assert "A calm answer" in text


def test_moderators_read_hidden_comments_with_a_mark(client, mod, bob, clause):
    make_comment(
        clause=clause, author=bob, body="Rude words", status="hidden", hidden_reason="Insult"
    )
    client.force_login(mod)
    text = client.get(clause.get_absolute_url()).text
    assert "Rude words" in text
    assert "Reason: Insult" in text
    assert '<span class="badge badge-removed">hidden</span>' in text


# htmx: replies inline


def test_an_htmx_reply_returns_the_comment_partial_in_place_of_the_form(alice_client, bob, clause):
    root = make_comment(clause=clause, author=bob)
    response = alice_client.post(
        comments_url(clause), {"body": "Inline!", "parent": root.pk}, HTTP_HX_REQUEST="true"
    )
    reply = Comment.objects.get(parent=root)
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#reply-slot-{root.pk}"
    assert f'id="comment-{reply.pk}"' in response.text
    assert f'id="reply-slot-{root.pk}"' in response.text
    assert "<html" not in response.text


def test_an_htmx_reply_with_errors_returns_the_form_with_the_text(alice_client, bob, clause):
    root = make_comment(clause=clause, author=bob)
    response = alice_client.post(
        comments_url(clause),
        {"body": "x" * (COMMENT_BODY_MAX + 5), "parent": root.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "at most 10,000 characters" in response.text
    assert 'hx-post="' in response.text
    assert textarea_value(response.text) == "x" * (COMMENT_BODY_MAX + 5)
    assert "<html" not in response.text


def test_the_inline_reply_form_is_prefilled_for_a_quote(alice_client, bob, clause):
    said = make_comment(clause=clause, author=bob, body="Freedom first.")
    url = f"{comments_url(clause)}form/?quote={said.pk}"
    response = alice_client.get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "&gt; Freedom first." in response.text
    assert f'id="id_reply{said.pk}_body"' in response.text
    without_js = alice_client.get(url)
    assert without_js.status_code == 302
    assert without_js["Location"] == f"{clause.get_absolute_url()}?quote={said.pk}#reply-form"


def test_the_inline_form_for_a_hidden_comment_explains_instead(alice_client, bob, clause):
    hidden = make_comment(clause=clause, author=bob, status=Comment.Status.HIDDEN)
    response = alice_client.get(
        f"{comments_url(clause)}form/?reply={hidden.pk}", HTTP_HX_REQUEST="true"
    )
    assert "cannot be answered" in response.text


def test_an_anonymous_htmx_post_is_sent_to_log_in_by_header(client, clause):
    response = client.post(comments_url(clause), {"body": "hi"}, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith("/accounts/login/?next=")


def test_the_clause_page_loads_htmx_without_inline_scripts_or_styles(client, clause):
    response = client.get(clause.get_absolute_url())
    text = response.text
    assert "/static/vendor/htmx/htmx.min.js" in text
    assert '"includeIndicatorStyles": false' in text
    assert "<script>" not in text and " style=" not in text and "onclick" not in text
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_a_removed_clause_takes_no_comments_and_answers_gone(client, alice, clause):
    Clause.objects.filter(pk=clause.pk).update(is_removed=True)
    client.force_login(alice)
    assert post(client, clause).status_code == 410


def test_new_users_in_a_test_can_post_through_the_service(clause, rosa):
    user = make_user("dora", persona=rosa)
    result = discussion.comment_post(clause_id=clause.pk, user=user, body="Hello")
    assert result.created and result.comment.persona == rosa

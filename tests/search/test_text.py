"""Plain text for the index, query parsing and snippets: pure functions."""

import re

from charter.rendering import render_markdown
from search.query import Term, parse
from search.snippets import LT, START, STOP, Segment, excerpt, mark_all, split_marked
from search.text import clean, html_to_text


def test_it_indexes_the_words_a_reader_sees_not_the_markdown_marks():
    html = render_markdown("# Bread\n\nWe want *bread* and [roses](https://example.org).")
    assert html_to_text(html) == "Bread\n\nWe want bread and roses."


def test_it_keeps_words_of_adjacent_blocks_apart():
    html = render_markdown("- one\n- two\n\nthree")
    assert html_to_text(html).split() == ["one", "two", "three"]


def test_it_decodes_entities_into_the_characters_a_reader_sees():
    html = render_markdown("Use `<script>` & `&amp;` with care")
    assert html_to_text(html) == "Use <script> & &amp; with care"


def test_it_can_leave_quoted_lines_out():
    html = render_markdown("> Marx said this\n\nAnd I answer that")
    assert html_to_text(html, skip_quotes=True) == "And I answer that"
    assert "Marx" in html_to_text(html)


def test_it_removes_every_control_character_so_sentinels_cannot_occur_in_the_index():
    assert clean(f"a{START}b{STOP}c\x00d\x1be\x85f\tg") == "a b c d e f g"


def test_it_reads_words_phrases_exclusions_and_alternatives_like_websearch():
    parsed = parse('bread "general strike" -war or roses')
    assert parsed.groups == (
        (Term(("bread",)), Term(("general", "strike")), Term(("war",), negated=True)),
        (Term(("roses",)),),
    )


def test_it_reads_an_unbalanced_quote_as_a_phrase_to_the_end():
    assert parse('"general strike').groups == ((Term(("general", "strike")),),)


def test_it_finds_nothing_to_search_for_in_punctuation_and_lone_operators():
    assert parse('!!! -- "" ... or').is_empty


def test_it_knows_a_query_of_only_exclusions_looks_for_nothing():
    assert not parse("-war").every_group_looks_for_something
    assert not parse("bread or -war").every_group_looks_for_something
    assert parse("bread -war").every_group_looks_for_something


def test_a_term_pattern_finds_words_where_they_start():
    pattern = re.compile(Term(("organis",)).pattern(), re.IGNORECASE)
    assert pattern.search("Self-Organisation")
    assert not pattern.search("reorganise")


def test_a_phrase_pattern_allows_any_punctuation_between_its_words():
    pattern = re.compile(Term(("general", "strike")).pattern(), re.IGNORECASE)
    assert pattern.search("the General — Strike")
    assert not pattern.search("general and strike")


def test_split_marked_turns_sentinels_into_marked_segments():
    assert split_marked(f"a {START}red{STOP} flag\nflies") == [
        Segment("a "),
        Segment("red", marked=True),
        Segment(" flag\nflies"),
    ]


def test_split_marked_gives_back_the_angle_brackets_hidden_from_postgresql():
    assert split_marked(f"{LT}b> {START}x{STOP}") == [Segment("<b> "), Segment("x", True)]


def test_split_marked_survives_unbalanced_sentinels():
    assert split_marked(f"{STOP}a {START}b") == [Segment("a "), Segment("b", marked=True)]


def test_mark_all_marks_every_match_whatever_its_case():
    segments = mark_all("Bread, bread, BREAD", [Term(("bread",)).pattern()])
    assert [s.text for s in segments if s.marked] == ["Bread", "bread", "BREAD"]


def test_mark_all_marks_whole_words_from_a_word_start():
    segments = mark_all("Self-Organisation", [Term(("organis",)).pattern(whole_words=True)])
    assert segments == [Segment("Self-"), Segment("Organisation", marked=True)]


def test_excerpt_cuts_a_window_around_the_first_match_and_says_so():
    text = " ".join(f"w{n}" for n in range(100)) + " strike " + " ".join(["x"] * 50)
    segments = excerpt(mark_all(text, [Term(("strik",)).pattern(whole_words=True)]), words=10)
    assert segments == [
        Segment("… w92 w93 w94 w95 w96 w97 w98 w99 "),
        Segment("strike", marked=True),
        Segment(" x …"),
    ]


def test_excerpt_shows_a_short_text_whole_on_one_line():
    segments = excerpt(split_marked(f"Bread\n\nand {START}roses{STOP}"))
    assert segments == [Segment("Bread and "), Segment("roses", marked=True)]


def test_excerpt_shows_a_full_window_near_the_end():
    text = " ".join(f"w{n}" for n in range(40)) + " strike"
    segments = excerpt(mark_all(text, [Term(("strike",)).pattern()]), words=10)
    assert segments[0] == Segment("… w31 w32 w33 w34 w35 w36 w37 w38 w39 ")
    assert segments[-1] == Segment("strike", marked=True)


def test_excerpt_starts_at_the_beginning_when_nothing_in_the_text_matched():
    segments = excerpt(mark_all("one two three", []), words=2)
    assert segments == [Segment("one two …")]

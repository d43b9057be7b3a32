"""Every text a field accepts renders in bounded time, and stays sanitised.

The time bound is deliberately generous (a quarter of a second of CPU for
texts that take a few tens of milliseconds on a shared two-core machine): it
catches a quadratic or exponential path coming back, not a slowdown. The
figures themselves are in bench/rendering.py.
"""

import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from charter import rendering
from charter.models import CLAUSE_BODY_MAX, COMMENT_BODY_MAX
from charter.rendering import render_markdown, too_dense_to_format
from tests.charter.rendering_pathological import PATHOLOGICAL
from tests.charter.rendering_samples import long_clause

BOUND_MS = 250
PROSE = "Workers of the world unite and organise the sections of the federation. "
TAG_RE = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")


def cpu_ms(text: str) -> tuple[float, str]:
    """CPU time of the faster of two renders, and the HTML."""
    render_markdown("warm *up*")
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        html = render_markdown(text)
        best = min(best, (time.process_time() - start) * 1000)
    return best, html


def densest_formatted(make, length: int) -> str:
    """As much of a pathological text as still gets formatted, then prose up to `length`.

    Texts past the limits are shown verbatim, which is cheap; this is the
    slowest kind of text that still goes through Markdown and bleach.
    """

    def padded(size: int) -> str:
        return (make(size) + "\n\n" + PROSE * (length // len(PROSE) + 1))[:length]

    low, high = 0, length
    while low < high:
        middle = (low + high + 1) // 2
        if too_dense_to_format(padded(middle)):
            high = middle - 1
        else:
            low = middle
    return padded(low)


def assert_sanitised(html: str) -> None:
    assert set(TAG_RE.findall(html)) <= rendering.ALLOWED_TAGS
    assert html.count("<a ") == html.count(f'rel="{rendering.LINK_REL}"')
    assert "javascript:" not in html.lower()


@pytest.mark.parametrize("length", [CLAUSE_BODY_MAX, COMMENT_BODY_MAX])
@pytest.mark.parametrize("case", sorted(PATHOLOGICAL))
def test_pathological_text_of_the_largest_length_renders_quickly(case, length):
    text = PATHOLOGICAL[case](length)
    assert len(text) <= length
    ms, html = cpu_ms(text)
    assert ms < BOUND_MS, f"{case}: {ms:.0f} ms"
    assert_sanitised(html)


@pytest.mark.parametrize("case", sorted(PATHOLOGICAL))
def test_the_densest_text_still_formatted_renders_quickly(case):
    text = densest_formatted(PATHOLOGICAL[case], CLAUSE_BODY_MAX)
    ms, html = cpu_ms(text)
    assert ms < BOUND_MS, f"{case}: {ms:.0f} ms"
    assert_sanitised(html)


def test_a_text_longer_than_any_field_renders_quickly():
    ms, html = cpu_ms("[a-b." * 100_000)
    assert ms < BOUND_MS
    assert html.count("[") == 100_000


def test_the_longest_text_rendered_is_the_longest_a_field_accepts():
    assert rendering.MAX_LENGTH == CLAUSE_BODY_MAX >= COMMENT_BODY_MAX


def test_an_ordinary_clause_of_the_largest_length_is_formatted():
    text = long_clause(3_000)[:CLAUSE_BODY_MAX]
    assert len(text) > CLAUSE_BODY_MAX * 0.9
    assert not too_dense_to_format(text)
    ms, html = cpu_ms(text)
    assert "<h2>" in html and "<em>" in html and "<a href=" in html
    assert ms < BOUND_MS


def test_unmatched_brackets_come_out_as_text():
    html = render_markdown("[" * CLAUSE_BODY_MAX)
    assert html == "<p>" + "[" * CLAUSE_BODY_MAX + "</p>"


def test_nested_brackets_come_out_as_text():
    text = PATHOLOGICAL["nested brackets [[[a]]]"](CLAUSE_BODY_MAX)
    html = render_markdown(text)
    assert html.count("[") == text.count("[") and html.count("]") == text.count("]")


def test_backticks_ampersands_and_angle_brackets_come_out_as_text():
    assert render_markdown("`" * 10_000).count("`") == 10_000
    assert render_markdown("&" * 10_000).count("&amp;") == 10_000
    assert render_markdown("<" * 10_000).count("&lt;") == 10_000


def test_deep_block_quotes_are_not_nested_past_the_limit():
    html = render_markdown("> " * 5_000 + "a")
    assert html.count("<blockquote>") <= rendering.MAX_BLOCK_NESTING
    assert "a" in html


def test_block_quotes_nested_within_the_limit_still_nest():
    html = render_markdown("> " * rendering.MAX_BLOCK_NESTING + "deep")
    assert html.count("<blockquote>") == rendering.MAX_BLOCK_NESTING


def test_links_nested_within_the_limit_still_link():
    depth = rendering.MAX_INLINE_NESTING
    html = render_markdown("[" * depth + "a" + "]" * depth + "(https://example.org)")
    assert '<a href="https://example.org"' in html


def test_a_bracket_nesting_past_the_limit_is_text():
    # Link text may hold brackets MAX_INLINE_NESTING deep inside its own.
    depth = rendering.MAX_INLINE_NESTING + 2
    html = render_markdown("[" * depth + "a" + "]" * depth + "(https://example.org)")
    # No pair is a link (the inner ones are not followed by a destination);
    # the destination is then just a bare URL.
    assert html.startswith("<p>" + "[" * depth + "a" + "]" * depth + "(<a href=")


def test_text_too_dense_to_format_is_shown_escaped():
    text = "<script>alert(1)</script> [x](javascript:alert(1))\n\n" + "[" * 5_000
    assert too_dense_to_format(text)
    html = render_markdown(text)
    assert html.startswith("<p>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))</p>")
    assert "<script" not in html and "<a " not in html


def test_text_too_dense_to_format_keeps_its_paragraphs():
    html = render_markdown("first\nline\n\n\n\nsecond\n\n" + "*" * 5_000)
    assert html.startswith("<p>first\nline</p>\n<p>second</p>\n<p>***")


def test_text_too_dense_to_format_replaces_invisible_characters_as_bleach_does():
    html = render_markdown("a\x0bb\x00c " + "[" * 5_000)
    assert html.startswith("<p>a?b")
    assert "\x0b" not in html


def test_reference_definitions_do_not_leak_from_one_text_to_the_next():
    render_markdown("[rules]: https://example.org/rules\n\n[rules]")
    assert render_markdown("[rules]") == "<p>[rules]</p>"


def test_threads_rendering_at_once_get_the_same_html_as_one_thread():
    texts = [long_clause(300, seed=seed) for seed in range(8)]
    expected = [render_markdown(text) for text in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(render_markdown, texts * 3)) == expected * 3

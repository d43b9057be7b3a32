"""Ordinary text renders byte for byte as it did before rendering was bounded."""

import json
from functools import partial

import bleach
import markdown
import pytest
from bleach.linkifier import LinkifyFilter
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from charter import rendering
from charter.rendering import render_markdown, too_dense_to_format
from tests.charter.rendering_corpus import CORPUS_PATH

CORPUS = json.loads(CORPUS_PATH.read_text())


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_ordinary_text_renders_exactly_as_recorded(name):
    entry = CORPUS[name]
    assert render_markdown(entry["markdown"]) == entry["html"]


def test_the_corpus_covers_fixtures_samples_and_the_existing_tests():
    kinds = {name.split(" ")[0] for name in CORPUS}
    assert {"charter.clause", "personas.persona", "sample:", "test_rendering"} <= kinds


def test_no_ordinary_text_is_too_dense_to_format():
    assert not [name for name, entry in CORPUS.items() if too_dense_to_format(entry["markdown"])]


def stock_render(text: str) -> str:
    """The pipeline as it was before rendering was bounded, kept here as the reference."""
    if not text:
        return ""
    html = markdown.markdown(text, extensions=rendering.MARKDOWN_EXTENSIONS, output_format="html")
    cleaner = bleach.Cleaner(
        tags=rendering.ALLOWED_TAGS,
        attributes=rendering.ALLOWED_ATTRIBUTES,
        protocols=rendering.ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[partial(LinkifyFilter, callbacks=[rendering._set_rel], skip_tags=["pre", "code"])],
    )
    return cleaner.clean(html)


# Pieces of Markdown, well-formed and broken, that exercise the replaced
# processors: links, images, references, code spans, emphasis, tables.
PIECES = [
    *"ab1 \n\t[]()!*_`\\<>&'\"|#-=+.:/@~",
    "\n\n",
    "](",
    "](<",
    ">)",
    "![",
    "[a]: /u\n",
    ' "t")',
    " 't')",
    "(a)",
    "[a]",
    "```\n",
    "~~~\n",
    "``",
    "  \n",
    "**",
    "__",
    "    ",
    "> ",
    "- ",
    "1. ",
    "|--|\n",
    "| a | b |\n",
    "<b>",
    "</b>",
    "<a href='x'>",
    "<!--",
    "-->",
    "&amp;",
    "http://x.org/(a)",
    "www.a.com",
]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_formatted_text_matches_the_stock_pipeline(text):
    assume(not too_dense_to_format(text))
    assert render_markdown(text) == stock_render(text)

"""A long text is rendered in runs of blocks, each cached: the same HTML as rendering it whole.

Only the runs an edit changed are rendered again, which is most of a save's
time saved on a long clause; the cut must never change a byte of the output.
"""

import json
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charter import rendering
from charter.rendering import independent_runs, render_markdown
from tests.charter.rendering_corpus import CORPUS_PATH

CORPUS = json.loads(CORPUS_PATH.read_text())


def whole(text: str) -> str:
    return rendering._render_run(text)[1]


def finest_runs(text: str) -> list[str] | None:
    """The runs with every safe cut taken: what the cutting rule alone allows."""
    with patch.object(rendering, "RUN_MIN_LENGTH", 0):
        return independent_runs(text)


def cut(text: str) -> str:
    return "\n".join(whole(run) for run in finest_runs(text))


@pytest.mark.parametrize(
    "name", sorted(name for name, entry in CORPUS.items() if finest_runs(entry["markdown"]))
)
def test_the_corpus_renders_the_same_cut_in_runs(name):
    text = CORPUS[name]["markdown"]
    assert cut(text) == whole(text) == CORPUS[name]["html"]


WORDS = st.sampled_from(
    [
        "workers",
        "*bread*",
        "**peace**",
        "`code`",
        "[link](https://example.org)",
        "x_y_z",
        '"quoted"',
        "'single'",
        "--",
        "...",
        "&amp;",
        "https://example.org/a",
        "a\\*b",
        "1.",
        "-",
        "#",
        ">",
        "|",
        "_em_",
        "**",
        "\\",
    ]
)
LINE = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)
BLOCK = st.one_of(
    st.lists(LINE, min_size=1, max_size=3).map("\n".join),
    LINE.map(lambda line: f"## {line}"),
    LINE.map(lambda line: f"{line}\n======"),
    st.lists(LINE, min_size=1, max_size=3).map(lambda ls: "\n".join(f"- {x}" for x in ls)),
    st.lists(LINE, min_size=1, max_size=3).map(
        lambda ls: "\n".join(f"{n}. {x}" for n, x in enumerate(ls, 1))
    ),
    LINE.map(lambda line: f"> {line}"),
    LINE.map(lambda line: f"    {line}"),
    LINE.map(lambda line: f"  {line}"),
    st.just("---"),
    st.just("* * *"),
    LINE.map(lambda line: f"| a | b |\n| --- | --- |\n| {line} | 2 |"),
)
BREAK = st.sampled_from(["\n\n", "\n\n\n", "\n \n", "\n\t\n\n"])


@st.composite
def documents(draw) -> str:
    blocks = draw(st.lists(BLOCK, min_size=2, max_size=10))
    text = blocks[0]
    for block in blocks[1:]:
        text += draw(BREAK) + block
    return text


@settings(max_examples=400)
@given(documents())
def test_any_mix_of_blocks_renders_the_same_cut_in_runs(text):
    if finest_runs(text) is not None:
        assert cut(text) == whole(text)


def test_what_reaches_across_blank_lines_is_never_cut():
    assert finest_runs("See [the text][1].\n\nMore.\n\n[1]: https://example.org") is None
    assert finest_runs("```\ncode\n\nmore code\n```\n\nAfter.") is None
    assert finest_runs("<div>\n\nraw</div>\n\nAfter.") is None
    assert finest_runs("Line.\r\n\r\nLine.") is None
    assert finest_runs("> a quote\n\n> goes on") is None
    assert finest_runs("1. one\n\n2. two") is None
    assert finest_runs("First.\n\nSecond.") == ["First.", "Second."]
    assert finest_runs("\n\nFirst.\n\nSecond.") == ["\n\nFirst.", "Second."]


def test_short_blocks_and_leading_blank_lines_go_with_the_text_after_them():
    long = "Solidarity across borders. " * 20
    assert independent_runs(f"\n\n{long}\n\n{long}") == [f"\n\n{long}", long]
    shorts = "\n\n".join(f"Point {n}." for n in range(200))
    runs = independent_runs(shorts)
    assert runs and len(runs) < 20 and "\n\n".join(runs) == shorts
    assert render_markdown(shorts) == whole(shorts)


def test_an_edit_renders_only_the_runs_it_changed(monkeypatch):
    paragraphs = [f"Paragraph {n}: " + "solidarity across borders " * 20 for n in range(8)]
    text = "\n\n".join(paragraphs)
    first = render_markdown(text)
    edited = text.replace("Paragraph 3:", "Paragraph three:")
    expected = whole(edited)
    calls = []
    real = rendering._render_run
    monkeypatch.setattr(rendering, "_render_run", lambda run: calls.append(run) or real(run))
    assert render_markdown(edited) == expected
    assert calls == [paragraphs[3].replace("Paragraph 3:", "Paragraph three:")]
    assert render_markdown(text) == first and len(calls) == 1

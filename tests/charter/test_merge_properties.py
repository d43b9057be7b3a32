"""Properties of the three-way merge behind concurrent edits.

Texts are built from numbered paragraphs of numbered sentences, so every
piece of text is unique and "was it kept?" is a plain substring question.
"""

from hypothesis import assume, given
from hypothesis import strategies as st

from charter.diffing import merge_texts


def _paragraph(p: int, sentences: int) -> list[str]:
    return [f"Sentence {p}.{s} of the charter." for s in range(sentences)]


def _text(paragraphs: list[list[str]]) -> str:
    return "\n\n".join(" ".join(sentences) for sentences in paragraphs)


base_shapes = st.lists(st.integers(min_value=1, max_value=4), min_size=2, max_size=8)


def _base(shape: list[int]) -> list[list[str]]:
    return [_paragraph(p, n) for p, n in enumerate(shape)]


def _rewrite(paragraphs: list[list[str]], where: set[int], who: str) -> list[list[str]]:
    """Rewrite the first sentence of each chosen paragraph."""
    return [
        [f"{sentences[0][:-1]}, amended by {who}."] + sentences[1:] if p in where else sentences
        for p, sentences in enumerate(paragraphs)
    ]


@given(shape=base_shapes, data=st.data())
def test_edits_of_different_paragraphs_both_survive_the_merge(shape, data):
    base = _base(shape)
    indices = list(range(len(base)))
    mine_where = set(data.draw(st.lists(st.sampled_from(indices), min_size=1, unique=True)))
    rest = [p for p in indices if p not in mine_where]
    assume(rest)
    theirs_where = set(data.draw(st.lists(st.sampled_from(rest), min_size=1, unique=True)))
    mine, theirs = _rewrite(base, mine_where, "me"), _rewrite(base, theirs_where, "them")
    result = merge_texts(_text(base), _text(mine), _text(theirs))
    assert result.clean
    for p in mine_where:
        assert mine[p][0] in result.text
    for p in theirs_where:
        assert theirs[p][0] in result.text


@given(
    shape=st.lists(st.integers(min_value=2, max_value=4), min_size=1, max_size=5), data=st.data()
)
def test_edits_of_different_sentences_of_one_paragraph_both_survive(shape, data):
    base = _base(shape)
    p = data.draw(st.sampled_from(range(len(base))))
    first, second = data.draw(
        st.lists(st.sampled_from(range(len(base[p]))), min_size=2, max_size=2, unique=True)
    )
    mine = [list(sentences) for sentences in base]
    theirs = [list(sentences) for sentences in base]
    mine[p][first] = f"Mine replaces {p}.{first}."
    theirs[p][second] = f"Theirs replaces {p}.{second}."
    result = merge_texts(_text(base), _text(mine), _text(theirs))
    assert result.clean
    assert mine[p][first] in result.text and theirs[p][second] in result.text


edits = st.lists(
    st.tuples(st.sampled_from(["delete", "rewrite", "append"]), st.integers(0, 30)), max_size=5
)


def _apply(paragraphs: list[list[str]], changes, who: str) -> list[list[str]]:
    result = [list(sentences) for sentences in paragraphs]
    for n, (kind, at) in enumerate(changes):
        if not result:
            break
        p = at % len(result)
        if kind == "delete":
            del result[p]
        elif kind == "rewrite":
            result[p][0] = f"Sentence rewritten by {who}, {n}."
        else:
            result.insert(p + 1, [f"Paragraph added by {who}, {n}."])
    return result


@given(shape=base_shapes, mine_changes=edits, theirs_changes=edits)
def test_a_merge_never_drops_text_that_neither_side_removed(shape, mine_changes, theirs_changes):
    base = _base(shape)
    mine = _apply(base, mine_changes, "me")
    theirs = _apply(base, theirs_changes, "them")
    result = merge_texts(_text(base), _text(mine), _text(theirs))
    if not result.clean:
        return  # a conflict saves nothing: the editor keeps their text and decides
    kept_by_both = {
        sentence
        for sentence in (s for paragraph in base for s in paragraph)
        if sentence in _text(mine) and sentence in _text(theirs)
    }
    for sentence in kept_by_both:
        assert sentence in result.text
    added = {
        s
        for side in (mine, theirs)
        for paragraph in side
        for s in paragraph
        if "added by" in s or "rewritten by" in s
    }
    for sentence in added:
        assert sentence in result.text

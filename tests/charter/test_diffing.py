from hypothesis import given
from hypothesis import strategies as st

from charter.diffing import (
    analyse_change,
    count_words,
    merge_texts,
    sentences,
    tokenize,
    word_diff,
)


def test_it_marks_word_insertions_and_deletions():
    runs = word_diff("The workers of the world unite.", "The working people of all lands unite!")
    assert ("delete", "workers of the world") in runs
    assert ("insert", "working people of all lands") in runs
    assert runs[0] == ("equal", "The ")


def test_identical_texts_are_one_equal_run():
    assert word_diff("same text", "same text") == [("equal", "same text")]


def test_empty_texts_diff_cleanly():
    assert word_diff("", "") == []
    assert word_diff("", "new words") == [("insert", "new words")]
    assert word_diff("old words", "") == [("delete", "old words")]


def test_diff_runs_rebuild_both_texts():
    old, new = "a b c d e f", "a x c d f g"
    runs = word_diff(old, new)
    assert "".join(t for op, t in runs if op != "insert") == old
    assert "".join(t for op, t in runs if op != "delete") == new


def test_it_handles_a_fifty_thousand_word_text():
    words = [f"w{n % 7919}" for n in range(50_000)]
    old = " ".join(words)
    words[25_000] = "CHANGED"
    runs = word_diff(old, " ".join(words))
    assert ("insert", "CHANGED") in runs


def test_word_counts_ignore_whitespace_and_punctuation():
    assert count_words("Hello, world — again!") == 3
    change = analyse_change("a b c", "a x c d", [], None)
    assert (change.words_added, change.words_removed) == (2, 1)


def test_tokens_keep_unicode_words_whole():
    assert tokenize("Zamość, Müntzer") == ["Zamość", ",", " ", "Müntzer"]


def test_it_merges_non_overlapping_edits():
    base = "One.\n\nTwo.\n\nThree."
    mine = "One, revised.\n\nTwo.\n\nThree."
    theirs = "One.\n\nTwo.\n\nThree, revised."
    result = merge_texts(base, mine, theirs)
    assert result.clean
    assert result.text == "One, revised.\n\nTwo.\n\nThree, revised."


def test_it_refuses_to_merge_edits_of_the_same_line():
    base = "One.\n\nTwo."
    result = merge_texts(base, "One, mine.\n\nTwo.", "One, theirs.\n\nTwo.")
    assert not result.clean


def test_identical_edits_merge_cleanly():
    assert merge_texts("a", "b", "b").text == "b"


def test_an_unchanged_side_takes_the_other():
    assert merge_texts("a\nb", "a\nb", "a\nc").text == "a\nc"
    assert merge_texts("a\nb", "a\nc", "a\nb").text == "a\nc"


def test_edits_of_different_sentences_in_one_paragraph_merge():
    base = "We stand together. We share one cause. We win."
    mine = "We stand together, always. We share one cause. We win."
    theirs = "We stand together. We share one cause. We win everything."
    result = merge_texts(base, mine, theirs)
    assert result.clean
    assert result.text == "We stand together, always. We share one cause. We win everything."


def test_edits_of_the_same_sentence_still_conflict():
    base = "We stand together. We win."
    assert not merge_texts(base, "We stand as one. We win.", "We stand united. We win.").clean


@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\t,"))))
def test_sentences_give_back_the_whole_text(text):
    assert "".join(sentences(text)) == text

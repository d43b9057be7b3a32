"""Ordinary text renders byte for byte as it did before rendering was bounded."""

import json

import pytest

from charter.rendering import render_markdown
from tests.charter.rendering_corpus import CORPUS_PATH

CORPUS = json.loads(CORPUS_PATH.read_text())


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_ordinary_text_renders_exactly_as_recorded(name):
    entry = CORPUS[name]
    assert render_markdown(entry["markdown"]) == entry["html"]


def test_the_corpus_covers_fixtures_samples_and_the_existing_tests():
    kinds = {name.split(" ")[0] for name in CORPUS}
    assert {"charter.clause", "personas.persona", "sample:", "test_rendering"} <= kinds

"""The regression corpus: every text whose HTML must never change.

`python -m tests.charter.rendering_corpus` rewrites data/rendering_corpus.json
from the renderer as it is now. It was run once against the renderer as it
stood before rendering was bounded; run it again only when a change of output
is intended, and review the diff of the JSON.
"""

import json
import sys
from pathlib import Path

from tests.charter.rendering_samples import SAMPLES
from tests.charter.test_rendering import HOSTILE

ROOT = Path(__file__).resolve().parents[2]
CORPUS_PATH = Path(__file__).with_name("data") / "rendering_corpus.json"

# The inputs of tests/charter/test_rendering.py, hostile ones included.
EXISTING_TEST_INPUTS = [
    *HOSTILE,
    "| tendency | stance |\n|---|---|\n| anarchist | support |",
    "1. one\n2. two\n\n- a\n- b",
    "```\n<script>x</script>\n```",
    "[a](https://example.org) [b](http://example.org) [c](mailto:iwa@example.org)",
    "See https://www.marxists.org for the rules.",
    '<a href="https://example.org" rel="opener">x</a>',
    "> *Freedom* is **always** freedom",
]


def corpus_inputs() -> dict[str, str]:
    """Name -> Markdown for every text in the corpus."""
    inputs: dict[str, str] = {}
    for path in ("fixtures/charters.json", "fixtures/personas.json"):
        for obj in json.loads((ROOT / path).read_text()):
            fields = obj["fields"]
            for field in ("body", "bio", "text", "summary"):
                if fields.get(field):
                    inputs[f"{obj['model']} {obj['pk']} {field}"] = fields[field]
    for n, text in enumerate(EXISTING_TEST_INPUTS):
        inputs[f"test_rendering input {n}"] = text
    for name, text in SAMPLES.items():
        inputs[f"sample: {name}"] = text
    return inputs


def main() -> int:
    from charter.rendering import render_markdown

    corpus = {
        name: {"markdown": text, "html": render_markdown(text)}
        for name, text in corpus_inputs().items()
    }
    CORPUS_PATH.write_text(json.dumps(corpus, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(corpus)} entries to {CORPUS_PATH}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

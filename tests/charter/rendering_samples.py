"""Ordinary Markdown, one sample per construct a clause or comment may use.

With the fixture clauses and the existing rendering tests these make the
regression corpus whose HTML was recorded from the renderer as it stood
before rendering was bounded (see test_rendering_corpus.py).
"""

import random

from bench.editing import VOCABULARY

_VOCABULARY = [
    *VOCABULARY,
    "international",
    "section",
    "congress",
    "mandate",
    "recall",
    "autonomy",
    "mutual",
    "aid",
    "comrade",
    "struggle",
    "emancipation",
    "land",
    "bread",
    "peace",
]


def long_clause(words: int = 1_500, *, seed: int = 1864) -> str:
    """A plausible long clause: headings, paragraphs, lists, a quote, links, emphasis."""
    rng = random.Random(seed)
    parts: list[str] = ["## Of the sections and their delegates"]
    written = 0
    n = 0
    while written < words:
        n += 1
        sentence_words = [rng.choice(_VOCABULARY) for _ in range(rng.randint(8, 20))]
        if n % 3 == 0:
            sentence_words[2] = f"*{sentence_words[2]}*"
        if n % 5 == 0:
            sentence_words[4] = f"**{sentence_words[4]}**"
        if n % 7 == 0:
            sentence_words[1] = f"[{sentence_words[1]}](https://example.org/{n})"
        if n % 11 == 0:
            sentence_words[3] = f"`{sentence_words[3]}`"
        if n % 13 == 0:
            sentence_words[0] = f"\u201c{sentence_words[0]}\u201d"
        sentence = " ".join(sentence_words).capitalize() + "."
        if n % 4 == 0:
            sentence = sentence.replace(" ", " \u2014 it's said \u2014 ", 1)
        written += len(sentence_words)
        if n % 17 == 0:
            parts.append("\n".join(f"- {s}" for s in sentence.split(", ")) or sentence)
        elif n % 23 == 0:
            parts.append(f"> {sentence}")
        elif n % 29 == 0:
            parts.append(f"### Article {n}")
            parts.append(sentence)
        elif parts and not parts[-1].startswith(("#", "-", ">")) and n % 2:
            parts[-1] += " " + sentence
        else:
            parts.append(sentence)
    return "\n\n".join(parts)


SAMPLES: dict[str, str] = {
    "plain paragraph": "Workers of all lands, unite. You have nothing to lose but your chains.",
    "two paragraphs": "The first paragraph.\n\nThe second paragraph,\nwrapped over two lines.",
    "atx headings": "\n\n".join(f"{'#' * level} Heading {level}" for level in range(1, 7)),
    "atx closed heading": "## Of the sections ##\n\nText.",
    "setext headings": "The congress\n============\n\nThe sections\n------------\n\nText.",
    "emphasis": "Freedom is *always* and _exclusively_ freedom for the one who thinks differently.",
    "strong": "**Property is theft** and __so is rent__.",
    "strong emphasis": "***Both at once*** and **bold with *italic* inside** and *it **bold***.",
    "intraword underscores": "snake_case_names and a_b_c stay as they are, but *a*b works.",
    "asterisks in arithmetic": "5 * 3 * 2 = 30 and 2*3 = 6, a * alone.",
    "inline code": "Use `git log --oneline` or ``a `tick` inside`` here.",
    "fenced code": "```\nfor worker in workers:\n    unite(worker)\n```",
    "fenced code with language": "~~~python\nprint('solidarity') # <b>not bold</b>\n~~~",
    "fenced code with html": "```html\n<script>alert(1)</script>\n```",
    "indented code": "Text before.\n\n    indented code\n    second line\n\nText after.",
    "blockquote": "> The emancipation of the working classes must be conquered\n"
    "> by the working classes themselves.",
    "nested blockquote": "> Outer quote.\n>\n> > Inner quote with *emphasis*.\n>\n> Back out.",
    "blockquote with list": "> Demands:\n>\n> - bread\n> - land\n> - peace",
    "unordered list": "- bread\n- land\n- peace",
    "unordered list star and plus": "* one\n* two\n\n+ three\n+ four",
    "ordered list": "1. Congress\n2. Council\n3. Sections",
    "ordered list starting at 3": "3. third\n4. fourth",
    "nested list": "1. Sections\n    - local\n    - regional\n2. Federations\n    1. national\n"
    "    2. international",
    "loose list": "- first item\n\n- second item\n\n    with a second paragraph\n\n- third",
    "sane lists mixed": "1. ordered\n2. still ordered\n\n* now unordered\n* again",
    "list after paragraph": "Our aims:\n\n- abolition of wage labour\n- self-management",
    "table": "| tendency | stance |\n|---|---|\n| anarchist | support |\n| marxist | oppose |",
    "table with alignment": "| left | centre | right |\n|:-----|:------:|------:|\n"
    "| a | b | c |\n| *em* | `code` | [link](https://example.org) |",
    "table without outer pipes": "a | b\n--|--\n1 | 2",
    "inline link": "Read [the rules](https://www.marxists.org/rules.htm) first.",
    "link with title": 'See [the statutes](https://example.org/statutes "Provisional Rules").',
    "link with parentheses": "A [wiki link](https://en.wikipedia.org/wiki/Commune_(Paris)) here.",
    "link with query": "[search](https://example.org/?q=a&b=c) and https://example.org/?x=1&y=2",
    "mailto link": "Write to [the secretary](mailto:secretary@example.org).",
    "reference link": "See [the rules][rules] and [rules] again.\n\n"
    '[rules]: https://example.org/rules "The Rules"',
    "autolink": "<https://example.org/congress> and <secretary@example.org>",
    "bare urls": "Visit https://www.marxists.org or www.example.org, or example.com/path.",
    "relative link": "[the charter](/charters/iwa/) and [anchor](#section)",
    "image": "![A banner](https://example.org/banner.png)",
    "image with title": '![Banner](https://example.org/b.png "The banner")',
    "horizontal rules": "Above\n\n---\n\nMiddle\n\n***\n\nBelow\n\n_ _ _",
    "line break": "First line  \nSecond line after two spaces.",
    "backslash escapes": r"\*not emphasis\* and \_not either\_, \[not a link\], \`tick\`, 1\. x",
    "entities": "&amp; &copy; &#169; &#xA9; AT&T, a & b, &nbsp;.",
    "smart quotes": "\"Double\" and 'single' quotes, the workers' council, don't, '90s.",
    "smart dashes and ellipsis": "Bread -- and roses --- and... more.",
    "angle brackets in prose": "If a < b and b > c then 3 <= 4 and x -> y.",
    "brackets in prose": "He said [sic] that footnote [1] and [2] apply (see [3]).",
    "unmatched bracket in prose": "An opening [ without closing, and a closing ] alone.",
    "parentheses in prose": "The International (founded 1864) met (often) in London.",
    "raw inline html allowed": 'H<sub>2</sub>O, E = mc<sup>2</sup>, <abbr title="International '
    "Workingmen's Association\">IWA</abbr>, <ins>added</ins> <del>removed</del>, a<br>b.",
    "raw inline html bold": "Some <b>bold</b> and <i>italic</i> and <strong>strong</strong>.",
    "raw html block": "<div>\n<p>A paragraph in a div.</p>\n</div>\n\nAfter the block.",
    "raw html span": 'A <span class="x">span</span> is stripped.',
    "html comment": "Before <!-- a hidden note --> after.\n\n<!--\nblock comment\n-->\n\nEnd.",
    "unicode": "Свобода, égalité, 团结, ✊ and emoji 🚩 — all fine.",
    "hashes in prose": "Issue #12 and C# and #hashtag mid-line.",
    "numbers that look like lists": "1864. The year the International was founded.",
    "pipes in prose": "Either this | or that, but not a table.",
    "tabs": "\tTabbed code?\n\nText\twith\ttabs.",
    "trailing whitespace": "Line with trailing spaces   \n\n\n\nAfter many blank lines.   ",
    "email in prose": "Contact secretary@example.org for details.",
    "long clause": long_clause(),
    "long clause variant": long_clause(600, seed=1871),
}

"""Inputs that have made Markdown renderers slow, sized to a given length.

The classes of CommonMark's reference implementation's pathological tests
(cmark, test/pathological_tests.py) plus the HTML, entity, table and heading
cases of the security review and the blowups found by fuzzing this renderer
with random runs of Markdown punctuation. Each generator takes a length and
returns a text of at most that length.
"""

from collections.abc import Callable


def repeat(unit: str, length: int, prefix: str = "", suffix: str = "") -> str:
    count = max(1, (length - len(prefix) - len(suffix)) // len(unit))
    return prefix + unit * count + suffix


def nest(opening: str, middle: str, closing: str, length: int) -> str:
    count = (length - len(middle)) // (len(opening) + len(closing))
    return opening * count + middle + closing * count


def _lines(make_line: Callable[[int], str], length: int) -> str:
    out: list[str] = []
    total = 0
    n = 0
    while total + len(make_line(n)) <= length:
        out.append(make_line(n))
        total += len(out[-1])
        n += 1
    return "".join(out)


def _growing_backtick_runs(length: int) -> str:
    return _lines(lambda n: "e" + "`" * (n + 1), length)


def _reference_definitions(length: int) -> str:
    definitions = _lines(lambda n: f"[r{n}]: /u{n}\n", length // 2)
    return definitions + "\n" + repeat("[r0] ", length - len(definitions) - 1)


PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    # Brackets and links.
    "unmatched openers [": lambda n: "[" * n,
    "unmatched closers ]": lambda n: "]" * n,
    "link openers with no closers [a": lambda n: repeat("[a", n),
    "link closers with no openers a]": lambda n: repeat("a]", n),
    "nested brackets [[[a]]]": lambda n: nest("[", "a", "]", n),
    "unclosed links [a](<b": lambda n: repeat("[a](<b", n),
    "unclosed links [a](b": lambda n: repeat("[a](b", n),
    "nested link openers [a](": lambda n: repeat("[a](", n),
    "pattern [ (](": lambda n: repeat("[ (](", n),
    "pattern ![[]()": lambda n: repeat("![[]()", n),
    "pattern ![[](": lambda n: repeat("![[](", n),
    "image openers ![": lambda n: repeat("![", n),
    "reference openers [a][": lambda n: repeat("[a][", n),
    "link openers and emphasis closers [ a_": lambda n: repeat("[ a_", n),
    "nested ( in a link destination": lambda n: repeat("(", n, "[a]("),
    "balanced ( in a link destination": lambda n: "[a](" + nest("(", "b", ")", n - 5) + ")",
    "quotes in a link title": lambda n: repeat("\"'", n, "[a](b "),
    "many link reference definitions": _reference_definitions,
    # Emphasis.
    "nested strong emphasis": lambda n: nest("*a **a ", "b", " a** a*", n),
    "unclosed emphasis *a **a": lambda n: repeat("*a **a ", n),
    "emphasis closers with no openers a_": lambda n: repeat("a_ ", n),
    "emphasis openers with no closers _a": lambda n: repeat("_a ", n),
    "mismatched openers and closers *a_": lambda n: repeat("*a_ ", n),
    "cmark issue 389": lambda n: nest("*a ", "", "_a*_ ", n),
    "openers and closers multiple of 3": lambda n: repeat("c* ", n, "a**b"),
    "nested inlines *": lambda n: nest("*", "a", "*", n),
    "nested inlines _": lambda n: nest("_", "a", "_", n),
    "run of _": lambda n: "_" * n,
    "run of *": lambda n: "*" * n,
    "alternating *_": lambda n: repeat("*_", n),
    # Blocks.
    "nested block quotes > ": lambda n: repeat("> ", n, suffix="a"),
    "nested block quotes >": lambda n: repeat(">", n, suffix="a"),
    "emphasis in a deep block quote": lambda n: nest(">", "", "a*", n),
    "deeply nested lists": lambda n: _lines(lambda x: "  " * x + "* a\n", n),
    "empty lines in deeply nested lists": lambda n: nest("- ", "x", "\n", n),
    "empty lines in nested lists in a block quote": lambda n: (
        "> " + nest("- ", "x\n", ">\n", n - 2)
    ),
    "nested ordered lists": lambda n: repeat("1. ", n, suffix="x"),
    "many list items": lambda n: repeat("- a\n", n),
    "many paragraphs": lambda n: repeat("a\n\n", n),
    "long table": lambda n: repeat("| x | *y* | `z` |\n", n, "| a | b | c |\n|---|---|---|\n"),
    "wide table": lambda n: "|" + " a |" * ((n - 4) // 8) + "\n|" + "---|" * ((n - 4) // 8) + "\n",
    "setext headings": lambda n: repeat("a\n=\n", n),
    "setext underline": lambda n: "a\n" + "=" * (n - 2),
    "atx headings": lambda n: repeat("# a\n", n),
    "long line of *": lambda n: "*" * (n - 1) + "\n",
    "long line of * and spaces": lambda n: repeat("* ", n),
    "long line of -": lambda n: "-" * n,
    "long line of _ and spaces": lambda n: repeat("_ ", n),
    "unclosed fences ```": lambda n: repeat("```\n", n),
    "unclosed fences ~~~a": lambda n: repeat("~~~a\n", n),
    "indented code lines": lambda n: repeat("    a\n", n),
    "many blank lines": lambda n: repeat("\n", n, "a", "=\n"),
    # Code spans.
    "backticks of growing length": _growing_backtick_runs,
    "run of `": lambda n: "`" * n,
    "unmatched backticks ` a": lambda n: repeat("` a", n),
    "backtick pairs ``a`": lambda n: repeat("``a`", n),
    # Raw HTML.
    "unclosed comments <!--": lambda n: repeat("<!--", n, "</"),
    "unclosed tags <a ": lambda n: repeat("<a ", n),
    "unclosed declarations <!": lambda n: repeat("<!", n),
    "unclosed processing instructions <?": lambda n: repeat("<?", n),
    "unclosed CDATA": lambda n: repeat("<![CDATA[", n),
    "unclosed attribute values <a href='": lambda n: repeat("<a href='", n),
    "nested block HTML <div>": lambda n: repeat("<div>", n),
    "nested inline HTML <b>": lambda n: repeat("<b>", n),
    "misnested formatting <b><i>x": lambda n: repeat("<b><i>x", n),
    "autolink openers <http://": lambda n: repeat("<http://", n),
    "mail autolink openers <a@": lambda n: repeat("<a@", n),
    # Escapes, entities, punctuation.
    "run of backslashes": lambda n: "\\" * n,
    "escapes \\*": lambda n: repeat("\\*", n),
    "run of &": lambda n: "&" * n,
    "entities &amp;": lambda n: repeat("&amp;", n),
    "entity openers &#": lambda n: repeat("&#", n),
    "run of <": lambda n: "<" * n,
    "smart quotes": lambda n: repeat("'\"", n),
    "smart dashes": lambda n: repeat("--", n),
    "ellipses": lambda n: repeat("...", n),
    "hard line breaks": lambda n: repeat("a  \n", n),
    "U+0000": lambda n: repeat("a\x00", n),
    # Text bleach's linkify backtracks on.
    "hyphenated dotted run a-b.": lambda n: repeat("a-b.", n),
    "dotted hyphenated run -www.": lambda n: repeat("-www.", n),
    "hyphen run a-": lambda n: repeat("a-", n),
    "dotted run a.": lambda n: repeat("a.", n),
    "many bare URLs": lambda n: repeat("http://a.org ", n),
    "long word": lambda n: "a" * n,
    "tabs": lambda n: "\t" * (n - 1) + "a",
}

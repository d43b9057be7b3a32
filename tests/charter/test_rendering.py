import pytest

from charter.rendering import render_markdown

HOSTILE = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD4=)",
    '<a href="javascript:alert(1)">x</a>',
    '<p onclick="alert(1)">hi</p>',
    "<iframe src='https://evil.example'></iframe>",
    "<svg onload=alert(1)>",
    "<style>body{display:none}</style>",
    '<a href="vbscript:msgbox(1)">x</a>',
    "![img](https://example.org/x.png)",
    '<form action="https://evil.example"><input name=q></form>',
    "<object data='x'></object>",
]


@pytest.mark.parametrize("markdown", HOSTILE)
def test_hostile_markdown_comes_out_inert(markdown):
    html = render_markdown(markdown).lower()
    for marker in (
        "<script",
        "onerror",
        "onclick",
        "onload",
        "javascript:",
        "vbscript:",
        "data:",
        "<iframe",
        "<svg",
        "<style",
        "<img",
        "<form",
        "<input",
        "<object",
    ):
        assert marker not in html


def test_tables_survive():
    html = render_markdown("| tendency | stance |\n|---|---|\n| anarchist | support |")
    assert "<table>" in html and "<th>tendency</th>" in html and "<td>support</td>" in html


def test_lists_survive():
    html = render_markdown("1. one\n2. two\n\n- a\n- b")
    assert "<ol>" in html and "<ul>" in html and html.count("<li>") == 4


def test_fenced_code_is_escaped_not_executed():
    html = render_markdown("```\n<script>x</script>\n```")
    assert "<pre><code>" in html
    assert "&lt;script&gt;" in html


def test_links_keep_http_https_and_mailto_with_safe_rel():
    html = render_markdown(
        "[a](https://example.org) [b](http://example.org) [c](mailto:iwa@example.org)"
    )
    assert html.count('rel="nofollow ugc noopener"') == 3
    assert 'href="https://example.org"' in html
    assert 'href="mailto:iwa@example.org"' in html


def test_bare_urls_become_safe_links():
    html = render_markdown("See https://www.marxists.org for the rules.")
    assert '<a href="https://www.marxists.org" rel="nofollow ugc noopener">' in html


def test_a_forged_rel_is_replaced():
    html = render_markdown('<a href="https://example.org" rel="opener">x</a>')
    assert 'rel="nofollow ugc noopener"' in html
    assert "opener" not in html.replace("noopener", "")


def test_emphasis_and_blockquote_survive():
    html = render_markdown("> *Freedom* is **always** freedom")
    assert (
        "<blockquote>" in html and "<em>Freedom</em>" in html and "<strong>always</strong>" in html
    )


def test_empty_text_renders_empty():
    assert render_markdown("") == ""

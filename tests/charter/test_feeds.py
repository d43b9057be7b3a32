"""The Atom feeds: every user string escaped or sanitised, removed clauses left out."""

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from charter.services import discussion, revisions
from tests.conftest import make_clause, make_persona, make_tendency, make_user, revise_clause

ATOM = "{http://www.w3.org/2005/Atom}"
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="javascript:alert(3)">click</a>',
    "[md link](javascript:alert(4))",
]


class _Dangers(HTMLParser):
    """Collects what a feed reader rendering this HTML would run."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "img", "iframe", "object", "svg"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or "javascript:" in (value or "").lower():
                self.found.append(f"{tag}[{name}]")


def _entries(response) -> list[ET.Element]:
    assert response.status_code == 200
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def _dangers(html: str) -> list[str]:
    parser = _Dangers()
    parser.feed(html)
    return parser.found


@pytest.fixture
def hostile(db):
    """A clause, an edit and a comment whose every user string is a payload."""
    persona = make_persona(name=PAYLOADS[0], tendency=make_tendency(name=PAYLOADS[1]))
    user = make_user("mallory", persona=persona)
    clause = make_clause(title=PAYLOADS[1], body=PAYLOADS[2])
    revise_clause(clause, user, f"{PAYLOADS[3]}\n\n{PAYLOADS[0]}", summary=" ".join(PAYLOADS))
    discussion.comment_post(clause_id=clause.pk, user=user, body="\n\n".join(PAYLOADS))
    return clause


@pytest.mark.parametrize("url", ["/feeds/recent/", "charter", "comments"])
def test_no_user_string_in_a_feed_can_run_in_a_reader(client, hostile, url):
    if url == "charter":
        url = f"/feeds/charters/{hostile.charter.slug}/"
    elif url == "comments":
        url = f"/feeds/clauses/{hostile.pk}/comments/"
    entries = _entries(client.get(url))
    assert entries
    for entry in entries:
        summary = entry.find(f"{ATOM}summary")
        if summary is not None:
            assert summary.get("type") == "html"
            assert _dangers(summary.text or "") == [], summary.text
        # Titles and author names are Atom text: the payload is shown, never markup.
        for text_element in (entry.find(f"{ATOM}title"), entry.find(f"{ATOM}author/{ATOM}name")):
            assert text_element.get("type") in (None, "text")


def test_an_edit_summary_reaches_the_feed_as_visible_text(client, hostile):
    entry = _entries(client.get("/feeds/recent/"))[0]
    summary = entry.find(f"{ATOM}summary").text
    # Escaped once in the HTML, so a reader shows the characters typed.
    assert "&lt;img src=x onerror=alert(2)&gt;" in summary


def test_revisions_of_removed_clauses_leave_the_feeds(client, alice):
    kept = make_clause(title="Kept in the feed")
    gone = make_clause(charter=kept.charter, title="Taken out")
    revise_clause(gone, alice, "Words that were removed.", summary="secret summary")
    revisions.clause_remove(clause_id=gone.pk, user=alice, reason="off topic")
    for url in ("/feeds/recent/", f"/feeds/charters/{kept.charter.slug}/"):
        text = client.get(url).text
        assert "Kept in the feed" in text
        assert "Taken out" not in text and "secret summary" not in text

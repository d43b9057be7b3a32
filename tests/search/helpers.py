"""Reading search result pages in tests."""

import re
from dataclasses import dataclass

from django.test import Client

_HIT = re.compile(
    r'<li class="search-hit search-hit-(?P<kind>\w+)">.*?<h2 class="hit-title" id="hit-\d+">'
    r'<a href="(?P<url>[^"]*)">(?P<title>.*?)</a></h2>.*?</li>',
    re.DOTALL,
)
_SNIPPET = re.compile(r'<p class="hit-snippet">(.*?)</p>', re.DOTALL)


@dataclass
class Hit:
    kind: str
    url: str
    title: str
    html: str

    @property
    def snippet(self) -> str:
        found = _SNIPPET.search(self.html)
        return found.group(1) if found else ""


def hits(html: str) -> list[Hit]:
    """The hits on a results page, in order."""
    return [
        Hit(kind=m["kind"], url=m["url"], title=m["title"], html=m.group(0))
        for m in _HIT.finditer(html)
    ]


def search(client: Client, q: str, **params) -> list[Hit]:
    """GET /search/ and insist on a 200; returns the hits."""
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200, response.text[:2000]
    return hits(response.text)


def urls(found: list[Hit]) -> list[str]:
    return [hit.url for hit in found]

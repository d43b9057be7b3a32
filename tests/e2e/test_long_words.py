"""A 200-character word in a title, a text or a comment never widens the page."""

import pytest
from django.contrib.auth.models import User

from charter.models import Charter
from charter.services import discussion, revisions
from personas.models import Persona
from personas.services import player_play
from tests.e2e.helpers import PASSWORD, log_in

WORD = "Solidarity" * 20  # 200 characters, no space to break at


@pytest.fixture
def long_words(site):
    user = User.objects.create_user("alice", password=PASSWORD)
    player_play(user=user, persona=Persona.objects.get(slug="rosa-luxemburg"))
    charter = Charter.objects.get(slug="virtual-charter")
    result = revisions.clause_create(
        charter=charter,
        user=user,
        title=WORD,
        body=f"A text with {WORD} in it, and `{WORD}` as code.\n\n    {WORD}\n",
        summary=f"Adding {WORD}",
    )
    discussion.comment_post(clause_id=result.clause.pk, user=user, body=f"Yes: {WORD}!")
    return result.clause


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_pages_keep_the_viewport_width_with_a_200_character_word(site, new_page, long_words, width):
    clause = long_words
    page = new_page(viewport={"width": width, "height": 844})
    log_in(page, site.url, "alice")
    widths = {}
    for path in [
        clause.get_absolute_url(),
        clause.charter.get_absolute_url(),
        f"{clause.get_absolute_url()}history/",
        "/recent/",
    ]:
        page.goto(site.url + path)
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
    assert widths == dict.fromkeys(widths, width)

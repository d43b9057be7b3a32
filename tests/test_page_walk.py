"""Every page the site serves renders its templates fully: no template syntax leaks out.

A comment the template engine does not understand (a `{# #}` spread over two
lines, say) is printed as it stands. The URLs come from the URL configuration,
as in test_hostile_input, so a page added later is walked too; each is read
as a visitor, a player, a player without a persona yet, a suspended player
and a moderator, with the query strings and htmx requests that change what
it shows.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from charter.models import Clause, RevisionMeta
from charter.roles import ensure_moderators_group
from charter.selectors.revisions import attach_version_ids
from personas.models import Persona, Player
from tests.conftest import make_comment, make_stance, make_user, revise_clause
from tests.urls import site_urls
from translations.services import translation_save

LEAKS = ("{#", "{%", "{{")

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(seeded) -> dict[str, object]:
    persona = Persona.objects.get
    mod = make_user("mod", persona=persona(slug="peter-kropotkin"), is_staff=True)
    mod.groups.add(ensure_moderators_group())
    suspended = make_user("dave", persona=persona(slug="karl-marx"))
    Player.objects.filter(user=suspended).update(
        suspended_until=timezone.now() + timedelta(days=2), suspension_reason="Shouting."
    )
    return {
        "visitor": None,
        "player": make_user("alice", persona=persona(slug="rosa-luxemburg")),
        "newcomer": make_user("charlie"),
        "suspended": suspended,
        "moderator": mod,
        "bob": make_user("bob", persona=persona(slug="mikhail-bakunin")),
    }


@pytest.fixture
def urls(people, settings) -> list[tuple[str, dict]]:
    settings.RATELIMIT_ENABLE = False
    alice, bob = people["player"], people["bob"]
    clause = Clause.objects.filter(charter__slug="virtual-charter").order_by("position")[1]
    revise_clause(clause, alice, clause.body + "\n\nOne more sentence.", summary="walk")
    # A French translation, then a change of the source: it reads as outdated.
    clause.refresh_from_db()
    translation_save(
        clause_id=clause.pk,
        language="fr",
        user=alice,
        title="Traduction",
        body="Une traduction.",
        summary="",
        base_revision_number=0,
        source_revision_number=clause.revision_number,
    )
    revise_clause(clause, bob, clause.body + "\n\nAnd another.", summary="walk on")
    root = make_comment(clause=clause, author=bob)
    reply = make_comment(clause=clause, author=alice, parent=root, side="for")
    make_stance(clause=clause, user=alice, reason="It unites us.")
    make_stance(clause=clause, user=bob, position="abstain")
    removed = Clause.objects.filter(charter__slug="virtual-charter").order_by("position")[2]
    Clause.objects.filter(pk=removed.pk).update(is_removed=True)
    metas = RevisionMeta.objects.filter(clause=clause).order_by("revision_number")
    first, last = (m.version_id for m in attach_version_ids([metas.first(), metas.last()]))
    values = {
        "slug": "virtual-charter",
        "pk": clause.pk,
        "comment_id": reply.pk,
        "version_id": first,
        "username": "alice",
        "language": "fr",
    }
    # The language links set a cookie that would carry the rest of the walk
    # into another language; tests/test_languages.py covers them.
    found = [(url, {}) for url in site_urls(values) if not url.startswith("/language/")]
    base = clause.get_absolute_url()
    htmx = {"HTTP_HX_REQUEST": "true"}
    found += [
        (f"{base}?reply={root.pk}", {}),
        (f"{base}?quote={reply.pk}", {}),
        (f"{base}comments/form/?reply={root.pk}", htmx),
        (f"{base}comments/form/?quote={reply.pk}", htmx),
        (f"{base}diff/?from={first}&to={last}", {}),
        (f"{base}diff/?from=abc", {}),
        ("/charters/virtual-charter/as-of/?at=2020-01-01T00:00", {}),
        ("/charters/virtual-charter/as-of/?at=nonsense", {}),
        ("/charters/iwa-general-rules-1864/", {}),
        (removed.get_absolute_url(), {}),
        ("/players/alice/?show=stances", {}),
        ("/personas/?next=/charters/virtual-charter/", {}),
        ("/no/such/page/", {}),
        "/admin/",
        "/admin/charter/flag/",
        "/admin/charter/clause/",
        f"/admin/charter/clause/{clause.pk}/change/",
        f"/admin/charter/clause/{clause.pk}/history/",
        f"/admin/charter/clause/{clause.pk}/history/{first}/",
        "/admin/charter/clause/recover/",
        "/admin/charter/comment/",
        f"/admin/charter/comment/{reply.pk}/change/",
        "/admin/personas/player/",
        "/admin/charter/moderationaction/",
    ]
    return [item if isinstance(item, tuple) else (item, {}) for item in found]


def test_no_page_shows_template_syntax_to_anyone(people, urls):
    leaks, pages = [], 0
    for who in ["visitor", "player", "newcomer", "suspended", "moderator"]:
        client = Client()
        if people[who] is not None:
            client.force_login(people[who])
        for url, headers in urls:
            response = client.get(url, follow=True, **headers)
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            pages += 1
            html = response.content.decode()
            leaks += [(who, url, leak) for leak in LEAKS if leak in html]
    assert not leaks, leaks
    # The walk reached the pages, not just error pages: many URLs per person.
    assert pages > 200, pages

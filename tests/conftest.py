"""Shared fixtures and builders.

Named users throughout: alice and bob play personas, charlie has none yet,
mod is a moderator.
"""

import itertools
import threading
import time
from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from charter.models import Charter, Clause, RevisionMeta, Stance
from charter.roles import ensure_moderators_group
from charter.selectors.revisions import latest_version
from charter.services.revisions import SaveResult, clause_revise, clause_seed_revision
from personas.models import Persona, Player, Tendency

_seq = itertools.count(1)

# Property tests must not fail because a loaded CI machine ran one example
# slowly; a real counterexample still fails and is printed for replay.
hypothesis_settings.register_profile("suite", deadline=None, print_blob=True)
hypothesis_settings.load_profile("suite")


def make_tendency(**overrides) -> Tendency:
    n = next(_seq)
    fields = {"name": f"Circle {n}", "slug": f"circle-{n}", "colour": "#7a1515", "position": n}
    fields.update(overrides)
    return Tendency.objects.create(**fields)


def make_persona(**overrides) -> Persona:
    n = next(_seq)
    fields = {"name": f"Persona Number{n}", "slug": f"persona-{n}", "born": 1850, "died": 1920}
    fields.update(overrides)
    if "tendency" not in fields:
        fields["tendency"] = make_tendency()
    return Persona.objects.create(**fields)


def make_user(username: str, *, persona: Persona | None = None, **extra) -> User:
    user = User.objects.create_user(username=username, password="pw-" + username, **extra)
    Player.objects.create(user=user, persona=persona)
    return user


SIGNUP_PASSWORD = "solidarity-forever-1"


def sign_up(
    client, username: str, *, url: str = "/accounts/signup/", meta: dict | None = None, **fields
):
    """Post the sign-up form as a browser would, with a good password unless given.

    `meta` goes to the request (say, another REMOTE_ADDR), `fields` to the form.
    """
    data = {"username": username, "password1": SIGNUP_PASSWORD, "password2": SIGNUP_PASSWORD}
    return client.post(url, {**data, **fields}, **(meta or {}))


def make_charter(**overrides) -> Charter:
    n = next(_seq)
    fields = {"title": f"Charter {n}", "slug": f"charter-{n}", "summary": "A charter."}
    fields.update(overrides)
    return Charter.objects.create(**fields)


def make_clause(**overrides) -> Clause:
    """A clause with its first (seed) revision, as fixtures produce them."""
    fields = {"title": "Solidarity", "body": "We stand *together* across borders."}
    fields.update(overrides)
    if "charter" not in fields:
        fields["charter"] = make_charter()
    if "position" not in fields:
        fields["position"] = fields["charter"].clauses.count() + 1
    clause = Clause.objects.create(**fields)
    clause_seed_revision(clause=clause)
    clause.refresh_from_db()
    return clause


def revise_clause(
    clause: Clause,
    user: User,
    body: str,
    summary: str = "",
    *,
    title: str | None = None,
    base_version_id: int | None = None,
) -> SaveResult:
    """Save an edit of `clause` through the service, made from its latest revision
    or, for a stale edit, from `base_version_id`."""
    clause.refresh_from_db()
    return clause_revise(
        clause_id=clause.pk,
        user=user,
        title=title or clause.title,
        body=body,
        summary=summary,
        base_version_id=base_version_id or latest_version(clause).pk,
    )


def probe_while_held_and_after(hold: Callable[[], object], probe: Callable[[], None]) -> None:
    """Run `probe` on another connection while `hold`'s row locks are held, then after commit.

    `probe` runs in a thread of its own (so on a connection of its own) and
    should ask for the rows without waiting and record what it was told.
    """

    def in_thread() -> None:
        thread = threading.Thread(target=probe)
        thread.start()
        thread.join()

    with transaction.atomic():
        hold()
        in_thread()
    in_thread()


def assert_single_revision(clause: Clause, *, user: User | None, comment: str) -> RevisionMeta:
    """The clause's newest revision was made by `user` with `comment`, and is the only new one."""
    meta = (
        RevisionMeta.objects.filter(clause=clause)
        .select_related("revision")
        .latest("revision_number")
    )
    assert meta.revision.user == user
    assert meta.revision.comment == comment
    assert meta.revision.version_set.count() == 1
    return meta


@pytest.fixture(scope="session", autouse=True)
def _own_redis_database(worker_id):
    """Each pytest-xdist worker gets a Redis database of its own.

    Tests empty the cache between them; two workers sharing one database
    would empty each other's rate-limit counters and cached pages mid-test.
    """
    location = settings.CACHES["default"].get("LOCATION", "")
    if worker_id == "master" or not str(location).startswith("redis://"):
        yield
        return
    base, _, _ = str(location).rpartition("/")
    database = int(worker_id.removeprefix("gw")) + 1
    caches = {"default": {**settings.CACHES["default"], "LOCATION": f"{base}/{database}"}}
    with override_settings(CACHES=caches):
        yield


def cache_url() -> str:
    """The shared cache this test process uses, for app servers a test starts."""
    location = settings.CACHES["default"].get("LOCATION", "")
    return str(location) if str(location).startswith("redis://") else "locmemcache://"


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate-limit counters and cached pages live in the cache: every test
    # starts without any.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_between_tests():
    # LocaleMiddleware activates a request's language for the thread and
    # nothing deactivates it: without this, a test that read a French page
    # would leave reverse() and gettext in French for the next test.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def frozen_clock(monkeypatch):
    """Hold the wall clock still, so a test of a limit never straddles two rate windows.

    Rate limits count in fixed windows (a minute, an hour); a test that makes
    ten requests could otherwise see its count reset halfway. Returns a
    function that moves the clock on by some seconds.
    """
    now = [time.time()]
    monkeypatch.setattr(time, "time", lambda: now[0])

    def advance(seconds: float) -> None:
        now[0] += seconds

    return advance


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Production hashes static names from a manifest built by collectstatic;
    # tests read the files in place so a new script needs no rebuild.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def seeded(db):
    call_command("seed_demo", "--no-players", verbosity=0)


@pytest.fixture
def tendency(db) -> Tendency:
    return make_tendency(name="Spartacists", slug="spartacists", colour="#8b1a1a")


@pytest.fixture
def rosa(tendency) -> Persona:
    return make_persona(name="Rosa Luxemburg", slug="rosa-luxemburg", tendency=tendency)


@pytest.fixture
def bakunin(db) -> Persona:
    anarchists = make_tendency(name="Anarchists", slug="anarchists", colour="#1f1f1f")
    return make_persona(name="Mikhail Bakunin", slug="mikhail-bakunin", tendency=anarchists)


@pytest.fixture
def alice(rosa) -> User:
    return make_user("alice", persona=rosa)


@pytest.fixture
def bob(bakunin) -> User:
    return make_user("bob", persona=bakunin)


@pytest.fixture
def charlie(db) -> User:
    return make_user("charlie")


@pytest.fixture
def mod(db) -> User:
    persona = make_persona(name="Peter Kropotkin", slug="peter-kropotkin")
    user = make_user("mod", persona=persona, is_staff=True)
    # Transactional tests flush the data migration's group: recreate it whole.
    user.groups.add(ensure_moderators_group())
    return user


@pytest.fixture
def charter(db) -> Charter:
    return make_charter(title="Virtual Charter", slug="virtual-charter")


@pytest.fixture
def clause(charter) -> Clause:
    return make_clause(
        charter=charter,
        title="Solidarity across borders",
        body="Workers of all lands share one cause.",
    )


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def make_voter(*, tendency: Tendency | None = None, **persona_overrides) -> User:
    """A player with a persona of their own, in `tendency` (a new circle if omitted)."""
    if tendency is not None:
        persona_overrides["tendency"] = tendency
    persona = make_persona(**persona_overrides)
    return make_user(f"voter{next(_seq)}", persona=persona)


def make_stance(
    *,
    clause: Clause,
    user: User | None = None,
    position: str = "support",
    stale: bool = False,
    **extra,
) -> Stance:
    """The user's current stance on the clause, written straight to the database.

    `stale=True` dates it to the revision before the current one, as if the
    text had changed since.
    """
    user = user or make_voter()
    persona = extra.pop("persona", None) or Player.objects.get(user=user).persona
    Stance.objects.filter(user=user, clause=clause, is_current=True).update(is_current=False)
    # Builders and services hold their own copies of the clause; ask the database.
    current = Clause.objects.values_list("revision_number", flat=True).get(pk=clause.pk)
    number = current - 1 if stale else current
    return Stance.objects.create(
        user=user,
        clause=clause,
        persona=persona,
        position=position,
        clause_revision_number=number,
        **extra,
    )


def make_comment(
    *,
    clause: Clause,
    author: User,
    parent=None,
    body: str = "We must *organise*, not only agitate.",
    **extra,
):
    """A comment placed in its thread, written straight to the database (no flood limits)."""
    from charter.models import Comment
    from charter.services.discussion import comment_path

    persona = extra.pop("persona", None) or Player.objects.get(user=author).persona
    if "clause_revision_number" not in extra:
        # Builders and services hold their own copies of the clause; ask the database.
        extra["clause_revision_number"] = Clause.objects.values_list(
            "revision_number", flat=True
        ).get(pk=clause.pk)
    comment = Comment(
        clause=clause, parent=parent, author=author, persona=persona, body=body, **extra
    )
    comment.save()
    comment.path, comment.depth = comment_path(parent=parent, pk=comment.pk)
    comment.save(update_fields=["path", "depth"])
    return comment


def make_group(founder: User, *members: User, name: str = "Spartacus group", persona=None):
    """A player group founded by `founder` (playing `persona`, theirs by default) that
    `members` joined by invitation, all through the services."""
    from personas import groups

    persona = persona or Player.objects.get(user=founder).persona
    group = groups.group_create(user=founder, name=name, persona=persona)
    for member in members:
        invitation = groups.group_invite(group_id=group.pk, user=founder, username=member.username)
        groups.group_invitation_accept(invitation_id=invitation.pk, user=member)
    return group

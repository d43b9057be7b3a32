"""What one signed-in reader's own parts of a clause page turn on, read together."""

import functools
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import connections, router

from charter.models import Clause, Comment, Notification, Stance, Watch
from config import prepared
from config.rows import Columns
from personas.models import PlayerGroup


@dataclass(frozen=True)
class ClauseReader:
    watching: bool
    # Their own comments look different to them (an edit link, no flag).
    authored: bool
    # Theirs, or their group's: the one that speaks for them now.
    stance_id: int | None
    unread: int


def clause_reader(
    clause: Clause, user: AbstractBaseUser, *, group: PlayerGroup | None
) -> ClauseReader:
    """Whether they watch the clause and have spoken in its debate, the stance that
    speaks for them (as `stances.voice` and `my_stance` choose it) and their unread
    notifications: one query where four would do.

    A signed-in page served from its frame (config.frames) reads little else,
    so the query is written by hand (config.rows): composing it from querysets
    cost more than the rest of the page's queries together.
    tests/charter/test_readers.py holds it to the querysets it stands for.
    """
    using = router.db_for_read(Clause)
    # A group member's stance is the group's; anyone else's is their own, outside any group.
    voice = [group.pk] if group is not None else [user.pk]
    params = [clause.pk, user.pk, clause.pk, user.pk, clause.pk, *voice, user.pk]
    with connections[using].cursor() as cursor:
        prepared.execute(cursor, "clause_reader", _reader_sql(using, group is not None), params)
        watching, authored, stance_id, unread = cursor.fetchone()
    return ClauseReader(
        watching=bool(watching), authored=bool(authored), stance_id=stance_id, unread=unread
    )


_WATCH = Columns(Watch, "w")
_COMMENT = Columns(Comment, "c")
_STANCE = Columns(Stance, "s")
_NOTIFICATION = Columns(Notification, "n")


@functools.cache
def _reader_sql(using: str, in_group: bool) -> str:
    def col(columns: Columns, attname: str) -> str:
        return columns.column(using, attname)

    if in_group:
        voice = f"{col(_STANCE, 'group_id')} = %s"
    else:
        voice = f"{col(_STANCE, 'user_id')} = %s AND {col(_STANCE, 'group_id')} IS NULL"
    return (
        "SELECT "
        f"EXISTS(SELECT 1 FROM {_WATCH.table(using)}"
        f" WHERE {col(_WATCH, 'clause_id')} = %s AND {col(_WATCH, 'user_id')} = %s), "
        f"EXISTS(SELECT 1 FROM {_COMMENT.table(using)}"
        f" WHERE {col(_COMMENT, 'clause_id')} = %s AND {col(_COMMENT, 'author_id')} = %s), "
        # The first by id, as my_stance() picks.
        f"(SELECT {col(_STANCE, 'id')} FROM {_STANCE.table(using)}"
        f" WHERE {col(_STANCE, 'clause_id')} = %s AND {col(_STANCE, 'is_current')}"
        f" AND {voice} ORDER BY {col(_STANCE, 'id')} LIMIT 1), "
        f"(SELECT COUNT(*) FROM {_NOTIFICATION.table(using)}"
        f" WHERE {col(_NOTIFICATION, 'user_id')} = %s AND {col(_NOTIFICATION, 'read_at')} IS NULL)"
    )

"""Seeded translations of the demo charter (fixtures/translations.json), by demo players.

Each is saved through the service, as a first revision made from the
clause's seed text (its revision 1): where the staged demo edited a clause
since, the translation shows as outdated, as it would be.
"""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from charter.models import Clause
from translations.models import ClauseTranslation
from translations.services import translation_save

FIXTURE = "translations.json"
# Who translates into which language, among the demo players.
TRANSLATORS = {"fr": "bob", "de": "alice", "es": "carol"}


def _fixture() -> dict:
    for directory in settings.FIXTURE_DIRS:
        path = Path(directory) / FIXTURE
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
    return {"clauses": []}


def seed_translations(users: dict[str, AbstractBaseUser]) -> int:
    """Translate the fixture's clauses that have no translation yet; returns how many."""
    made = 0
    data = _fixture()
    clauses = Clause.objects.in_bulk([row["pk"] for row in data["clauses"]])
    for row in data["clauses"]:
        clause = clauses.get(row["pk"])
        if clause is None or clause.is_removed:
            continue
        for language, username in TRANSLATORS.items():
            text = row.get(language)
            user = users.get(username)
            if not text or user is None:
                continue
            if ClauseTranslation.objects.filter(clause=clause, language=language).exists():
                continue
            translation_save(
                clause_id=clause.pk,
                language=language,
                user=user,
                title=text["title"],
                body=text["body"],
                summary="",
                base_revision_number=0,
                source_revision_number=1,
            )
            made += 1
    return made

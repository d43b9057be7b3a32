"""Every interface message is translated into every language, and the catalogues are current.

A message with an empty or fuzzy translation would show in English on a
French page; a message added to the code but not to the catalogues
(`make messages` forgotten) would too. Both fail here.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
DOMAINS = ("django", "djangojs")
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# What makemessages reads: the apps, templates and scripts of the repository.
SOURCES = ("charter", "config", "congress", "contests", "personas", "search", "translations")


def catalogue(language: str, domain: str) -> polib.POFile:
    path = LOCALE / language / "LC_MESSAGES" / f"{domain}.po"
    assert path.exists(), f"{path} is missing: run `make messages` and translate it"
    return polib.pofile(str(path))


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated(language, domain):
    po = catalogue(language, domain)
    missing = [entry.msgid for entry in po if not entry.obsolete and not entry.translated()]
    fuzzy = [entry.msgid for entry in po if "fuzzy" in entry.flags and not entry.obsolete]
    assert not missing, f"{language}/{domain}: {len(missing)} untranslated, e.g. {missing[:5]}"
    assert not fuzzy, f"{language}/{domain}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"
    assert len(po) > (100 if domain == "django" else 5)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogues_are_there(language):
    # The Makefile compiles them; a page walk in a language with none would
    # pass on English text and prove nothing.
    for domain in DOMAINS:
        mo = LOCALE / language / "LC_MESSAGES" / f"{domain}.mo"
        assert mo.exists(), f"{mo} is missing: `make test` compiles it with msgfmt"


def test_the_catalogues_hold_every_message_of_the_code(tmp_path):
    """makemessages run afresh on a copy of the code finds nothing the catalogues lack."""
    if shutil.which("xgettext") is None:
        pytest.fail("gettext is missing: scripts/system-deps.sh installs it")
    root = Path(settings.BASE_DIR)
    copy = tmp_path / "repo"
    copy.mkdir()
    for name in (*SOURCES, "templates", "static", "manage.py"):
        source = root / name
        if source.is_dir():
            shutil.copytree(
                source, copy / name, ignore=shutil.ignore_patterns("vendor", "__pycache__")
            )
        else:
            shutil.copy(source, copy / name)
    (copy / "locale").mkdir()
    for domain in DOMAINS:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "django",
                "makemessages",
                "--locale=fr",
                f"--domain={domain}",
                *(["--extension=html,txt,py,md"] if domain == "django" else []),
                "--no-location",
                "--ignore=vendor",
            ],
            cwd=copy,
            check=True,
            capture_output=True,
            env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": ""},
        )
        fresh = polib.pofile(str(copy / "locale" / "fr" / "LC_MESSAGES" / f"{domain}.po"))
        known = {(e.msgctxt, e.msgid) for e in catalogue("fr", domain) if not e.obsolete}
        new = sorted(e.msgid for e in fresh if (e.msgctxt, e.msgid) not in known)
        assert not new, f"{domain}: not in the catalogues, run `make messages`: {new[:10]}"

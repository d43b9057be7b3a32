"""Which PostgreSQL text search configuration stems which language.

Every indexed document records its configuration in its `language` column,
and a query is stemmed once per configuration in CONFIGS, each form matched
only against documents of that language. Adding French search is adding
"fr": "french" here and indexing French documents (clause translations) with
it; no migration, no reindex of the English rows.
"""

# Site language codes (settings.LANGUAGES: /fr/, /de/, /es/) to configurations.
CONFIG_FOR_LANGUAGE = {
    "en": "english",
    "fr": "french",
    "de": "german",
    "es": "spanish",
}
DEFAULT_LANGUAGE = "en"
DEFAULT_CONFIG = CONFIG_FOR_LANGUAGE[DEFAULT_LANGUAGE]
# The configurations queries are stemmed with: those documents can be in.
CONFIGS = tuple(sorted(set(CONFIG_FOR_LANGUAGE.values())))


def config_for(language: str) -> str:
    """The text search configuration for a site language code; English if unknown."""
    return CONFIG_FOR_LANGUAGE.get(language, DEFAULT_CONFIG)

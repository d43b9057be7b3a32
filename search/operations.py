"""Migration operations that only mean something on PostgreSQL."""

from django.db import migrations


class PostgresRunSQL(migrations.RunSQL):
    """RunSQL on PostgreSQL; nothing elsewhere (the SQLite demo has no GIN indexes)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

"""Small partial indexes for search's visibility test (PostgreSQL only).

Readers who are not moderators get `comment_id NOT IN (comments not visible)`
and `clause_id NOT IN (removed clauses)`: PostgreSQL hashes each set once per
search. These indexes hold only those few rows, so reading a set costs
what it holds, not a scan of every comment. They live here because search
is what asks; charter may adopt them.
"""

from django.db import migrations

import search.operations


class Migration(migrations.Migration):
    dependencies = [
        ("charter", "0003_revision_attribution"),
        ("search", "0001_initial"),
    ]

    operations = [
        search.operations.PostgresRunSQL(
            sql="CREATE INDEX search_comment_not_visible ON charter_comment (id) "
            "WHERE status <> 'visible'",
            reverse_sql="DROP INDEX search_comment_not_visible",
        ),
        search.operations.PostgresRunSQL(
            sql="CREATE INDEX search_clause_removed ON charter_clause (id) WHERE is_removed",
            reverse_sql="DROP INDEX search_clause_removed",
        ),
    ]

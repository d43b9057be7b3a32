"""Give every player who plays a persona now the stint that began it.

Earlier personas were never recorded, so history starts here; a player with
no `playing_since` (rows written before it was kept) starts from joining.
"""

from django.db import migrations


def record_current_stints(apps, schema_editor):
    Player = apps.get_model("personas", "Player")
    Stint = apps.get_model("personas", "Stint")
    db = schema_editor.connection.alias
    players = (
        Player.objects.using(db)
        .filter(persona__isnull=False, stints__isnull=True)
        .select_related("user")
    )
    Stint.objects.using(db).bulk_create(
        [
            Stint(
                player_id=player.pk,
                persona_id=player.persona_id,
                started_at=player.playing_since or player.user.date_joined,
            )
            for player in players
        ],
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("personas", "0002_player_email_notifications_stints"),
    ]

    operations = [
        # Reversing leaves the rows; the schema migration before drops the table.
        migrations.RunPython(record_current_stints, migrations.RunPython.noop),
    ]

"""Let moderators see player groups, their memberships and invitations in the admin."""

from django.db import migrations


def grant(apps, schema_editor):
    from charter.roles import ensure_moderators_group

    ensure_moderators_group(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("personas", "0004_player_groups"),
        ("charter", "0002_moderators_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

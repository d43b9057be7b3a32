"""Let moderators see clause translations in the admin."""

from django.db import migrations


def grant(apps, schema_editor):
    from charter.roles import ensure_moderators_group

    ensure_moderators_group(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0001_initial"),
        ("charter", "0002_moderators_group"),
        ("personas", "0005_moderators_see_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

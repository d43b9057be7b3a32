"""Create the Moderators group with exactly the permissions moderation needs."""

from django.db import migrations


def create_moderators_group(apps, schema_editor):
    from charter.roles import ensure_moderators_group

    ensure_moderators_group(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("charter", "0001_initial"),
        ("personas", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        # Reversing keeps the group: it may have members by then.
        migrations.RunPython(create_moderators_group, migrations.RunPython.noop),
    ]

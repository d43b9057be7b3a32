"""The "Moderators" group and exactly the permissions moderation needs.

Used by the data migration, by `seed_demo` and by tests that flush the
database (transactional tests lose data-migration rows). Moderators may look
at the hall's content and change comments, clauses, flags and players through
the moderation actions; they get no permission on users or groups (so they
cannot touch passwords, staff or superuser flags) and no delete permission at
all: moderation never deletes a row.
"""

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

from charter.permissions import MODERATORS_GROUP

# (app label, model name) -> actions.
MODERATOR_PERMISSIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("charter", "charter"): ("view",),
    ("charter", "clause"): ("view", "change"),
    ("charter", "comment"): ("view", "change"),
    ("charter", "stance"): ("view",),
    ("charter", "flag"): ("view", "change"),
    ("charter", "moderationaction"): ("view",),
    ("personas", "tendency"): ("view",),
    ("personas", "persona"): ("view",),
    ("personas", "quotation"): ("view",),
    ("personas", "player"): ("view", "change"),
    ("personas", "playergroup"): ("view",),
    ("personas", "groupmembership"): ("view",),
    ("personas", "groupinvitation"): ("view",),
    ("translations", "clausetranslation"): ("view",),
}


def moderator_codenames() -> set[tuple[str, str]]:
    """(app label, codename) of every permission the group holds."""
    return {
        (app_label, f"{action}_{model}")
        for (app_label, model), actions in MODERATOR_PERMISSIONS.items()
        for action in actions
    }


def _create_missing_permissions(apps: Apps, using: str) -> None:
    # Permissions are normally created after migrate (post_migrate); a data
    # migration or a freshly flushed test database may run before that.
    labels = {app_label for app_label, _ in MODERATOR_PERMISSIONS}
    for app_config in apps.get_app_configs():
        if app_config.label not in labels:
            continue
        # Historical app configs have no models module, which makes
        # create_permissions skip them.
        had_module = getattr(app_config, "models_module", None)
        app_config.models_module = had_module or True
        try:
            create_permissions(app_config, verbosity=0, using=using, apps=apps)
        finally:
            app_config.models_module = had_module


def _exists(apps: Apps, app_label: str, model: str) -> bool:
    try:
        apps.get_model(app_label, model)
    except LookupError:
        return False
    return True


def ensure_moderators_group(apps: Apps = global_apps, using: str = DEFAULT_DB_ALIAS):
    """Create or repair the Moderators group so it holds exactly its permissions."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    _create_missing_permissions(apps, using)
    # A data migration sees the models as they stood then: models added later
    # (player groups) get their permissions from the later migration that
    # calls this again.
    wanted = {
        (app_label, codename)
        for app_label, codename in moderator_codenames()
        if _exists(apps, app_label, codename.split("_", 1)[1])
    }
    candidates = (
        Permission.objects.using(using)
        .filter(
            content_type__app_label__in={app_label for app_label, _ in wanted},
            codename__in={codename for _, codename in wanted},
        )
        .select_related("content_type")
    )
    permissions = [p for p in candidates if (p.content_type.app_label, p.codename) in wanted]
    missing = wanted - {(p.content_type.app_label, p.codename) for p in permissions}
    if missing:
        raise LookupError(f"Permissions not found: {sorted(missing)}")
    group, _ = Group.objects.using(using).get_or_create(name=MODERATORS_GROUP)
    group.permissions.set(permissions)
    return group

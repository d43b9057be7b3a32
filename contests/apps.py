from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContestsConfig(AppConfig):
    name = "contests"
    verbose_name = _("Path to Utopia contests")

    def ready(self) -> None:
        from contests import subjects  # noqa: F401  (entries join the discussion's subjects)

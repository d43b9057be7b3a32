from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonasConfig(AppConfig):
    name = "personas"
    verbose_name = _("Personas and players")

    def ready(self) -> None:
        from personas import checks  # noqa: F401 - registers the deployment checks

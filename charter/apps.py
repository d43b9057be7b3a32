from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CharterConfig(AppConfig):
    name = "charter"
    verbose_name = _("Charters and debates")

    def ready(self) -> None:
        from charter import checks  # noqa: F401  (registers the deployment checks)
        from config import after_response  # noqa: F401  (connects its request signals)

from django.apps import AppConfig


class CharterConfig(AppConfig):
    name = "charter"
    verbose_name = "Charters and debates"

    def ready(self) -> None:
        from charter import checks  # noqa: F401  (registers the deployment checks)
        from config import after_response  # noqa: F401  (connects its request signals)

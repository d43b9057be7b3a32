from django.apps import AppConfig


class PersonasConfig(AppConfig):
    name = "personas"
    verbose_name = "Personas and players"

    def ready(self) -> None:
        from personas import checks  # noqa: F401 - registers the deployment checks

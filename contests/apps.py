from django.apps import AppConfig


class ContestsConfig(AppConfig):
    name = "contests"
    verbose_name = "Path to Utopia contests"

    def ready(self) -> None:
        from contests import subjects  # noqa: F401  (entries join the discussion's subjects)

from django.apps import AppConfig


class CongressConfig(AppConfig):
    name = "congress"
    verbose_name = "Congresses and amendments"

    def ready(self) -> None:
        import reversion

        from congress.models import Amendment

        # An amendment's author edits keep their earlier texts, like a clause's.
        if not reversion.is_registered(Amendment):
            reversion.register(Amendment, fields=["title", "body", "rationale"])

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressConfig(AppConfig):
    name = "congress"
    verbose_name = _("Congresses and amendments")

    def ready(self) -> None:
        import reversion

        from congress.models import Amendment

        # An amendment's author edits keep their earlier texts, like a clause's.
        if not reversion.is_registered(Amendment):
            reversion.register(Amendment, fields=["title", "body", "rationale"])

"""Deployment checks for what email needs (run by `manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


@register(Tags.security, deploy=True)
def check_email_settings(app_configs, **kwargs) -> list[Warning]:
    problems = []
    if not settings.SITE_URL.startswith("https://"):
        problems.append(
            Warning(
                f"SITE_URL is {settings.SITE_URL!r}: links in emails (password resets, "
                "notifications) would point there.",
                hint="Set SITE_URL to the public https:// origin, e.g. https://charter.example.org.",
                id="personas.W001",
            )
        )
    if settings.EMAIL_BACKEND == SMTP_BACKEND and settings.DEFAULT_FROM_EMAIL.rstrip(">").endswith(
        "@localhost"
    ):
        problems.append(
            Warning(
                "DEFAULT_FROM_EMAIL is an @localhost address; mail servers will reject or "
                "junk what is sent from it.",
                hint="Set DEFAULT_FROM_EMAIL, e.g. Invisible International <noreply@example.org>.",
                id="personas.W002",
            )
        )
    return problems

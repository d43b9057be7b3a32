"""Strict readers for settings taken from the environment.

A typo in a deployment variable must stop the process at start-up rather than
silently fall back to a default, so junk values raise ImproperlyConfigured.
"""

import os
from email.utils import parseaddr
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of {sorted(_TRUE | _FALSE)}, got {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


# Email URL schemes django-environ understands; the smtp ones need a host.
EMAIL_SCHEMES = {
    "smtp",
    "smtps",
    "smtp+tls",
    "smtp+ssl",
    "consolemail",
    "filemail",
    "memorymail",
    "dummymail",
}
_SMTP_SCHEMES = {"smtp", "smtps", "smtp+tls", "smtp+ssl"}


def env_email_url(name: str, default: str) -> dict:
    """Email settings (EMAIL_BACKEND, EMAIL_HOST, ...) from a URL such as smtp+tls://u:p@host:587.

    Error messages never repeat the value: it may hold the SMTP password.
    """
    raw = os.environ.get(name, "").strip() or default
    parsed = urlsplit(raw)
    if parsed.scheme not in EMAIL_SCHEMES:
        raise ImproperlyConfigured(
            f"{name} must start with one of {sorted(EMAIL_SCHEMES)}, "
            f"got the scheme {parsed.scheme!r}."
        )
    if parsed.query or parsed.fragment:
        raise ImproperlyConfigured(
            f"{name} takes no ?options or #fragment: say TLS or SSL in the scheme "
            "(smtp+tls:// for STARTTLS, smtp+ssl:// for implicit TLS)."
        )
    try:
        config = environ.Env.email_url_config(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} has a port that is not a number.") from None
    if parsed.scheme in _SMTP_SCHEMES and not config["EMAIL_HOST"]:
        raise ImproperlyConfigured(f"{name} needs a host name, as in smtp+tls://host:587.")
    return config


def env_site_url(name: str, default: str) -> str:
    """The site's public origin (scheme and host, no path), without a trailing slash."""
    raw = os.environ.get(name, "").strip() or default
    parsed = urlsplit(raw)
    try:
        parsed.port  # noqa: B018 - reading it validates it
    except ValueError:
        raise ImproperlyConfigured(f"{name} has a port that is not a number: {raw!r}.") from None
    if (
        parsed.scheme not in {"http", "https"}
        or not parsed.hostname
        or parsed.path not in {"", "/"}
        or parsed.query
        or parsed.fragment
        or parsed.username is not None
    ):
        raise ImproperlyConfigured(
            f"{name} must be an origin such as https://charter.example.org, got {raw!r}."
        )
    return raw.rstrip("/")


def env_email_address(name: str, default: str) -> str:
    """A From address such as `Name <user@example.org>` or `user@example.org`."""
    raw = os.environ.get(name, "").strip() or default
    _, address = parseaddr(raw)
    try:
        if "\n" in raw or "\r" in raw:
            raise ValidationError("line break")
        validate_email(address)
    except ValidationError:
        raise ImproperlyConfigured(
            f"{name} must be an email address, optionally with a name "
            f"(Name <user@example.org>), got {raw!r}."
        ) from None
    return raw

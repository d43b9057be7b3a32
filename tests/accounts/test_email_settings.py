"""Email configuration from the environment: strict parsing and deployment checks."""

import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_email_address, env_email_url, env_site_url
from personas.checks import check_email_settings

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def test_an_smtp_url_gives_host_port_credentials_and_tls(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtp+tls://mailer:p%40ss%2Fword@mail.example.org:587")
    config = env_email_url("EMAIL_URL", "consolemail://")
    assert config["EMAIL_BACKEND"] == SMTP
    assert (config["EMAIL_HOST"], config["EMAIL_PORT"]) == ("mail.example.org", 587)
    assert (config["EMAIL_HOST_USER"], config["EMAIL_HOST_PASSWORD"]) == ("mailer", "p@ss/word")
    assert config["EMAIL_USE_TLS"] is True


def test_an_unset_email_url_takes_the_default(monkeypatch):
    monkeypatch.delenv("EMAIL_URL", raising=False)
    config = env_email_url("EMAIL_URL", "consolemail://")
    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


@pytest.mark.parametrize(
    "junk, why",
    [
        ("mail.example.org:587", "must start with one of"),
        ("http://mail.example.org", "must start with one of"),
        ("smtp://user:secret@mail.example.org:twenty-five", "port that is not a number"),
        ("smtp://user:secret@mail.example.org:99999", "port that is not a number"),
        ("smtp+tls://", "needs a host name"),
        ("smtp://mail.example.org:25?use_tls=yes", "takes no ?options"),
    ],
)
def test_a_junk_email_url_stops_the_start_without_showing_the_password(monkeypatch, junk, why):
    monkeypatch.setenv("EMAIL_URL", junk)
    with pytest.raises(ImproperlyConfigured, match=why.replace("?", r"\?")) as error:
        env_email_url("EMAIL_URL", "consolemail://")
    assert "secret" not in str(error.value)


def test_site_url_is_an_origin_without_a_trailing_slash(monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://charter.example.org/")
    assert env_site_url("SITE_URL", "") == "https://charter.example.org"
    monkeypatch.setenv("SITE_URL", "http://127.0.0.1:8000")
    assert env_site_url("SITE_URL", "") == "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    "junk",
    [
        "charter.example.org",
        "ftp://charter.example.org",
        "https://charter.example.org/app/",
        "https://charter.example.org?x=1",
        "https://user@charter.example.org",
        "https://charter.example.org:port",
        "https://",
    ],
)
def test_a_junk_site_url_stops_the_start(monkeypatch, junk):
    monkeypatch.setenv("SITE_URL", junk)
    with pytest.raises(ImproperlyConfigured):
        env_site_url("SITE_URL", "")


def test_the_from_address_may_carry_a_name(monkeypatch):
    monkeypatch.setenv("DEFAULT_FROM_EMAIL", "Invisible International <noreply@example.org>")
    assert env_email_address("DEFAULT_FROM_EMAIL", "") == (
        "Invisible International <noreply@example.org>"
    )


@pytest.mark.parametrize(
    "junk", ["noreply", "Name <noreply>", "a@example.org\nBcc: b@example.org", "@example.org"]
)
def test_a_junk_from_address_stops_the_start(monkeypatch, junk):
    monkeypatch.setenv("DEFAULT_FROM_EMAIL", junk)
    with pytest.raises(ImproperlyConfigured):
        env_email_address("DEFAULT_FROM_EMAIL", "")


def _settings_in_a_fresh_process(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.EMAIL_BACKEND, settings.SITE_URL)",
        ],
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_demo_prints_emails_to_the_console():
    result = _settings_in_a_fresh_process(DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.mail.backends.console.EmailBackend",
        "http://127.0.0.1:8000",
    ]


def test_production_refuses_to_start_with_a_junk_email_url():
    result = _settings_in_a_fresh_process(SECRET_KEY="x", EMAIL_URL="smtp:/mail.example.org")
    assert result.returncode != 0
    assert "EMAIL_URL needs a host name" in result.stderr


def test_the_deploy_check_wants_an_https_site_url_and_a_real_from_address(settings):
    settings.SITE_URL = "http://localhost"
    settings.EMAIL_BACKEND = SMTP
    settings.DEFAULT_FROM_EMAIL = "Invisible International <noreply@localhost>"
    assert [w.id for w in check_email_settings(None)] == ["personas.W001", "personas.W002"]

    settings.SITE_URL = "https://charter.example.org"
    settings.DEFAULT_FROM_EMAIL = "noreply@charter.example.org"
    assert check_email_settings(None) == []

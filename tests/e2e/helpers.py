"""Small steps shared by the browser tests."""

from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from charter.models import Clause
from personas.models import Persona
from personas.services import player_play

PASSWORD = "solidarity-forever-1905"


def log_in(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".whoami")).to_contain_text(username)


def make_player(username: str, persona_slug: str, **extra) -> User:
    """A player who logs in with PASSWORD and plays the seeded persona `persona_slug`."""
    user = User.objects.create_user(username, password=PASSWORD, **extra)
    player_play(user=user, persona=Persona.objects.get(slug=persona_slug))
    return user


def a_clause() -> Clause:
    """The second clause of the seeded Virtual Charter."""
    return Clause.objects.filter(charter__slug="virtual-charter").order_by("position")[1]

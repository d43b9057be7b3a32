"""Small steps shared by the browser tests."""

from playwright.sync_api import Page, expect

PASSWORD = "solidarity-forever-1905"


def log_in(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".whoami")).to_contain_text(username)

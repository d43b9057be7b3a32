"""Screenshot pages of a running site at desktop and phone width, to look at them.

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 / /personas/ ...
Writes PNGs to ./screenshots/ (ignored by git).
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def main(base: str, paths: list[str], login: str | None = None) -> None:
    out = Path("screenshots")
    out.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for label, (width, height) in SIZES.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            if login:
                user, password = login.split(":")
                page.goto(base + "/accounts/login/")
                page.fill("#id_username", user)
                page.fill("#id_password", password)
                page.click("main button[type=submit]")
            for path in paths:
                page.goto(base + path)
                name = path.strip("/").replace("/", "_").replace("?", "_") or "home"
                page.screenshot(path=str(out / f"{name}-{label}.png"), full_page=True)
            context.close()
        browser.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    login = None
    if args and args[0].startswith("--login="):
        login = args.pop(0).split("=", 1)[1]
    main(args[0], args[1:], login)

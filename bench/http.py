"""Pages over HTTP, as a load balancer would see them.

gunicorn with two sync workers serves the seeded PostgreSQL and the shared
Redis; wrk loads each page at concurrency 1 and 4 for ten seconds, three
times, and the medians are reported as requests per second and p50 latency,
and as a share of the app's own bare-view floor (a view that does nothing
behind every middleware). The edit save is timed from a client that reads
the form and posts it, as a browser does.

The pages match the comparison in issue 13: a clause of 1,500 words with 20
comments and 10 stances, anonymous and logged in; the first page of a
500-revision history; the diff of two adjacent revisions.
"""

import html
import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.cached_db import SessionStore
from django.core.management import call_command

from bench.common import revise
from charter.models import Charter, Clause
from charter.selectors.revisions import attach_version_ids
from charter.services import discussion, revisions, stances
from personas.models import Persona, Player, Tendency

ROOT = Path(__file__).resolve().parent.parent
DURATION = 10
RUNS = 3
CONCURRENCY = (1, 4)
HISTORY_REVISIONS = 500
WORDS = 1_500
SAVES = 40


def _user(name: str, persona_slug: str):
    user, _ = get_user_model().objects.get_or_create(username=name)
    Player.objects.update_or_create(
        user=user, defaults={"persona": Persona.objects.get(slug=persona_slug)}
    )
    return user


def _text(words: int, seed: int) -> str:
    vocabulary = ["workers", "councils", "solidarity", "freedom", "borders", "bread", "peace"]
    rng = random.Random(seed)
    out = [rng.choice(vocabulary) for _ in range(words)]
    return "\n\n".join(" ".join(out[i : i + 150]) + "." for i in range(0, words, 150))


def _seed() -> dict[str, str]:
    editor = _user("bench-http-editor", "rosa-luxemburg")
    charter = Charter.objects.get(slug="virtual-charter")
    page = revisions.clause_create(
        charter=charter, user=editor, title="A clause to read", body=_text(WORDS, 1)
    ).clause
    speakers = [_user(f"bench-http-{p.slug}", p.slug) for p in Persona.objects.all()[:20]]
    for n, speaker in enumerate(speakers):
        discussion.comment_post(clause_id=page.pk, user=speaker, body=_text(60, n))
    circles = list(Tendency.objects.filter(personas__isnull=False).distinct()[:5])
    for n in range(10):
        voter = _user(f"bench-http-voter{n}", circles[n % 5].personas.first().slug)
        stances.stance_take(clause_id=page.pk, user=voter, position="support", reason="")
    history = revisions.clause_create(
        charter=charter, user=editor, title="A long history", body=_text(WORDS, 2)
    ).clause
    # Each revision changes a few words, as real edits do (a full rewrite per
    # revision would make every diff the worst case).
    rng = random.Random(3)
    words = history.body.split(" ")
    for n in range(HISTORY_REVISIONS - 1):
        for _ in range(5):
            words[rng.randrange(len(words))] = f"amended{n}"
        history.refresh_from_db()
        revise(history, editor, " ".join(words), summary=f"bench {n}")
    metas = attach_version_ids(list(history.revision_metas.order_by("-revision_number")[:2]))
    newer, older = (meta.version_id for meta in metas)
    return {
        "clause": page.get_absolute_url(),
        "history": f"{history.get_absolute_url()}history/",
        "diff": f"{history.get_absolute_url()}diff/?from={older}&to={newer}",
        "edit": f"{Clause.objects.get(pk=page.pk).get_absolute_url()}edit/",
        "editor": editor.username,
    }


def _session_cookie(username: str) -> str:
    """A signed-in session for `username`, stored where the servers look for it."""
    user = get_user_model().objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "RATELIMIT_ENABLE": "false",
        "BENCH_URLS": "true",
        "LOG_LEVEL": "WARNING",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "config.wsgi", "-w", "2", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/bench/floor")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


def _wrk(url: str, concurrency: int, cookie: str = "") -> tuple[float, float]:
    """(requests per second, p50 ms) of one wrk run."""
    command = ["wrk", "-t", str(min(concurrency, 2)), "-c", str(concurrency)]
    command += ["-d", f"{DURATION}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output:
        raise RuntimeError(f"{url} answered errors under load:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"\s50%\s+([\d.]+)(us|ms|s)", output).groups()
    p50 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    return rate, p50


def _median_load(url: str, concurrency: int, cookie: str = "") -> tuple[float, float]:
    runs = [_wrk(url, concurrency, cookie) for _ in range(RUNS)]
    return statistics.median(r for r, _ in runs), statistics.median(p for _, p in runs)


def _edit_saves(port: int, path: str, cookie: str) -> float:
    """p50 of the POST of an edit, each after reading the form as a browser does."""
    samples = []
    for n in range(SAVES):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        page = response.read().decode()
        csrf = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        base = re.search(r'name="base_version" value="(\d+)"', page).group(1)
        title = re.search(r'name="title" value="([^"]*)"', page).group(1)
        body = re.search(r"<textarea[^>]*name=\"body\"[^>]*>\n?(.*?)</textarea>", page, re.S)
        form = {
            "csrfmiddlewaretoken": token,
            "title": title,
            "body": f"An edit numbered {n}.\n\n" + html.unescape(body.group(1)),
            "summary": "bench",
            "base_version": base,
        }
        started = time.perf_counter()
        connection.request(
            "POST",
            path,
            body=urllib.parse.urlencode(form),
            headers={
                "Cookie": f"{cookie}; csrftoken={csrf}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{port}{path}",
            },
        )
        status = connection.getresponse()
        status.read()
        samples.append((time.perf_counter() - started) * 1000)
        if status.status != 302:
            raise RuntimeError(f"edit save answered {status.status}")
    return statistics.median(samples)


def run() -> list[tuple[str, float]]:
    call_command("collectstatic", "--noinput", verbosity=0)
    started = time.perf_counter()
    urls = _seed()
    print(f"# seeded the HTTP pages in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    cookie = _session_cookie(urls["editor"])
    port = _free_port()
    server = _serve(port)
    base = f"http://127.0.0.1:{port}"
    pages = [
        ("bare-view floor", "/bench/floor", ""),
        ("clause page, anonymous", urls["clause"], ""),
        ("clause page, logged-in player", urls["clause"], cookie),
        ("history, 500 revisions, first page", urls["history"], ""),
        ("diff of adjacent revisions", urls["diff"], ""),
    ]
    rows: list[tuple[str, float]] = []
    try:
        floors: dict[int, float] = {}
        for label, path, page_cookie in pages:
            for concurrency in CONCURRENCY:
                rate, p50 = _median_load(base + path, concurrency, page_cookie)
                floors.setdefault(concurrency, rate)
                share = rate / floors[concurrency]
                print(
                    f"# HTTP c{concurrency} {label}: {rate:.0f} req/s, p50 {p50:.2f} ms, "
                    f"{share:.2f} of the floor",
                    file=sys.stderr,
                )
                rows.append((f"HTTP c{concurrency} {label}: p50 ({rate:.0f} req/s)", p50))
        save = _edit_saves(port, urls["edit"], cookie)
        rows.append(("HTTP edit save (GET form, then POST): POST p50", save))
    finally:
        server.terminate()
        server.wait(timeout=10)
    return rows

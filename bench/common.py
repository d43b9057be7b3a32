"""Timing helpers shared by the benchmark modules."""

import statistics
import time
from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.test import Client

from charter.models import Clause
from charter.selectors.revisions import latest_version
from charter.services import revisions


def median_ms(fn: Callable[[], object], *, repeat: int = 15, warmup: int = 2) -> float:
    """Median wall time of `fn` in milliseconds, after a few warm-up calls."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def get_ok(client: Client, url: str) -> Callable[[], object]:
    """A callable that GETs `url` and insists on a 200."""

    def fetch() -> object:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        return response

    return fetch


def revise(clause: Clause, user: AbstractBaseUser, body: str, summary: str = "bench edit") -> None:
    """An edit of `clause` made from its latest revision, through the real service."""
    revisions.clause_revise(
        clause_id=clause.pk,
        user=user,
        title=clause.title,
        body=body,
        summary=summary,
        base_version_id=latest_version(clause).pk,
    )

"""`make bench`: seed a PostgreSQL database and print median timings.

Each module in MODULES exposes `run() -> list[tuple[str, float]]` returning
(label, milliseconds) rows; it seeds what it needs in the database given by
DATABASE_URL (the Makefile starts a throwaway server). Name modules to run
only those: `make bench BENCH="discussion stances"`.
"""

import importlib
import os
import sys

import django

MODULES = [
    "bench.editing",
    "bench.discussion",
    "bench.stances",
    "bench.congress",
    "bench.search",
    "bench.rendering",
    "bench.http",
]


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--no-players", verbosity=0)
    wanted = [f"bench.{name}" for name in sys.argv[1:]] or MODULES
    rows: list[tuple[str, float]] = []
    for name in wanted:
        module = importlib.import_module(name)
        print(f"# {name} …", file=sys.stderr, flush=True)
        rows.extend(module.run())
    width = max(len(label) for label, _ in rows)
    print(f"{'measure'.ljust(width)}  median ms")
    for label, ms in rows:
        print(f"{label.ljust(width)}  {ms:9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

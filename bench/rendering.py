"""Rendering benchmark: pathological Markdown before and after bounding, and
an ordinary 1,500-word clause.

For each class of tests/charter/rendering_pathological.py at the longest
length a clause accepts, prints the median render time with the stock
pipeline (Python-Markdown then bleach, as rendering.py was before), with the
bounded renderer, and with the bounded renderer on the densest text of that
class it still formats (the slowest text that goes through Markdown and
bleach rather than being shown verbatim). A stock render that has not
finished after STOCK_TIMEOUT_S is stopped and reported as "> N s".
"""

import multiprocessing
import sys
import time

import markdown

from bench.common import median_ms
from charter import rendering
from charter.models import CLAUSE_BODY_MAX
from tests.charter.rendering_pathological import PATHOLOGICAL
from tests.charter.rendering_samples import long_clause
from tests.charter.test_rendering_bounds import densest_formatted

STOCK_TIMEOUT_S = 2.0


def stock_render(text: str) -> str:
    """The pipeline as it was before rendering was bounded."""
    html = markdown.markdown(text, extensions=rendering.MARKDOWN_EXTENSIONS, output_format="html")
    return rendering._cleaner().clean(html)


def _time_once(text: str, queue: multiprocessing.Queue) -> None:
    start = time.perf_counter()
    try:
        stock_render(text)
    except Exception as error:
        # The stock pipeline overflows the stack on deeply nested lists.
        queue.put(type(error).__name__)
    else:
        queue.put((time.perf_counter() - start) * 1000)


def stock_ms(text: str) -> float | str:
    """Median stock render time, or why there is none ("> 2 s", "RecursionError").

    The first render runs in a child process so that a 90-second case can be
    stopped; only cases that finish in time are measured again.
    """
    queue: multiprocessing.Queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=_time_once, args=(text, queue))
    child.start()
    child.join(STOCK_TIMEOUT_S)
    if child.is_alive():
        child.kill()
        child.join()
        return f"> {STOCK_TIMEOUT_S:.0f} s"
    first = queue.get()
    if isinstance(first, str):
        return first
    repeat = 3 if first > 200 else 9
    return median_ms(lambda: stock_render(text), repeat=repeat, warmup=0)


def run() -> list[tuple[str, float]]:
    length = CLAUSE_BODY_MAX
    width = max(len(name) for name in PATHOLOGICAL)
    print(f"\nRendering at {length:,} characters (median ms)", flush=True)
    print(f"{'class'.ljust(width)}  {'stock':>14}  {'bounded':>9}  {'densest formatted':>17}")
    slowest_after = slowest_densest = 0.0
    for name, make in PATHOLOGICAL.items():
        text = make(length)
        before = stock_ms(text)
        after = median_ms(lambda text=text: rendering.render_markdown(text))
        densest = densest_formatted(make, length)
        densest_after = median_ms(lambda densest=densest: rendering.render_markdown(densest))
        slowest_after = max(slowest_after, after)
        slowest_densest = max(slowest_densest, densest_after)
        shown = before if isinstance(before, str) else f"{before:.1f}"
        print(
            f"{name.ljust(width)}  {shown:>14}  {after:9.1f}  {densest_after:17.1f}",
            flush=True,
        )
    clause = long_clause()
    words = len(clause.split())
    print(f"ordinary clause: {words:,} words, {len(clause):,} characters", file=sys.stderr)
    return [
        ("ordinary 1,500-word clause, stock", median_ms(lambda: stock_render(clause))),
        (
            "ordinary 1,500-word clause, bounded",
            median_ms(lambda: rendering.render_markdown(clause)),
        ),
        (f"slowest pathological class at {length:,} chars, bounded", slowest_after),
        ("slowest densest-formatted class, bounded", slowest_densest),
    ]

"""Read-side queries shared by views, feeds, services and the benchmark.

Split by sub-domain: `revisions` (history, versions, as-of), `records` (a
persona's contributions), `stances` (tallies and the minimum program) and
`discussion` (threads and their counts).
"""

"""Congresses: convene, sit, close, minutes (being written)."""

from django.http import Http404


def _not_yet(*args, **kwargs):
    raise Http404("Congresses are being built.")


congress_new = congress_detail = congress_minutes_markdown = congress_close = _not_yet

"""Signing a congress's charter (being written)."""

from django.http import Http404


def _not_yet(*args, **kwargs):
    raise Http404("Signing is being built.")


congress_sign = _not_yet

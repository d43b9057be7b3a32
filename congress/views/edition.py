"""The critical edition (being written)."""

from django.http import Http404


def _not_yet(*args, **kwargs):
    raise Http404("The critical edition is being built.")


edition = edition_pdf = _not_yet

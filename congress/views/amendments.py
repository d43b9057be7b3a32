"""Amendments: propose, read, edit, rebase, withdraw, take a stance (being written)."""

from django.http import Http404


def _not_yet(*args, **kwargs):
    raise Http404("Amendments are being built.")


amendment_new = amendment_list = amendment_detail = amendment_edit = _not_yet
amendment_rebase = amendment_withdraw = amendment_stance = _not_yet

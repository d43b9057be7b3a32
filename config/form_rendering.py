"""Form widgets rendered once per distinct widget, not once per page view.

Django renders every widget through the template engine, about half a
millisecond each, and a clause page shows a dozen (the stance, comment and
flag forms), the same for every reader of a language until someone types
into them. A widget's HTML depends only on its template, its context (name,
value, attributes, choices) and the active language, so it is kept for
exactly those: the context is reduced to plain values first, and a context
holding anything that cannot be reduced safely is rendered as usual.
"""

import threading
from collections.abc import Hashable

from django.forms.models import ModelChoiceIteratorValue
from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.translation import get_language

# Distinct widgets across the site's forms and languages: a few hundred.
KEPT_WIDGETS = 2048
# Text someone typed into a refused form is rendered, not kept.
LONGEST_KEPT_VALUE = 500


class _Unfreezable(Exception):
    pass


def _freeze(value) -> Hashable:
    """A hashable stand-in for a widget context that equals another only for equal contexts."""
    if isinstance(value, str) and len(value) > LONGEST_KEPT_VALUE:
        raise _Unfreezable("long text")
    if value is None or isinstance(value, (str, int, float, bool)):
        return (type(value).__name__, value)
    if isinstance(value, Promise):
        return ("text", str(value))  # the language is part of the key
    if isinstance(value, dict):
        return ("dict", tuple(sorted((str(k), _freeze(v)) for k, v in value.items())))
    if isinstance(value, (list, tuple)):
        return ("seq", tuple(_freeze(item) for item in value))
    if isinstance(value, ModelChoiceIteratorValue):
        return ("choice", _freeze(value.value))
    raise _Unfreezable(type(value).__name__)


class MemoizedRenderer(DjangoTemplates):
    def __init__(self) -> None:
        super().__init__()
        self._kept: dict[Hashable, str] = {}
        self._lock = threading.Lock()

    def render(self, template_name, context, request=None):
        if request is not None:
            return super().render(template_name, context, request)
        try:
            key = (get_language(), template_name, _freeze(context))
        except _Unfreezable:
            return super().render(template_name, context, request)
        found = self._kept.get(key)
        if found is None:
            found = super().render(template_name, context, request)
            with self._lock:
                if len(self._kept) >= KEPT_WIDGETS:
                    self._kept.clear()
                self._kept[key] = found
        return found

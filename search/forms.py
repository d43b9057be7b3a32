"""The search form: validates and normalises what the query string asks for."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from charter.models import Charter
from search.query import parse
from search.selectors import Scope, SearchParams

QUERY_MAX = 200
PAGE_MAX = 10_000
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_LINE_SPACE = re.compile(r"[\t\n\r]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_PAGE = re.compile(r"[0-9]{1,9}")


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search for"), required=False, strip=False)
    what = forms.MultipleChoiceField(
        label=gettext_lazy("Search in"),
        choices=Scope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": gettext_lazy(
                "“%(value)s” is not something to search in: choose clauses, discussion, "
                "personas or reference charters."
            ),
            "invalid_list": gettext_lazy("Choose what to search in from the list."),
        },
    )
    charter = forms.ChoiceField(
        label=gettext_lazy("Charter"),
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy("There is no charter “%(value)s” to search in.")
        },
    )
    history = forms.BooleanField(
        label=gettext_lazy(
            "Also search earlier revisions of clauses (was it ever in the charter?)"
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # clean_q explains NUL bytes along with the other control characters.
        self.fields["q"].validators.clear()
        # One query for both the options and the validation.
        self.charters = {charter.slug: charter for charter in Charter.objects.all()}
        self.fields["charter"].choices = [("", _("All charters"))] + [
            (slug, charter.title) for slug, charter in self.charters.items()
        ]

    @property
    def shown_query(self) -> str:
        """The query as typed, for the search box: without what cannot be shown."""
        raw = self.data.get("q", "") if self.is_bound else ""
        return _SURROGATE.sub("", _CONTROL.sub("", _LINE_SPACE.sub(" ", raw)))[: QUERY_MAX * 2]

    def clean_q(self) -> str:
        # Tabs and line breaks are spaces here (pasted text); other controls are junk.
        raw = _LINE_SPACE.sub(" ", self.cleaned_data["q"])
        if _CONTROL.search(raw):
            raise ValidationError(
                _(
                    "Your search contains invisible control characters (such as a NUL byte). "
                    "Retype it without them."
                ),
                code="control",
            )
        # Browsers turn undecodable bytes (a lone surrogate, say) into U+FFFD.
        if _SURROGATE.search(raw) or "\ufffd" in raw:
            raise ValidationError(
                _(
                    "Your search contains characters that could not be read as text (broken "
                    "encoding or a lone surrogate). Retype it."
                ),
                code="surrogate",
            )
        query = " ".join(unicodedata.normalize("NFC", raw).split())
        if not query:
            raise ValidationError(_("Type a word or two to search for."), code="empty")
        if len(query) > QUERY_MAX:
            raise ValidationError(
                _(
                    "Searches are limited to %(limit)s characters; yours has %(length)s. "
                    "A few distinctive words find more than a long passage."
                )
                % {
                    "limit": QUERY_MAX,
                    "length": number_format(len(query), force_grouping=True),
                },
                code="too_long",
            )
        parsed = parse(query)
        if parsed.is_empty:
            raise ValidationError(
                _("“%(query)s” has no words in it to search for: type letters or digits.")
                % {"query": query[:40]},
                code="no_words",
            )
        if not parsed.every_group_looks_for_something:
            raise ValidationError(
                _(
                    "Say what to look for, not only what to leave out: “-word” excludes a word "
                    "from results that contain the others."
                ),
                code="only_excluded",
            )
        return query

    def clean_charter(self) -> Charter | None:
        slug = self.cleaned_data["charter"]
        return self.charters.get(slug) if slug else None

    def params(self) -> SearchParams:
        """What to search, once the form is valid."""
        data = self.cleaned_data
        return SearchParams(
            query=data["q"],
            parsed=parse(data["q"]),
            scopes=frozenset(data["what"]),
            charter=data["charter"],
            history=data["history"],
        )


def page_number(raw: str | None) -> tuple[int | None, str]:
    """The page asked for and, when it is not a page number, a sentence saying so."""
    if raw is None or raw == "":
        return None, ""
    if _PAGE.fullmatch(raw) and 1 <= int(raw) <= PAGE_MAX:
        return int(raw), ""
    shown = _CONTROL.sub("", _SURROGATE.sub("", raw))[:20]
    return None, _("“%(page)s” is not a page number; here is the first page.") % {"page": shown}

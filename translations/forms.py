from django import forms
from django.utils.translation import gettext_lazy as _

from charter.forms import CleanTextField
from charter.models import CLAUSE_BODY_MAX, CLAUSE_TITLE_MAX, EDIT_SUMMARY_MAX

REVISION_MAX = 2**31 - 1


class TranslationForm(forms.Form):
    """A clause's title and text in another language, and where the translator started."""

    title = CleanTextField(label=_("Title"), max_length=CLAUSE_TITLE_MAX, what="The title")
    body = CleanTextField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 18}),
        max_length=CLAUSE_BODY_MAX,
        strip=False,
        what="The text",
        help_text=_("Markdown, as in the source: keep its lists, quotes and links."),
        error_messages={"required": _("The translated text cannot be empty.")},
    )
    summary = CleanTextField(
        label=_("Edit summary"),
        max_length=EDIT_SUMMARY_MAX,
        required=False,
        what="The summary",
        help_text=_("Say briefly what you changed; it shows in the translation's history."),
    )
    # The translation's revision number the form was read at (0: there was none).
    base_revision = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, max_value=REVISION_MAX
    )
    # The source clause's revision number the translator was shown.
    source_revision = forms.IntegerField(
        widget=forms.HiddenInput, min_value=1, max_value=REVISION_MAX
    )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError(_("The translated text cannot be empty."))
        return body


class DiffForm(forms.Form):
    """`?from=&to=` revision numbers of a translation's diff."""

    from_revision = forms.IntegerField(required=False, min_value=0, max_value=REVISION_MAX)
    to_revision = forms.IntegerField(required=False, min_value=1, max_value=REVISION_MAX)

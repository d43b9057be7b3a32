"""Forms for amendments and congresses: they validate what people type, services do the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from charter.forms import RELOAD, CleanTextField, datetime_field
from charter.models import CLAUSE_BODY_MAX, CLAUSE_TITLE_MAX
from congress.models import AMENDMENT_RATIONALE_MAX, CONGRESS_TITLE_MAX


def _revision_field() -> forms.IntegerField:
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        max_value=2**31 - 1,
        error_messages={
            "required": _("This form is missing the revision it started from. Reload the page."),
            "invalid": RELOAD,
            "min_value": RELOAD,
            "max_value": RELOAD,
        },
    )


class AmendmentForm(forms.Form):
    """The rival text in full (title and Markdown body) and why it is better."""

    title = CleanTextField(
        label=_("Title"),
        max_length=CLAUSE_TITLE_MAX,
        # Translators: begins “The title can be at most 200 characters; this one has 250.”
        what=_("The title"),
    )
    body = CleanTextField(
        label=_("Proposed text"),
        widget=forms.Textarea(attrs={"rows": 14, "data-preview-source": ""}),
        max_length=CLAUSE_BODY_MAX,
        strip=False,
        what=_("The text"),
        help_text=_("The whole clause as you propose it. Markdown: *emphasis*, **strong**, lists."),
        error_messages={"required": _("The proposed text cannot be empty.")},
    )
    rationale = CleanTextField(
        label=_("Rationale"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=AMENDMENT_RATIONALE_MAX,
        required=False,
        what=_("The rationale"),
        help_text=_(
            "Why the assembly should adopt it, in your persona’s voice. It opens the "
            "amendment’s thread in the clause’s debate."
        ),
    )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError(_("The proposed text cannot be empty."))
        return body


class AmendmentEditForm(AmendmentForm):
    revision_number = _revision_field()
    # Set when the author resolves a rebase conflict against this clause revision.
    onto_clause_revision = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1
    )


class CongressForm(forms.Form):
    title = CleanTextField(
        label=_("Title"),
        max_length=CONGRESS_TITLE_MAX,
        what=_("The title"),
        help_text=_("For example “Chicago congress, June 1905”."),
    )
    opens_at = datetime_field(
        pgettext_lazy("congress form", "Opens"),
        _("Times are UTC. From this moment direct edits of the charter are closed."),
    )
    closes_at = datetime_field(
        pgettext_lazy("congress form", "Closes"),
        _("At this time every open amendment is judged (a few days, like Chicago 1905)."),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The congress must close after it opens."))
        return cleaned

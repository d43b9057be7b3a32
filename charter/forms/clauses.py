from django import forms

from charter.forms.fields import CleanTextField
from charter.models import CLAUSE_BODY_MAX, CLAUSE_TITLE_MAX, EDIT_SUMMARY_MAX
from personas.models import Persona


def _limit_message(what: str, limit: int) -> str:
    return (
        f"{what} can be at most {limit:,} characters (it has %(show_value)s). "
        "Shorten it; your text is kept below."
    )


class ClauseForm(forms.Form):
    """Title, Markdown body and edit summary of a clause, new or edited."""

    title = CleanTextField(
        max_length=CLAUSE_TITLE_MAX,
        error_messages={"max_length": _limit_message("The title", CLAUSE_TITLE_MAX)},
    )
    body = CleanTextField(
        label="Text",
        widget=forms.Textarea(attrs={"rows": 18, "data-preview-source": ""}),
        max_length=CLAUSE_BODY_MAX,
        strip=False,
        help_text="Markdown: *emphasis*, **strong**, lists, > quotes, [links](https://…), tables.",
        error_messages={"max_length": _limit_message("The text", CLAUSE_BODY_MAX)},
    )
    summary = CleanTextField(
        label="Edit summary",
        max_length=EDIT_SUMMARY_MAX,
        required=False,
        help_text="Say briefly what you changed and why; it shows in the history.",
        error_messages={"max_length": _limit_message("The summary", EDIT_SUMMARY_MAX)},
    )

    def __init__(self, *args, needs_persona: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if needs_persona:
            # A player without a persona picks one here, so nothing typed is lost.
            self.fields["persona"] = forms.ModelChoiceField(
                queryset=Persona.objects.select_related("tendency").order_by("name"),
                label="Speak as",
                empty_label="Choose a persona…",
                help_text="Every edit is made in persona. You can change persona later.",
            )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError("The clause text cannot be empty.")
        return body.rstrip()


class ClauseEditForm(ClauseForm):
    base_version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "This form is missing the revision it started from. Reload the page.",
            "invalid": "This form names an invalid starting revision. Reload the page.",
        },
    )


class PreviewForm(forms.Form):
    body = CleanTextField(max_length=CLAUSE_BODY_MAX, strip=False, required=False)


class ConfirmForm(forms.Form):
    """A reason for a removal, or nothing for a restore."""

    summary = CleanTextField(label="Reason", max_length=EDIT_SUMMARY_MAX, required=False)


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])

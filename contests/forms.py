"""Forms of the contest pages: they validate and normalise, the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from charter.forms import RELOAD, CleanTextField, datetime_field
from contests.models import CONTEST_RULES_MAX, CONTEST_THEME_MAX, ENTRY_BODY_MAX, ENTRY_TITLE_MAX
from contests.services import check_deadlines


class ContestForm(forms.Form):
    """A moderator opens a contest: theme, rules in Markdown, the two deadlines."""

    theme = CleanTextField(
        label=_("Theme"),
        max_length=CONTEST_THEME_MAX,
        # Translators: begins “The theme can be at most 120 characters; this one has 150.”
        what=_("The theme"),
        help_text=_("A year or a question for the stories to answer, for example “2100”."),
    )
    rules = CleanTextField(
        label=_("Rules"),
        max_length=CONTEST_RULES_MAX,
        what=_("The rules"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown. Say what a story should show and how long it may be."),
    )
    entries_close_at = datetime_field(
        _("Entries close"), _("Times are UTC. Players draft and submit their stories until then.")
    )
    votes_close_at = datetime_field(
        _("Voting closes"), _("Times are UTC. Votes are cast after entries close, until then.")
    )

    def clean(self) -> dict:
        data = super().clean()
        entries, votes = data.get("entries_close_at"), data.get("votes_close_at")
        if entries and votes:
            try:
                check_deadlines(entries, votes)
            except forms.ValidationError as error:
                self.add_error(error.code, error)
        return data


class EntryForm(forms.Form):
    """A story's title and Markdown text; editing carries the draft's revision number."""

    title = CleanTextField(label=_("Title"), max_length=ENTRY_TITLE_MAX, what=_("The title"))
    body = CleanTextField(
        label=_("Your story"),
        max_length=ENTRY_BODY_MAX,
        strip=False,
        what=_("The story"),
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_("Markdown: paragraphs, *emphasis*, **strong**, > quotes, lists, headings."),
        error_messages={"required": _("Write your story before saving: the text is empty.")},
    )
    # The draft the author was reading: a save from an older form is refused.
    revision_number = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        min_value=0,
        max_value=2**31 - 1,
        error_messages={"invalid": RELOAD, "min_value": RELOAD, "max_value": RELOAD},
    )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError(_("Write your story before saving: the text is empty."))
        return body


class SubmitForm(forms.Form):
    """Submitting names the draft the author read, so a newer one is never sent unseen."""

    revision_number = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        max_value=2**31 - 1,
        error_messages={
            "required": RELOAD,
            "invalid": RELOAD,
            "min_value": RELOAD,
            "max_value": RELOAD,
        },
    )

"""Forms validate and normalise what people type; they never save, version or notify.

Every text field is a `CleanTextField`, so all user text takes the one path
in `charter.text`: the same refusals and messages as the services apply.
"""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from charter import text
from charter.models import (
    CLAUSE_BODY_MAX,
    CLAUSE_TITLE_MAX,
    COMMENT_BODY_MAX,
    EDIT_SUMMARY_MAX,
    FLAG_DETAILS_MAX,
    MODERATION_REASON_MAX,
    STANCE_REASON_MAX,
    Comment,
    Flag,
    Stance,
)
from personas.models import Persona

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"]
RELOAD = gettext_lazy("This form names an invalid revision. Reload the page.")


class CleanTextField(forms.CharField):
    """A CharField cleaned by `charter.text.clean_text`.

    The browser gets no `maxlength` (it would cut a paste short without a
    word): the server refuses over-long text with a message and the text kept,
    and `data-max-length` drives the live character count. Text shown back
    after a refusal has the characters the server refuses taken out, so
    fixing the form is one click.

    `what` names the text in the over-long refusal, in English ("The
    title"): `charter.text.TOO_LONG` holds the translated sentence for it.
    """

    def __init__(self, *args, what: str = "This text", **kwargs) -> None:
        self.what = what
        super().__init__(*args, **kwargs)
        # clean_text checks length and control characters with the shared messages.
        self.validators = []

    def widget_attrs(self, widget: forms.Widget) -> dict:
        attrs = super().widget_attrs(widget)
        limit = attrs.pop("maxlength", None)
        if limit is not None:
            attrs["data-max-length"] = limit
        return attrs

    def bound_data(self, data, initial):
        return text.strip_unstorable(data) if isinstance(data, str) else data

    def clean(self, value):
        value = self.to_python(value)
        self.validate(value)
        return text.clean_text(
            value, max_length=self.max_length or 10**9, what=self.what, strip=self.strip
        )


class ClauseForm(forms.Form):
    """Title, Markdown body and edit summary of a clause, new or edited."""

    title = CleanTextField(
        label=gettext_lazy("Title"), max_length=CLAUSE_TITLE_MAX, what="The title"
    )
    body = CleanTextField(
        label=gettext_lazy("Text"),
        widget=forms.Textarea(attrs={"rows": 18, "data-preview-source": ""}),
        max_length=CLAUSE_BODY_MAX,
        strip=False,
        what="The text",
        help_text=gettext_lazy(
            "Markdown: *emphasis*, **strong**, lists, > quotes, [links](https://…), tables."
        ),
        error_messages={"required": gettext_lazy("The clause text cannot be empty.")},
    )
    summary = CleanTextField(
        label=gettext_lazy("Edit summary"),
        max_length=EDIT_SUMMARY_MAX,
        required=False,
        what="The summary",
        help_text=gettext_lazy("Say briefly what you changed and why; it shows in the history."),
    )

    def __init__(self, *args, needs_persona: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if needs_persona:
            # A player without a persona picks one here, so nothing typed is lost.
            self.fields["persona"] = forms.ModelChoiceField(
                queryset=Persona.objects.select_related("tendency").order_by("name"),
                label=gettext_lazy("Speak as"),
                empty_label=gettext_lazy("Choose a persona…"),
                help_text=gettext_lazy(
                    "Every edit is made in persona. You can change persona later."
                ),
            )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError(_("The clause text cannot be empty."))
        return body


class ClauseEditForm(ClauseForm):
    # The version id the player started from (see the glossary in models.py).
    base_version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        max_value=2**63 - 1,
        error_messages={
            "required": gettext_lazy(
                "This form is missing the revision it started from. Reload the page."
            ),
            "invalid": RELOAD,
            "min_value": RELOAD,
            "max_value": RELOAD,
        },
    )


class PreviewForm(forms.Form):
    body = CleanTextField(max_length=CLAUSE_BODY_MAX, strip=False, required=False, what="The text")


class RemoveForm(forms.Form):
    """Removing a clause says why: the reason shows on its tombstone and in the history."""

    summary = CleanTextField(
        label=gettext_lazy("Reason"),
        max_length=EDIT_SUMMARY_MAX,
        what="The reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Shown to everyone who follows a link to the removed clause."),
        error_messages={
            "required": gettext_lazy("Say why the clause should go; the reason is kept.")
        },
    )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])


SIDE_CHOICES = [
    ("", gettext_lazy("No side")),
    (Comment.Side.FOR, gettext_lazy("For the clause")),
    (Comment.Side.AGAINST, gettext_lazy("Against")),
    (Comment.Side.NEUTRAL, gettext_lazy("Neutral")),
]
# "For the clause" for the other things a debate may be about, by their noun.
FOR_THE = {
    "clause": gettext_lazy("For the clause"),
    "entry": gettext_lazy("For the entry"),
}


class CommentForm(forms.Form):
    body = CleanTextField(
        label=gettext_lazy("Your comment"),
        strip=True,
        max_length=COMMENT_BODY_MAX,
        what="A comment",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "Markdown: *emphasis*, **strong**, > quotes, [links](https://…), lists."
        ),
        error_messages={
            "required": gettext_lazy("Write something before posting: the comment is empty.")
        },
    )
    side = forms.ChoiceField(
        label=gettext_lazy("Your side"),
        choices=SIDE_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": gettext_lazy("Choose for, against, neutral or no side.")},
    )
    parent = forms.IntegerField(
        required=False,
        widget=forms.HiddenInput,
        min_value=1,
        max_value=2**63 - 1,
        error_messages={
            "invalid": gettext_lazy("The comment you are replying to could not be found."),
            "min_value": gettext_lazy("The comment you are replying to could not be found."),
            "max_value": gettext_lazy("The comment you are replying to could not be found."),
        },
    )

    def __init__(self, *args, noun: str = "clause", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if noun != "clause":
            # The debate may be about a contest entry: "For the entry".
            for_the = FOR_THE.get(noun) or f"For the {noun}"
            self.fields["side"].choices = [
                (value, for_the if value == Comment.Side.FOR else label)
                for value, label in SIDE_CHOICES
            ]

    def clean_side(self) -> str:
        return self.cleaned_data.get("side") or ""


class CommentEditForm(CommentForm):
    parent = None


class StanceForm(forms.Form):
    """A stance on a clause: support, oppose or abstain, with an optional reason."""

    position = forms.ChoiceField(
        label=gettext_lazy("Your stance"),
        choices=Stance.Position.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose support, oppose or abstain."),
            "invalid_choice": gettext_lazy(
                "“%(value)s” is not a stance; choose support, oppose or abstain."
            ),
        },
    )
    reason = CleanTextField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=STANCE_REASON_MAX,
        what="A reason",
        widget=forms.Textarea(attrs={"rows": 3, "class": "stance-reason"}),
        help_text=format_lazy(
            gettext_lazy(
                "Optional, up to {limit} characters. Reasons are shown beside the tally and "
                "kept in the minutes of the minimum program."
            ),
            limit=STANCE_REASON_MAX,
        ),
    )
    # The revision the player was reading, so a stance never lands on a text
    # that changed under them unseen.
    revision_number = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        min_value=0,
        max_value=2**31 - 1,
        error_messages={"invalid": RELOAD, "min_value": RELOAD, "max_value": RELOAD},
    )


class FlagForm(forms.Form):
    """A player's report: a reason from the list and an optional note."""

    reason = forms.ChoiceField(
        label=gettext_lazy("What is wrong?"),
        choices=Flag.Reason.choices,
        error_messages={
            "required": gettext_lazy("Choose what is wrong from the list."),
            "invalid_choice": gettext_lazy(
                "“%(value)s” is not one of the listed reasons; pick one."
            ),
        },
    )
    details = CleanTextField(
        label=gettext_lazy("Note for the moderators"),
        required=False,
        max_length=FLAG_DETAILS_MAX,
        what="A note",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=format_lazy(
            gettext_lazy("Optional, up to {limit} characters."), limit=FLAG_DETAILS_MAX
        ),
    )


def datetime_field(label: str, help_text: str) -> forms.DateTimeField:
    """A date and time typed in a browser's datetime-local box (or by hand), in UTC."""
    return forms.DateTimeField(
        label=label,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=help_text,
        error_messages={
            "required": gettext_lazy("Give a date and time."),
            "invalid": gettext_lazy("Enter a date and time like 2026-05-01 18:30."),
        },
    )


class ReasonForm(forms.Form):
    """The reason every moderation action must carry into the log."""

    reason = CleanTextField(
        label=gettext_lazy("Reason"),
        max_length=MODERATION_REASON_MAX,
        what="The reason",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=gettext_lazy(
            "Kept in the moderation log; players see it where the action affects them."
        ),
        error_messages={
            "required": gettext_lazy("Give a reason: it is kept in the moderation log.")
        },
    )


class SuspendForm(ReasonForm):
    until = datetime_field(
        gettext_lazy("Suspended until"),
        gettext_lazy("Times are UTC. The suspension ends by itself."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["until"].initial = (timezone.now() + timedelta(days=7)).replace(
            second=0, microsecond=0
        )

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until <= timezone.now():
            raise forms.ValidationError(_("Pick an end of suspension in the future."))
        return until


class RollbackForm(ReasonForm):
    since = datetime_field(
        gettext_lazy("Undo edits made since"),
        gettext_lazy(
            "Times are UTC. Clauses someone else edited afterwards are skipped, not overwritten."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["since"].initial = (timezone.now() - timedelta(days=1)).replace(
            second=0, microsecond=0
        )

    def clean_since(self):
        since = self.cleaned_data["since"]
        if since > timezone.now():
            raise forms.ValidationError(_("Pick a moment in the past."))
        return since

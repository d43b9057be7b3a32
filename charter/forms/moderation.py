from datetime import timedelta

from django import forms
from django.utils import timezone

from charter.forms.fields import CleanTextField
from charter.models import Flag
from charter.services.moderation import FLAG_DETAILS_MAX, REASON_MAX

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"]


class FlagForm(forms.Form):
    """A player's report: a reason from the list and an optional note."""

    reason = forms.ChoiceField(
        label="What is wrong?",
        choices=Flag.Reason.choices,
        error_messages={
            "required": "Choose what is wrong from the list.",
            "invalid_choice": "“%(value)s” is not one of the listed reasons; pick one.",
        },
    )
    details = CleanTextField(
        label="Note for the moderators",
        required=False,
        max_length=FLAG_DETAILS_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=f"Optional, up to {FLAG_DETAILS_MAX} characters.",
        error_messages={
            "max_length": (
                f"A note can be at most {FLAG_DETAILS_MAX} characters (it has "
                "%(show_value)s). Shorten it; your text is kept below."
            )
        },
    )


def _datetime_field(label: str, help_text: str) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=help_text,
        error_messages={
            "required": "Give a date and time.",
            "invalid": "Enter a date and time like 2026-05-01 18:30.",
        },
    )


class ReasonForm(forms.Form):
    """The reason every moderation action must carry into the log."""

    reason = CleanTextField(
        label="Reason",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Kept in the moderation log; players see it where the action affects them.",
        error_messages={
            "required": "Give a reason: it is kept in the moderation log.",
            "max_length": f"Keep the reason under {REASON_MAX} characters (it has %(show_value)s).",
        },
    )


class SuspendForm(ReasonForm):
    until = _datetime_field("Suspended until", "Times are UTC. The suspension ends by itself.")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["until"].initial = (timezone.now() + timedelta(days=7)).replace(
            second=0, microsecond=0
        )

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until <= timezone.now():
            raise forms.ValidationError("Pick an end of suspension in the future.")
        return until


class RollbackForm(ReasonForm):
    since = _datetime_field(
        "Undo edits made since",
        "Times are UTC. Clauses someone else edited afterwards are skipped, not overwritten.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["since"].initial = (timezone.now() - timedelta(days=1)).replace(
            second=0, microsecond=0
        )

    def clean_since(self):
        since = self.cleaned_data["since"]
        if since > timezone.now():
            raise forms.ValidationError("Pick a moment in the past.")
        return since

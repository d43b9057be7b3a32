from django import forms

from charter.forms.fields import CleanTextField
from charter.models import STANCE_REASON_MAX, Stance


class StanceForm(forms.Form):
    """A stance on a clause: support, oppose or abstain, with an optional reason."""

    position = forms.ChoiceField(
        label="Your stance",
        choices=Stance.Position.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose support, oppose or abstain.",
            "invalid_choice": "“%(value)s” is not a stance; choose support, oppose or abstain.",
        },
    )
    reason = CleanTextField(
        label="Reason",
        required=False,
        max_length=STANCE_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "class": "stance-reason"}),
        help_text=(
            f"Optional, up to {STANCE_REASON_MAX} characters. Reasons are shown beside the "
            "tally and kept in the minutes of the minimum program."
        ),
        error_messages={
            "max_length": (
                f"A reason can be at most {STANCE_REASON_MAX} characters (it has "
                "%(show_value)s). Shorten it; your text is kept below."
            )
        },
    )
    # The revision the player was reading, so a stance never lands on a text
    # that changed under them unseen.
    revision = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        min_value=0,
        error_messages={
            "invalid": "This form names an invalid revision. Reload the page.",
            "min_value": "This form names an invalid revision. Reload the page.",
        },
    )

from django import forms
from django.core.exceptions import ValidationError

from charter.forms.validation import normalise_text
from charter.models import COMMENT_BODY_MAX, Comment
from charter.services.discussion import CONTROL_CHARACTERS, comment_body_clean

SIDE_CHOICES = [
    ("", "No side"),
    (Comment.Side.FOR, "For the clause"),
    (Comment.Side.AGAINST, "Against"),
    (Comment.Side.NEUTRAL, "Neutral"),
]


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        strip=False,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": COMMENT_BODY_MAX}),
        help_text="Markdown: *emphasis*, **strong**, > quotes, [links](https://…), lists.",
    )
    side = forms.ChoiceField(
        label="Your side",
        choices=SIDE_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose for, against, neutral or no side."},
    )
    parent = forms.IntegerField(
        required=False,
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "invalid": "The comment you are replying to could not be found.",
            "min_value": "The comment you are replying to could not be found.",
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        body = normalise_text(self.data.get("body", "")) if self.is_bound else ""
        if CONTROL_CHARACTERS.search(body):
            # Show the text back without the characters we refuse, so that
            # fixing the form is one click, and nothing else of it is lost.
            self.data = self.data.copy()
            self.data["body"] = CONTROL_CHARACTERS.sub("", body)
            self.had_control_characters = True
        else:
            self.had_control_characters = False

    def clean_body(self) -> str:
        if self.had_control_characters:
            raise ValidationError(
                "Your text contained invisible control characters (such as NUL) that cannot "
                "be stored. They have been removed below: check the text and post again.",
                code="control",
            )
        return comment_body_clean(self.cleaned_data["body"])

    def clean_side(self) -> str:
        return self.cleaned_data.get("side") or ""


class CommentEditForm(CommentForm):
    parent = None

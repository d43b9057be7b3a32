from django import forms

from charter.forms.validation import normalise_text, reject_control_characters


class CleanTextField(forms.CharField):
    """A CharField that normalises newlines and refuses control characters.

    Django's own NUL check runs first with a terse message; this field gives
    every control character the same clear explanation.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.validators = [
            v for v in self.validators if v.__class__.__name__ != "ProhibitNullCharactersValidator"
        ] + [reject_control_characters]

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_text(value) if value else value

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import AbstractBaseUser

from personas.models import Player

EMAIL_HELP = (
    "Optional. Used to reset a forgotten password and, only if you turn them on in your "
    "settings, for notification emails. Never shown to other players."
)


class SignupForm(UserCreationForm):
    email = forms.EmailField(required=False, help_text=EMAIL_HELP)

    class Meta:
        model = get_user_model()
        fields = ["username", "email"]


class EmailForm(forms.Form):
    """A new email address (or none), confirmed with the current password."""

    email = forms.EmailField(
        required=False,
        max_length=254,
        label="Email address",
        help_text="Used to reset a forgotten password and, if you choose so below, for "
        "notification emails. Never shown to other players. Leave it empty to remove it.",
    )
    password = forms.CharField(
        label="Your current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Whoever controls the address can reset the password, so we ask first.",
    )

    def __init__(self, user: AbstractBaseUser, *args, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                "That is not your current password; your address was not changed.",
                code="password_incorrect",
            )
        return password


class EmailNotificationsForm(forms.Form):
    email_notifications = forms.ChoiceField(
        choices=Player.EmailNotifications.choices,
        widget=forms.RadioSelect,
        label="Email me about clauses I watch",
    )

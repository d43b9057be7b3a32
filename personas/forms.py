from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from charter.forms import CleanTextField
from personas.models import GROUP_NAME_MAX, Persona, Player

EMAIL_HELP = gettext_lazy(
    "Optional. Used to reset a forgotten password and, only if you turn them on in your "
    "settings, for notification emails. Never shown to other players."
)


class SignupForm(UserCreationForm):
    email = forms.EmailField(required=False, label=gettext_lazy("Email"), help_text=EMAIL_HELP)

    class Meta:
        model = get_user_model()
        fields = ["username", "email"]


class EmailForm(forms.Form):
    """A new email address (or none), confirmed with the current password."""

    email = forms.EmailField(
        required=False,
        max_length=254,
        label=gettext_lazy("Email address"),
        help_text=gettext_lazy(
            "Used to reset a forgotten password and, if you choose so below, for "
            "notification emails. Never shown to other players. Leave it empty to remove it."
        ),
    )
    password = forms.CharField(
        label=gettext_lazy("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=gettext_lazy(
            "Whoever controls the address can reset the password, so we ask first."
        ),
    )

    def __init__(self, user: AbstractBaseUser, *args, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("That is not your current password; your address was not changed."),
                code="password_incorrect",
            )
        return password


class LanguageSelect(forms.Select):
    """Each option marked with its own language, for screen readers and translators."""

    def create_option(self, name, value, *args, **kwargs) -> dict:
        option = super().create_option(name, value, *args, **kwargs)
        option["attrs"]["lang"] = value
        return option


class EmailNotificationsForm(forms.Form):
    email_notifications = forms.ChoiceField(
        choices=Player.EmailNotifications.choices,
        widget=forms.RadioSelect,
        label=gettext_lazy("Email me about clauses I watch"),
    )
    language = forms.ChoiceField(
        # Each language named in itself: a reader lost in a foreign
        # interface still finds their own.
        choices=[
            (code, get_language_info(code)["name_local"].capitalize())
            for code, _ in settings.LANGUAGES
        ],
        label=gettext_lazy("Write my emails in"),
        # A form sent without it keeps the language chosen before.
        required=False,
        widget=LanguageSelect,
    )


# Player groups.


class PersonaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, persona: Persona) -> str:
        return f"{persona.name} ({persona.tendency.label})"


class GroupForm(forms.Form):
    """Founding a group: its name and the persona its members play."""

    name = CleanTextField(
        label=gettext_lazy("Name of the group"),
        max_length=GROUP_NAME_MAX,
        # Translators: the subject of "… can be at most 80 characters; this one has 95."
        what=gettext_lazy("A group's name"),
        help_text=gettext_lazy(
            "Shown beside every contribution: “Rosa Luxemburg, for the Spartacus group”."
        ),
        error_messages={"required": gettext_lazy("Give the group a name.")},
    )
    # By slug, not id: a persona's address, and nothing a form could overflow.
    persona = PersonaChoiceField(
        queryset=Persona.objects.select_related("tendency").order_by("tendency__position", "name"),
        to_field_name="slug",
        label=gettext_lazy("The persona the group plays"),
        empty_label=gettext_lazy("Choose a persona…"),
        help_text=gettext_lazy("Every member speaks as this persona; you will play it too."),
        error_messages={
            "required": gettext_lazy("Choose the persona the group plays."),
            "invalid_choice": gettext_lazy("Choose one of the personas in the list."),
        },
    )


class InviteForm(forms.Form):
    username = CleanTextField(
        label=gettext_lazy("User name of the player to invite"),
        max_length=150,
        # Translators: the subject of "… can be at most 150 characters; this one has 160."
        what=gettext_lazy("A user name"),
        help_text=gettext_lazy(
            "They see the invitation on their settings page and accept or decline it."
        ),
        error_messages={"required": gettext_lazy("Type the user name of the player to invite.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_invite_%s")
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(autocomplete="off", spellcheck="false")


class HandOverForm(forms.Form):
    """The member who takes the founder role over, from the group's other members."""

    username = forms.ChoiceField(
        label=gettext_lazy("Hand the founder role to"),
        error_messages={
            "required": gettext_lazy("Choose the member who takes the founder role over."),
            "invalid_choice": gettext_lazy("Choose one of the group's members."),
        },
    )

    def __init__(self, *args, members: list[str], **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_hand_over_%s")
        super().__init__(*args, **kwargs)
        self.fields["username"].choices = [("", _("Choose a member…"))] + [
            (name, name) for name in members
        ]

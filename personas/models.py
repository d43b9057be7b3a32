from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, gettext_lazy, pgettext, pgettext_lazy
from django.utils.translation import gettext as _

SUSPENSION_REASON_MAX = 300

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", gettext_lazy("Enter a colour as #rrggbb."))


class Tendency(models.Model):
    """A circle in the hall: a current of thought that personas belong to."""

    name = models.CharField(gettext_lazy("name"), max_length=100, unique=True)
    slug = models.SlugField(gettext_lazy("slug"), unique=True)
    description = models.TextField(gettext_lazy("description"), blank=True)
    colour = models.CharField(gettext_lazy("colour"), max_length=7, validators=[hex_colour])
    position = models.PositiveSmallIntegerField(gettext_lazy("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        # Translators: a circle of the hall, a current of thought that personas belong to.
        verbose_name = gettext_lazy("tendency")
        verbose_name_plural = gettext_lazy("tendencies")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The circle's name in the reader's language.

        Circles are reference data a moderator may add to, so the name stays
        the source; the seeded ones are in the message catalogues
        (personas/fixture_messages.py) and a new one reads as it was entered.
        """
        return gettext(self.name)

    @property
    def blurb(self) -> str:
        return gettext(self.description) if self.description else ""


class Persona(models.Model):
    """A historical radical whom players may speak as."""

    name = models.CharField(gettext_lazy("name"), max_length=120)
    slug = models.SlugField(gettext_lazy("slug"), unique=True)
    tendency = models.ForeignKey(
        Tendency,
        on_delete=models.PROTECT,
        related_name="personas",
        verbose_name=gettext_lazy("tendency"),
    )
    born = models.SmallIntegerField(gettext_lazy("born"), null=True, blank=True)
    died = models.SmallIntegerField(gettext_lazy("died"), null=True, blank=True)
    places = models.CharField(gettext_lazy("places"), max_length=200, blank=True)
    bio = models.TextField(gettext_lazy("bio"), blank=True)

    class Meta:
        ordering = ["name"]
        # Translators: a historical radical whom players speak as.
        verbose_name = gettext_lazy("persona")
        verbose_name_plural = gettext_lazy("personas")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("personas:detail", args=[self.slug])

    @property
    def years(self) -> str:
        if self.born is None:
            return ""
        if self.died:
            # Translators: a persona's life, years of birth and death: "1871–1919".
            return _("%(born)s–%(died)s") % {"born": self.born, "died": self.died}
        # Translators: a living (or undated) persona's year of birth: "born 1939".
        return _("born %(year)s") % {"year": self.born}

    @property
    def initials(self) -> str:
        # "Rosa Luxemburg" -> "RL", "Voline" -> "VO", "Mother Jones" -> "MJ".
        words = [w for w in self.name.replace("-", " ").split() if w[:1].isalpha()]
        if len(words) >= 2:
            return (words[0][0] + words[-1][0]).upper()
        return self.name[:2].upper()


class Quotation(models.Model):
    persona = models.ForeignKey(
        Persona,
        on_delete=models.CASCADE,
        related_name="quotations",
        verbose_name=gettext_lazy("persona"),
    )
    text = models.TextField(gettext_lazy("text"))
    source = models.CharField(gettext_lazy("source"), max_length=300)

    class Meta:
        ordering = ["pk"]
        verbose_name = gettext_lazy("quotation")
        verbose_name_plural = gettext_lazy("quotations")

    def __str__(self) -> str:
        return f"{self.persona}: {self.text[:50]}"


class PlayerQuerySet(models.QuerySet):
    def suspended(self) -> "PlayerQuerySet":
        return self.filter(suspended_until__gt=timezone.now())


def language_in_use() -> str:
    """The language of the request being served, if the site has it; else the site's own."""
    language = get_language()
    known = {code for code, _name in settings.LANGUAGES}
    return language if language in known else settings.LANGUAGE_CODE


class Player(models.Model):
    """A user and the persona they currently speak as.

    Contributions store their own persona, so changing persona here never
    rewrites what was said before.
    """

    class EmailNotifications(models.TextChoices):
        NONE = "none", gettext_lazy("No email")
        IMMEDIATELY = "immediately", gettext_lazy("At once, one email per notification")
        DAILY = "daily", gettext_lazy("A daily digest")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="player",
        verbose_name=gettext_lazy("user"),
    )
    persona = models.ForeignKey(
        Persona,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="players",
        verbose_name=gettext_lazy("persona"),
    )
    playing_since = models.DateTimeField(gettext_lazy("playing since"), null=True, blank=True)
    suspended_until = models.DateTimeField(gettext_lazy("suspended until"), null=True, blank=True)
    suspension_reason = models.CharField(
        gettext_lazy("suspension reason"), max_length=SUSPENSION_REASON_MAX, blank=True
    )
    # Opt-in: nobody who signed up before email existed starts receiving it.
    email_notifications = models.CharField(
        gettext_lazy("email notifications"),
        max_length=12,
        choices=EmailNotifications.choices,
        default=EmailNotifications.NONE,
    )
    # The language of what reaches them away from the site (emails): the one
    # they used when they joined, until they choose another in their settings.
    language = models.CharField(
        gettext_lazy("language for emails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=language_in_use,
    )

    objects = PlayerQuerySet.as_manager()

    class Meta:
        ordering = ["user__username"]
        verbose_name = gettext_lazy("player")
        verbose_name_plural = gettext_lazy("players")

    def __str__(self) -> str:
        if self.persona is None:
            # Translators: a player (user name) who has not chosen a persona yet.
            return _("%(user)s as nobody yet") % {"user": self.user}
        # Translators: a player (user name) and the persona they play.
        return _("%(user)s as %(persona)s") % {"user": self.user, "persona": self.persona}

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > timezone.now()

    @property
    def membership(self) -> "GroupMembership | None":
        """The player's membership of a group now, with the group; None when in none.

        `personas.selectors.player_of` reads it with the player in one query;
        for a Player row loaded otherwise it is asked for once.
        """
        if "_membership" not in self.__dict__:
            self._membership = (
                GroupMembership.objects.current()
                .select_related("group")
                .filter(user_id=self.user_id)
                .first()
            )
        return self._membership

    @property
    def group(self) -> "PlayerGroup | None":
        membership = self.membership
        return membership.group if membership is not None else None


class Stint(models.Model):
    """A stretch of time a player spent playing one persona, from `started_at` to the next stint.

    Player only knows the current persona; this keeps the earlier ones for
    the player's profile, including personas they played without writing.
    """

    player = models.ForeignKey(
        Player, on_delete=models.CASCADE, related_name="stints", verbose_name=gettext_lazy("player")
    )
    persona = models.ForeignKey(
        Persona,
        on_delete=models.CASCADE,
        related_name="stints",
        verbose_name=gettext_lazy("persona"),
    )
    started_at = models.DateTimeField(gettext_lazy("started at"), default=timezone.now)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["player", "-started_at"])]
        # Translators: a stretch of time a player spent playing one persona.
        verbose_name = gettext_lazy("stint")
        verbose_name_plural = gettext_lazy("stints")

    def __str__(self) -> str:
        # Translators: a stretch of time a player spent playing a persona, from a date on.
        return _("%(user)s as %(persona)s from %(date)s") % {
            "user": self.player.user,
            "persona": self.persona,
            "date": date_format(self.started_at),
        }


# Player groups ---------------------------------------------------------------

GROUP_NAME_MAX = 80


def the_group(name: str) -> str:
    """A group's name after "for": "the Spartacus group", but "The Red Orchestra" as it is."""
    if name[:4].lower() == "the ":
        return name
    # Translators: a player group's name as it reads after "for" or "to" in a sentence
    # ("for the Spartacus group"). Keep or drop the article as your language needs.
    return pgettext("player group's name in a sentence", "the %(name)s") % {"name": name}


class PlayerGroupQuerySet(models.QuerySet):
    def active(self) -> "PlayerGroupQuerySet":
        return self.filter(dissolved_at__isnull=True)


class PlayerGroup(models.Model):
    """Players who play one persona together, as a delegation with one voice.

    Never deleted: when its last member leaves it is dissolved (`dissolved_at`)
    and keeps its page, its members' history and the contributions made for it.
    `founder` is who founded it; the founder *role* (who hands it over, who
    must do so before leaving) is on the membership and may move.
    """

    name = models.CharField(gettext_lazy("name"), max_length=GROUP_NAME_MAX)
    slug = models.SlugField(gettext_lazy("slug"), max_length=GROUP_NAME_MAX + 10, unique=True)
    persona = models.ForeignKey(
        Persona,
        on_delete=models.PROTECT,
        related_name="groups",
        verbose_name=gettext_lazy("persona"),
    )
    founder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("founder"),
    )
    created_at = models.DateTimeField(gettext_lazy("created at"), default=timezone.now)
    dissolved_at = models.DateTimeField(gettext_lazy("dissolved at"), null=True, blank=True)

    objects = PlayerGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = gettext_lazy("player group")
        verbose_name_plural = gettext_lazy("player groups")
        constraints = [
            # "for the Spartacus group" must name one group, whatever the case.
            models.UniqueConstraint(Lower("name"), name="unique_player_group_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("groups:detail", args=[self.slug])

    @property
    def is_dissolved(self) -> bool:
        return self.dissolved_at is not None

    @property
    def the_name(self) -> str:
        return the_group(self.name)


class GroupMembershipQuerySet(models.QuerySet):
    def current(self) -> "GroupMembershipQuerySet":
        return self.filter(left_at__isnull=True)


class GroupMembership(models.Model):
    """A player's time in a group, from `joined_at` until `left_at` (None: still a member)."""

    class Role(models.TextChoices):
        FOUNDER = "founder", pgettext_lazy("group role", "Founder")
        MEMBER = "member", pgettext_lazy("group role", "Member")

    group = models.ForeignKey(
        PlayerGroup,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=gettext_lazy("group"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="group_memberships",
        verbose_name=gettext_lazy("user"),
    )
    role = models.CharField(
        gettext_lazy("role"), max_length=10, choices=Role.choices, default=Role.MEMBER
    )
    joined_at = models.DateTimeField(gettext_lazy("joined at"), default=timezone.now)
    left_at = models.DateTimeField(gettext_lazy("left at"), null=True, blank=True)

    objects = GroupMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["joined_at", "pk"]
        verbose_name = gettext_lazy("group membership")
        verbose_name_plural = gettext_lazy("group memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(left_at__isnull=True),
                name="one_group_at_a_time",
            ),
            models.UniqueConstraint(
                fields=["group"],
                condition=models.Q(left_at__isnull=True, role="founder"),
                name="one_founder_per_group",
            ),
        ]
        indexes = [models.Index(fields=["group", "left_at"])]

    def __str__(self) -> str:
        # Translators: a player (user name) in a player group (its name).
        return _("%(user)s in %(group)s") % {"user": self.user, "group": self.group}

    @property
    def is_founder(self) -> bool:
        return self.role == self.Role.FOUNDER


class GroupInvitation(models.Model):
    """A member's invitation of another player into a group, and what became of it."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("invitation status", "Pending")
        ACCEPTED = "accepted", pgettext_lazy("invitation status", "Accepted")
        DECLINED = "declined", pgettext_lazy("invitation status", "Declined")
        CANCELLED = "cancelled", pgettext_lazy("invitation status", "Cancelled")

    group = models.ForeignKey(
        PlayerGroup,
        on_delete=models.PROTECT,
        related_name="invitations",
        verbose_name=gettext_lazy("group"),
    )
    invited = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="group_invitations",
        # Translators: the player who is invited into a group.
        verbose_name=gettext_lazy("invited"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=gettext_lazy("invited by"),
    )
    status = models.CharField(
        gettext_lazy("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(gettext_lazy("created at"), default=timezone.now)
    decided_at = models.DateTimeField(gettext_lazy("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = gettext_lazy("group invitation")
        verbose_name_plural = gettext_lazy("group invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "invited"],
                condition=models.Q(status="pending"),
                name="one_pending_invitation_per_group_and_user",
            )
        ]
        indexes = [models.Index(fields=["invited", "status"])]

    def __str__(self) -> str:
        # Translators: a player (user name) invited into a player group; the status is a code
        # (pending, accepted, declined, cancelled).
        return _("%(invited)s invited to %(group)s (%(status)s)") % {
            "invited": self.invited,
            "group": self.group,
            "status": self.status,
        }

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

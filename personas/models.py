from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

SUSPENSION_REASON_MAX = 300

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as #rrggbb.")


class Tendency(models.Model):
    """A circle in the hall: a current of thought that personas belong to."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True)
    colour = models.CharField(max_length=7, validators=[hex_colour])
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "tendencies"

    def __str__(self) -> str:
        return self.name


class Persona(models.Model):
    """A historical radical whom players may speak as."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)
    tendency = models.ForeignKey(Tendency, on_delete=models.PROTECT, related_name="personas")
    born = models.SmallIntegerField(null=True, blank=True)
    died = models.SmallIntegerField(null=True, blank=True)
    places = models.CharField(max_length=200, blank=True)
    bio = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("personas:detail", args=[self.slug])

    @property
    def years(self) -> str:
        if self.born is None:
            return ""
        return f"{self.born}–{self.died}" if self.died else f"born {self.born}"

    @property
    def initials(self) -> str:
        # "Rosa Luxemburg" -> "RL", "Voline" -> "VO", "Mother Jones" -> "MJ".
        words = [w for w in self.name.replace("-", " ").split() if w[:1].isalpha()]
        if len(words) >= 2:
            return (words[0][0] + words[-1][0]).upper()
        return self.name[:2].upper()


class Quotation(models.Model):
    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="quotations")
    text = models.TextField()
    source = models.CharField(max_length=300)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.persona}: {self.text[:50]}"


class PlayerQuerySet(models.QuerySet):
    def suspended(self) -> "PlayerQuerySet":
        return self.filter(suspended_until__gt=timezone.now())


class Player(models.Model):
    """A user and the persona they currently speak as.

    Contributions store their own persona, so changing persona here never
    rewrites what was said before.
    """

    class EmailNotifications(models.TextChoices):
        NONE = "none", "No email"
        IMMEDIATELY = "immediately", "At once, one email per notification"
        DAILY = "daily", "A daily digest"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="player"
    )
    persona = models.ForeignKey(
        Persona, on_delete=models.SET_NULL, null=True, blank=True, related_name="players"
    )
    playing_since = models.DateTimeField(null=True, blank=True)
    suspended_until = models.DateTimeField(null=True, blank=True)
    suspension_reason = models.CharField(max_length=SUSPENSION_REASON_MAX, blank=True)
    # Opt-in: nobody who signed up before email existed starts receiving it.
    email_notifications = models.CharField(
        max_length=12, choices=EmailNotifications.choices, default=EmailNotifications.NONE
    )

    objects = PlayerQuerySet.as_manager()

    class Meta:
        ordering = ["user__username"]

    def __str__(self) -> str:
        return f"{self.user} as {self.persona or 'nobody yet'}"

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > timezone.now()


class Stint(models.Model):
    """A stretch of time a player spent playing one persona, from `started_at` to the next stint.

    Player only knows the current persona; this keeps the earlier ones for
    the player's profile, including personas they played without writing.
    """

    player = models.ForeignKey(Player, on_delete=models.CASCADE, related_name="stints")
    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="stints")
    started_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["player", "-started_at"])]

    def __str__(self) -> str:
        return f"{self.player.user} as {self.persona} from {date_format(self.started_at)}"

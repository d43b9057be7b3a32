"""The Path to Utopia contest: a theme, stories written in persona, votes across circles.

A **contest** is opened by a moderator with a theme ("2100"), rules and two
deadlines: entries are drafted and submitted until `entries_close_at`, votes
are cast from then until `votes_close_at`, and then the results are public.

An **entry** is one player's story in persona. It keeps the persona it was
begun as (switching persona later never moves it to another circle). A draft
is private to its author and every save of it is a django-reversion
revision; once submitted it is public, final and open to the same threaded
discussion as a clause (`charter.Comment.entry`). The author is a user: a
player group, when there is one, would be a further field of the entry, not
another kind of entry.

A **vote** is one player's vote for one entry of another circle. The database
refuses a second vote for the same entry (a unique pair) and a fourth vote in
the same contest (a vote takes one of VOTES_PER_PLAYER numbered slots, unique
per player and contest); the service decides which refusal a player reads.
"""

import reversion
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from charter.models import RenderedBody
from personas.models import Persona

# Every limit on user text, defined once beside the field it limits and read
# by forms, services and tests alike.
CONTEST_THEME_MAX = 120
CONTEST_RULES_MAX = 5_000
ENTRY_TITLE_MAX = 200
# A short story: a few pages, more than any clause.
ENTRY_BODY_MAX = 30_000
VOTES_PER_PLAYER = 3


class Phase(models.TextChoices):
    ENTRIES = "entries", pgettext_lazy("contest phase", "Open for entries")
    VOTING = "voting", pgettext_lazy("contest phase", "Voting")
    # Translators: the phase of a contest whose voting has closed.
    CLOSED = "closed", pgettext_lazy("contest phase", "Results")


class Contest(models.Model):
    """A Path to Utopia contest on one theme, with its two deadlines."""

    slug = models.SlugField(gettext_lazy("slug"), unique=True)
    theme = models.CharField(gettext_lazy("theme"), max_length=CONTEST_THEME_MAX)
    rules = models.TextField(gettext_lazy("rules"), max_length=CONTEST_RULES_MAX)
    rules_html = models.TextField(gettext_lazy("rules html"), blank=True, editable=False)
    entries_close_at = models.DateTimeField(gettext_lazy("entries close at"))
    votes_close_at = models.DateTimeField(gettext_lazy("votes close at"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("opened by"),
    )
    opened_at = models.DateTimeField(gettext_lazy("opened at"), default=timezone.now)

    class Meta:
        ordering = ["-votes_close_at", "-pk"]
        verbose_name = gettext_lazy("contest")
        verbose_name_plural = gettext_lazy("contests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(votes_close_at__gt=models.F("entries_close_at")),
                name="contest_votes_close_after_entries",
            )
        ]

    def __str__(self) -> str:
        return _("Path to Utopia: %(theme)s") % {"theme": self.theme}

    def get_absolute_url(self) -> str:
        return reverse("contests:detail", args=[self.slug])

    def phase(self, now=None) -> Phase:
        now = now or timezone.now()
        if now < self.entries_close_at:
            return Phase.ENTRIES
        if now < self.votes_close_at:
            return Phase.VOTING
        return Phase.CLOSED

    @property
    def results_are_public(self) -> bool:
        return self.phase() == Phase.CLOSED


class EntryQuerySet(models.QuerySet):
    def submitted(self) -> "EntryQuerySet":
        return self.filter(status=Entry.Status.SUBMITTED)


class Entry(RenderedBody):
    """A Path to Utopia story in persona: a private, versioned draft, then a public entry."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("entry status", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("entry status", "Submitted")

    contest = models.ForeignKey(
        Contest,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=gettext_lazy("contest"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="contest_entries",
        verbose_name=gettext_lazy("author"),
    )
    # The persona the story is told by; its circle is the entry's circle.
    persona = models.ForeignKey(
        Persona,
        on_delete=models.PROTECT,
        related_name="contest_entries",
        verbose_name=gettext_lazy("persona"),
    )
    title = models.CharField(gettext_lazy("title"), max_length=ENTRY_TITLE_MAX)
    body = models.TextField(gettext_lazy("body"), max_length=ENTRY_BODY_MAX)
    body_html = models.TextField(gettext_lazy("body html"), blank=True, editable=False)
    status = models.CharField(
        gettext_lazy("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Saves of the draft so far (each one a reversion revision): the edit
    # form carries it, so a save from a stale form is refused, not applied.
    revision_number = models.PositiveIntegerField(
        gettext_lazy("revision number"), default=0, editable=False
    )
    created_at = models.DateTimeField(gettext_lazy("created at"), default=timezone.now)
    updated_at = models.DateTimeField(gettext_lazy("updated at"), default=timezone.now)
    submitted_at = models.DateTimeField(gettext_lazy("submitted at"), null=True, blank=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = gettext_lazy("entry")
        verbose_name_plural = gettext_lazy("entries")
        indexes = [models.Index(fields=["contest", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "author"], name="one_entry_per_player_and_contest"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft", submitted_at__isnull=True)
                | models.Q(status="submitted", submitted_at__isnull=False),
                name="entry_submitted_iff_dated",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("contests:entry", args=[self.contest.slug, self.pk])

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Vote(models.Model):
    """One player's vote for one entry, cast as a persona of another circle."""

    contest = models.ForeignKey(
        Contest,
        on_delete=models.PROTECT,
        related_name="votes",
        verbose_name=gettext_lazy("contest"),
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.PROTECT, related_name="votes", verbose_name=gettext_lazy("entry")
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="contest_votes",
        verbose_name=gettext_lazy("voter"),
    )
    # The persona the vote was cast as: its circle is the circle that voted.
    persona = models.ForeignKey(
        Persona,
        on_delete=models.PROTECT,
        related_name="contest_votes",
        verbose_name=gettext_lazy("persona"),
    )
    # Which of the player's votes in this contest this is (1 to VOTES_PER_PLAYER).
    slot = models.PositiveSmallIntegerField(gettext_lazy("slot"))
    created_at = models.DateTimeField(gettext_lazy("created at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = gettext_lazy("vote")
        verbose_name_plural = gettext_lazy("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "voter"], name="one_vote_per_player_and_entry"
            ),
            models.UniqueConstraint(
                fields=["contest", "voter", "slot"], name="votes_per_player_are_numbered_slots"
            ),
            models.CheckConstraint(
                condition=models.Q(slot__gte=1, slot__lte=VOTES_PER_PLAYER),
                name="at_most_three_votes_per_player_and_contest",
            ),
        ]

    def __str__(self) -> str:
        return _("%(persona)s votes for %(entry)s") % {"persona": self.persona, "entry": self.entry}


# Registered here, not in AppConfig.ready(): the same reason as charter.models.
# Status is not versioned: an earlier draft is a text, not a state to restore.
reversion.register(Entry, fields=["title", "body", "body_html"])

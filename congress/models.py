"""Assemblies: amendments that compete for a clause, congresses that decide, signatures.

An **amendment** is a rival text for a clause (or a proposed new clause),
written in persona with a rationale. It records the clause text it was
drafted against (`base_body`, `base_revision_number`), so when the clause
moves on it can be rebased by the same three-way merge as an edit. Players
take stances on it exactly as on a clause, and the minimum-program rule
(`charter.consensus`) judges it.

A **congress** sits on one charter from `opens_at` until it is closed (by
cron after `closes_at`, or by a moderator's button). While it sits, direct
edits of the charter are closed: change goes through amendments. Closing
judges every open amendment, adopts those that carry as clause revisions and
writes one `Decision` per amendment: the minutes are built from those rows.

A **signature** is a player signing the text adopted by a congress as the
persona they play.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from charter.models import (
    CLAUSE_BODY_MAX,
    CLAUSE_TITLE_MAX,
    STANCE_REASON_MAX,
    Charter,
    Clause,
    Comment,
    RenderedBody,
    RevisionMeta,
    Stance,
)
from personas.models import Persona, Tendency

AMENDMENT_RATIONALE_MAX = 2_000
CONGRESS_TITLE_MAX = 200


class Congress(models.Model):
    """A time-boxed assembly on one charter."""

    charter = models.ForeignKey(
        Charter,
        on_delete=models.PROTECT,
        related_name="congresses",
        verbose_name=gettext_lazy("charter"),
    )
    title = models.CharField(gettext_lazy("title"), max_length=CONGRESS_TITLE_MAX)
    opens_at = models.DateTimeField(gettext_lazy("opens at"))
    closes_at = models.DateTimeField(gettext_lazy("closes at"))
    convened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("convened by"),
    )
    closed_at = models.DateTimeField(gettext_lazy("closed at"), null=True, blank=True)
    # Empty when cron closed it at the appointed time.
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("closed by"),
    )
    created_at = models.DateTimeField(gettext_lazy("created at"), default=timezone.now)
    # Fixed at closing: each clause as adopted (id, position, title, revision
    # number and version id) with the circles that carried or blocked it and
    # the dissent in the voice of the stances. The critical edition and the
    # signatures rest on it, whatever happens to the charter afterwards.
    record = models.JSONField(gettext_lazy("record"), default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = gettext_lazy("congress")
        verbose_name_plural = gettext_lazy("congresses")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="congress_closes_after_it_opens",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("congress:congress", args=[self.charter.slug, self.pk])

    def is_sitting(self, now=None) -> bool:
        """Open and not yet closed: past its closing time it sits until it is closed."""
        now = now or timezone.now()
        return self.closed_at is None and self.opens_at <= now

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def state(self, now=None) -> str:
        now = now or timezone.now()
        if self.closed_at is not None:
            return "closed"
        if self.opens_at > now:
            return "convened"
        return "overdue" if self.closes_at <= now else "sitting"


class Amendment(RenderedBody):
    """A rival text for a clause, or a proposed new clause when `clause` is empty."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("amendment status", "Open")
        ADOPTED = "adopted", pgettext_lazy("amendment status", "Adopted")
        REJECTED = "rejected", pgettext_lazy("amendment status", "Rejected")
        WITHDRAWN = "withdrawn", pgettext_lazy("amendment status", "Withdrawn")

    charter = models.ForeignKey(
        Charter,
        on_delete=models.PROTECT,
        related_name="amendments",
        verbose_name=gettext_lazy("charter"),
    )
    clause = models.ForeignKey(
        Clause,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=gettext_lazy("clause"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="amendments",
        verbose_name=gettext_lazy("author"),
    )
    persona = models.ForeignKey(
        Persona,
        on_delete=models.PROTECT,
        related_name="amendments",
        verbose_name=gettext_lazy("persona"),
    )
    title = models.CharField(gettext_lazy("title"), max_length=CLAUSE_TITLE_MAX)
    body = models.TextField(gettext_lazy("body"), max_length=CLAUSE_BODY_MAX)
    body_html = models.TextField(gettext_lazy("body html"), blank=True, editable=False)
    rationale = models.TextField(
        gettext_lazy("rationale"), max_length=AMENDMENT_RATIONALE_MAX, blank=True
    )
    # The clause's text when the amendment was drafted or last rebased: the
    # common ancestor of a three-way rebase.
    base_title = models.CharField(
        gettext_lazy("base title"), max_length=CLAUSE_TITLE_MAX, blank=True
    )
    base_body = models.TextField(gettext_lazy("base body"), blank=True)
    base_revision_number = models.PositiveIntegerField(
        gettext_lazy("base revision number"), default=0
    )
    # Bumped by each of the author's edits; stances record the one they saw.
    revision_number = models.PositiveIntegerField(gettext_lazy("revision number"), default=1)
    status = models.CharField(
        gettext_lazy("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    decided_at = models.DateTimeField(gettext_lazy("decided at"), null=True, blank=True)
    # The comment that opened the amendment's thread in the clause's debate.
    thread = models.OneToOneField(
        Comment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendment",
        verbose_name=gettext_lazy("thread"),
    )
    adopted_revision = models.ForeignKey(
        RevisionMeta,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("adopted revision"),
    )
    created_at = models.DateTimeField(gettext_lazy("created at"), default=timezone.now)
    updated_at = models.DateTimeField(gettext_lazy("updated at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["charter", "status"])]
        verbose_name = gettext_lazy("amendment")
        verbose_name_plural = gettext_lazy("amendments")

    def __str__(self) -> str:
        return _("Amendment %(number)s: %(title)s") % {"number": self.pk, "title": self.title}

    def get_absolute_url(self) -> str:
        return reverse("congress:amendment", args=[self.charter.slug, self.pk])

    @property
    def is_new_clause(self) -> bool:
        return self.clause_id is None

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_outdated(self) -> bool:
        """Open, but the clause has moved on since the text was drafted: rebase it.

        Derived from revision numbers rather than stored, so no way of changing
        a clause (an edit, a restore in the admin, an adoption) can forget it.
        """
        return (
            self.is_open
            and self.clause is not None
            and self.clause.revision_number != self.base_revision_number
        )

    @property
    def state(self) -> str:
        """open, outdated, adopted, rejected or withdrawn: what pages show."""
        return "outdated" if self.is_outdated else self.status

    @property
    def state_label(self) -> str:
        """The state in the reader's language, lower case as in running text."""
        return STATE_LABELS.get(self.state, self.state)


# Amendment.state as pages name it: a badge, a heading (with capfirst).
STATE_LABELS = {
    "open": pgettext_lazy("amendment state", "open"),
    "outdated": pgettext_lazy("amendment state", "outdated"),
    "adopted": pgettext_lazy("amendment state", "adopted"),
    "rejected": pgettext_lazy("amendment state", "rejected"),
    "withdrawn": pgettext_lazy("amendment state", "withdrawn"),
}


class AmendmentStance(models.Model):
    """A player's stance on an amendment: the same positions and rule as on a clause."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="amendment_stances",
        verbose_name=gettext_lazy("user"),
    )
    amendment = models.ForeignKey(
        Amendment,
        on_delete=models.PROTECT,
        related_name="stances",
        verbose_name=gettext_lazy("amendment"),
    )
    persona = models.ForeignKey(
        Persona, on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("persona")
    )
    position = models.CharField(
        gettext_lazy("position"), max_length=10, choices=Stance.Position.choices
    )
    reason = models.CharField(gettext_lazy("reason"), max_length=STANCE_REASON_MAX, blank=True)
    # The amendment's own revision the stance was taken on: an edit makes it stale.
    revision_number = models.PositiveIntegerField(gettext_lazy("revision number"), default=1)
    is_current = models.BooleanField(gettext_lazy("is current"), default=True)
    created_at = models.DateTimeField(gettext_lazy("created at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = gettext_lazy("amendment stance")
        verbose_name_plural = gettext_lazy("amendment stances")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "amendment"],
                condition=models.Q(is_current=True),
                name="one_current_stance_per_user_and_amendment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.persona} {self.position}s amendment {self.amendment_id}"


class Decision(models.Model):
    """What a congress decided on one amendment: a line of its minutes."""

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", pgettext_lazy("amendment outcome", "Adopted")
        REJECTED = "rejected", pgettext_lazy("amendment outcome", "Rejected")
        CONFLICT = "conflict", gettext_lazy("Not merged: conflicts with an adopted amendment")

    congress = models.ForeignKey(
        Congress,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=gettext_lazy("congress"),
    )
    # An amendment that could not be merged stays open and may come before a
    # later congress too: one decision per congress.
    amendment = models.ForeignKey(
        Amendment,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=gettext_lazy("amendment"),
    )
    outcome = models.CharField(gettext_lazy("outcome"), max_length=10, choices=Outcome.choices)
    position = models.PositiveIntegerField(gettext_lazy("position"), default=0)
    # The verdict as it stood: tendency ids and names with their tallies, so
    # the minutes never change when personas or stances do later.
    carried_by = models.JSONField(gettext_lazy("carried by"), default=list, blank=True)
    blocked_by = models.JSONField(gettext_lazy("blocked by"), default=list, blank=True)
    # Dissent in the persona voice of the stances: [{persona, tendency, position, reason}].
    dissent = models.JSONField(gettext_lazy("dissent"), default=list, blank=True)
    note = models.CharField(gettext_lazy("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["congress", "position"]
        verbose_name = gettext_lazy("decision")
        verbose_name_plural = gettext_lazy("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "amendment"], name="one_decision_per_amendment_and_congress"
            )
        ]

    def __str__(self) -> str:
        values = {"congress": self.congress, "number": self.amendment_id}
        if self.outcome == self.Outcome.ADOPTED:
            return _("%(congress)s: amendment %(number)s adopted") % values
        if self.outcome == self.Outcome.REJECTED:
            return _("%(congress)s: amendment %(number)s rejected") % values
        if self.outcome == self.Outcome.CONFLICT:
            # Translators: a congress's decision in the admin: the amendment could not be merged.
            return _("%(congress)s: amendment %(number)s conflict") % values
        return f"{self.congress}: amendment {self.amendment_id} {self.outcome}"


class Signature(models.Model):
    """A player signs the text a congress adopted, as the persona they play."""

    congress = models.ForeignKey(
        Congress,
        on_delete=models.PROTECT,
        related_name="signatures",
        verbose_name=gettext_lazy("congress"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("user"),
    )
    persona = models.ForeignKey(
        Persona,
        on_delete=models.PROTECT,
        related_name="signatures",
        verbose_name=gettext_lazy("persona"),
    )
    tendency = models.ForeignKey(
        Tendency, on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("tendency")
    )
    signed_at = models.DateTimeField(gettext_lazy("signed at"), default=timezone.now)

    class Meta:
        ordering = ["signed_at"]
        verbose_name = gettext_lazy("signature")
        verbose_name_plural = gettext_lazy("signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "user"], name="one_signature_per_player_and_congress"
            )
        ]

    def __str__(self) -> str:
        return _("%(persona)s signed %(congress)s") % {
            "persona": self.persona,
            "congress": self.congress,
        }

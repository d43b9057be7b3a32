"""The charter's data: charters, clauses and their revisions, debate, stances, moderation.

Glossary, used alike by fields, form fields, URL kwargs and templates:

- **revision**: one save of a clause (a django-reversion `Revision`, carrying
  the user, the date and the edit summary as its comment), described by a
  `RevisionMeta` (persona, kind, words added and removed, attribution).
- **version id**: the primary key of a reversion `Version`, the stored state of
  one object at one revision. URLs (`version_id`, `?from=`, `?to=`) and the
  edit form's hidden `base_version` carry version ids.
- **revision number**: the 1-based count of a clause's revisions
  (`RevisionMeta.revision_number`); `Clause.revision_number` is the latest.
  A stance or comment records both the `clause_version` it was made on and
  that version's `clause_revision_number`.
"""

import reversion
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from reversion.models import Revision, Version

from charter.rendering import render_markdown
from personas.models import SUSPENSION_REASON_MAX, Persona, PlayerGroup

# Every limit on user text, defined once beside the field it limits and read
# by forms, services and tests alike.
CLAUSE_TITLE_MAX = 200
CLAUSE_BODY_MAX = 20_000
# Stored as reversion's Revision.comment, a TextField: the limit is ours.
EDIT_SUMMARY_MAX = 300
COMMENT_BODY_MAX = 10_000
STANCE_REASON_MAX = 500
FLAG_DETAILS_MAX = 500
# A moderator's reason is copied into the suspended player's notice.
MODERATION_REASON_MAX = SUSPENSION_REASON_MAX


class RenderedBody(models.Model):
    """A Markdown `body` with its sanitised HTML cached in `body_html`.

    Rendering costs milliseconds, so it happens only when the body changed
    since it was last rendered, and services may render before they take a
    row lock (`set_body(..., html=...)`). Fixture loads (raw saves) bypass
    save(); seed_demo renders those afterwards.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if getattr(self, "_rendered_from", None) != self.body:
            self.render()
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if "body" in field_names and "body_html" in field_names:
            instance._rendered_from = instance.body
        return instance

    def render(self) -> None:
        self.body_html = render_markdown(self.body)
        self._rendered_from = self.body

    def set_body(self, body: str, *, html: str | None = None) -> None:
        """Replace the body; `html` is its rendering when the caller already has it."""
        self.body = body
        if html is None:
            self.render()
        else:
            self.body_html, self._rendered_from = html, body


class Charter(models.Model):
    class Status(models.TextChoices):
        DRAFTING = "drafting", pgettext_lazy("charter status", "Drafting")
        REFERENCE = "reference", pgettext_lazy("charter status", "Reference (read-only)")
        ARCHIVED = "archived", pgettext_lazy("charter status", "Archived")

    title = models.CharField(gettext_lazy("title"), max_length=200)
    slug = models.SlugField(gettext_lazy("slug"), unique=True)
    summary = models.TextField(gettext_lazy("summary"), blank=True)
    status = models.CharField(
        gettext_lazy("status"), max_length=20, choices=Status.choices, default=Status.DRAFTING
    )
    source_url = models.URLField(
        gettext_lazy("source url"),
        blank=True,
        help_text=gettext_lazy("Full original text, for reference charters."),
    )
    position = models.PositiveSmallIntegerField(gettext_lazy("position"), default=0)
    created_at = models.DateTimeField(gettext_lazy("created at"), default=timezone.now)
    # The congress convened on this charter, with its schedule copied here so
    # that every permission check and page reads it from the charter row it
    # already has; set when convened, cleared when it closes.
    congress = models.ForeignKey(
        "congress.Congress",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    congress_opens_at = models.DateTimeField(null=True, blank=True, editable=False)
    congress_closes_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The language the clauses are written in; the others get translations
    # (the translations app).
    source_language = models.CharField(
        gettext_lazy("source language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    class Meta:
        ordering = ["position", "title"]
        verbose_name = gettext_lazy("charter")
        verbose_name_plural = gettext_lazy("charters")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("charter:detail", args=[self.slug])

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFTING

    def in_congress(self, now=None) -> bool:
        """A congress sits: direct edits are closed and change goes through amendments."""
        opens = self.congress_opens_at
        return opens is not None and opens <= (now or timezone.now())


class ClauseQuerySet(models.QuerySet):
    def live(self) -> "ClauseQuerySet":
        return self.filter(is_removed=False)


class Clause(RenderedBody):
    """One article of a charter. Versioned: every save goes through reversion."""

    charter = models.ForeignKey(
        Charter,
        on_delete=models.PROTECT,
        related_name="clauses",
        verbose_name=gettext_lazy("charter"),
    )
    position = models.PositiveIntegerField(gettext_lazy("position"), default=0)
    title = models.CharField(gettext_lazy("title"), max_length=CLAUSE_TITLE_MAX)
    body = models.TextField(gettext_lazy("body"), max_length=CLAUSE_BODY_MAX)
    body_html = models.TextField(blank=True, editable=False)
    is_locked = models.BooleanField(gettext_lazy("is locked"), default=False)
    is_removed = models.BooleanField(gettext_lazy("is removed"), default=False)
    # Number of the latest revision (RevisionMeta.revision_number), kept in step by the
    # revision service, so "is this stance or comment about the current text?"
    # needs no extra query.
    revision_number = models.PositiveIntegerField(
        gettext_lazy("revision number"), default=0, editable=False
    )
    created_at = models.DateTimeField(gettext_lazy("created at"), default=timezone.now)
    updated_at = models.DateTimeField(gettext_lazy("updated at"), default=timezone.now)

    objects = ClauseQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = gettext_lazy("clause")
        verbose_name_plural = gettext_lazy("clauses")
        indexes = [models.Index(fields=["charter", "position"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("charter:clause", args=[self.charter.slug, self.pk])


class RevisionMeta(models.Model):
    """What reversion's Revision does not record: persona, clause and word counts.

    Stored at save time so that history pages never have to unpack
    serialized versions to describe them.
    """

    class Kind(models.TextChoices):
        # What a revision did to its clause: "created by Bakunin", "edited by Marx".
        CREATE = "create", pgettext_lazy("clause revision", "created")
        EDIT = "edit", pgettext_lazy("clause revision", "edited")
        MERGE = "merge", pgettext_lazy("clause revision", "edited (merged)")
        RESTORE = "restore", pgettext_lazy("clause revision", "restored")
        REMOVE = "remove", pgettext_lazy("clause revision", "removed")
        RECOVER = "recover", pgettext_lazy("clause revision", "recovered")
        SEED = "seed", pgettext_lazy("clause revision", "seeded")
        COMMENT = "comment", pgettext_lazy("clause revision", "comment edited")
        # A congress adopted an amendment: the revision is the amendment's text.
        AMEND = "amend", pgettext_lazy("clause revision", "amended by congress")

    revision = models.OneToOneField(Revision, on_delete=models.CASCADE, related_name="meta")
    persona = models.ForeignKey(
        Persona, on_delete=models.SET_NULL, null=True, blank=True, related_name="revisions"
    )
    # The group the editor spoke for when they saved, if any: recorded, not
    # looked up, so joining or leaving a group never rewrites the past.
    group = models.ForeignKey(
        PlayerGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="revisions"
    )
    clause = models.ForeignKey(
        Clause, on_delete=models.CASCADE, null=True, blank=True, related_name="revision_metas"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.EDIT)
    revision_number = models.PositiveIntegerField(
        default=1, help_text=gettext_lazy("Revision number within the clause.")
    )
    words_added = models.PositiveIntegerField(default=0)
    words_removed = models.PositiveIntegerField(default=0)
    restored_from = models.ForeignKey(
        Version, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who wrote which words of the text at this revision, run-length encoded
    # over charter.diffing tokens as [[persona id or null, token count], ...].
    attribution = models.JSONField(default=list, blank=True)

    class Meta:
        indexes = [models.Index(fields=["clause", "-revision_number"])]
        constraints = [
            models.UniqueConstraint(
                fields=["clause", "revision_number"], name="unique_clause_revision_number"
            )
        ]

    def __str__(self) -> str:
        return _("revision %(number)s of %(clause)s") % {
            "number": self.revision_number,
            "clause": self.clause,
        }


# A comment's materialised path is its ancestors' ids and its own, each
# zero-padded to 10 digits and followed by a slash.
COMMENT_PATH_SEGMENT = 11


class CommentQuerySet(models.QuerySet):
    def visible(self) -> "CommentQuerySet":
        return self.filter(status=Comment.Status.VISIBLE)


class Comment(RenderedBody):
    """A contribution to a threaded discussion. Never hard-deleted.

    A discussion is about a clause or about a contest entry: exactly one of
    `clause` and `entry` is set (charter.subjects adapts each to the
    discussion's views, selectors and services).
    """

    class Status(models.TextChoices):
        VISIBLE = "visible", pgettext_lazy("comment status", "Visible")
        HIDDEN = "hidden", pgettext_lazy("comment status", "Hidden by a moderator")

    class Side(models.TextChoices):
        NONE = "", gettext_lazy("No side")
        FOR = "for", gettext_lazy("For the clause")
        AGAINST = "against", gettext_lazy("Against")
        NEUTRAL = "neutral", gettext_lazy("Neutral")

    clause = models.ForeignKey(
        Clause,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=gettext_lazy("clause"),
    )
    entry = models.ForeignKey(
        "contests.Entry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=gettext_lazy("entry"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=gettext_lazy("parent"),
    )
    # Materialised path of zero-padded ids: ordering by it yields the thread
    # in reading order with one indexed query.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(gettext_lazy("depth"), default=0, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="comments",
        verbose_name=gettext_lazy("author"),
    )
    persona = models.ForeignKey(
        Persona,
        on_delete=models.PROTECT,
        related_name="comments",
        verbose_name=gettext_lazy("persona"),
    )
    # The group the author spoke for, recorded at posting like the persona.
    group = models.ForeignKey(
        PlayerGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=gettext_lazy("group"),
    )
    body = models.TextField(gettext_lazy("body"), max_length=COMMENT_BODY_MAX)
    body_html = models.TextField(blank=True, editable=False)
    # The interface language the comment was written in: one debate, many
    # languages; pages mark each comment's language for readers and screen readers.
    language = models.CharField(
        gettext_lazy("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    side = models.CharField(
        gettext_lazy("side"), max_length=10, choices=Side.choices, default=Side.NONE, blank=True
    )
    # The clause revision the comment answers.
    clause_version = models.ForeignKey(
        Version,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("clause version"),
    )
    clause_revision_number = models.PositiveIntegerField(
        gettext_lazy("clause revision number"), null=True, blank=True
    )
    status = models.CharField(
        gettext_lazy("status"), max_length=10, choices=Status.choices, default=Status.VISIBLE
    )
    hidden_reason = models.CharField(
        gettext_lazy("hidden reason"), max_length=MODERATION_REASON_MAX, blank=True
    )
    created_at = models.DateTimeField(
        gettext_lazy("created at"), default=timezone.now, db_index=True
    )
    edited_at = models.DateTimeField(gettext_lazy("edited at"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = gettext_lazy("comment")
        verbose_name_plural = gettext_lazy("comments")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(clause__isnull=False, entry__isnull=True)
                    | models.Q(clause__isnull=True, entry__isnull=False)
                ),
                name="comment_is_about_exactly_one_thing",
            )
        ]

    def __str__(self) -> str:
        # Translators: a comment named in the moderation panel: who, on what, its first words.
        return _("%(persona)s on %(subject)s: %(excerpt)s") % {
            "persona": self.persona,
            "subject": self.discussed,
            "excerpt": self.body[:40],
        }

    def get_absolute_url(self) -> str:
        return f"{self.discussed.get_absolute_url()}#comment-{self.pk}"

    @property
    def discussed(self):
        """What the comment is about: its clause or its contest entry."""
        return self.clause if self.clause_id is not None else self.entry

    def same_discussion(self) -> models.Q:
        """The comments of this comment's discussion (the unset subject matches NULL)."""
        return models.Q(clause_id=self.clause_id, entry_id=self.entry_id)

    @property
    def is_hidden(self) -> bool:
        return self.status == self.Status.HIDDEN


# A stance in a sentence, by position: "Bakunin supports Article 1".
STANCE_SENTENCES = {
    "support": gettext_lazy("%(persona)s supports %(clause)s"),
    "oppose": gettext_lazy("%(persona)s opposes %(clause)s"),
    # Translators: the persona abstains on the clause.
    "abstain": gettext_lazy("%(persona)s abstains %(clause)s"),
}


class Stance(models.Model):
    """A player's position on a clause. Earlier stances are kept, not overwritten.

    A stance taken by a member of a player group is the group's (`group` set):
    a group has one current stance per clause, whichever member took it last,
    and its members have none of their own (charter.services.stances).
    """

    class Position(models.TextChoices):
        # The verbs a player chooses between on a clause: "I support it".
        SUPPORT = "support", pgettext_lazy("stance", "Support")
        OPPOSE = "oppose", pgettext_lazy("stance", "Oppose")
        ABSTAIN = "abstain", pgettext_lazy("stance", "Abstain")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="stances",
        verbose_name=gettext_lazy("user"),
    )
    clause = models.ForeignKey(
        Clause,
        on_delete=models.PROTECT,
        related_name="stances",
        verbose_name=gettext_lazy("clause"),
    )
    persona = models.ForeignKey(
        Persona,
        on_delete=models.PROTECT,
        related_name="stances",
        verbose_name=gettext_lazy("persona"),
    )
    group = models.ForeignKey(
        PlayerGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stances",
        verbose_name=gettext_lazy("group"),
    )
    position = models.CharField(
        pgettext_lazy("stance", "position"), max_length=10, choices=Position.choices
    )
    reason = models.CharField(gettext_lazy("reason"), max_length=STANCE_REASON_MAX, blank=True)
    # The clause revision the stance was taken on.
    clause_version = models.ForeignKey(
        Version,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=gettext_lazy("clause version"),
    )
    clause_revision_number = models.PositiveIntegerField(
        gettext_lazy("clause revision number"), default=0
    )
    is_current = models.BooleanField(gettext_lazy("is current"), default=True)
    created_at = models.DateTimeField(gettext_lazy("created at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = gettext_lazy("stance")
        verbose_name_plural = gettext_lazy("stances")
        constraints = [
            # A player's own stance; one who took a stance for a group and then
            # left it may take their own beside the group's, which stays.
            models.UniqueConstraint(
                fields=["user", "clause"],
                condition=models.Q(is_current=True, group__isnull=True),
                name="one_current_own_stance_per_user_and_clause",
            ),
            # A group's one voice.
            models.UniqueConstraint(
                fields=["group", "clause"],
                condition=models.Q(is_current=True, group__isnull=False),
                name="one_current_stance_per_group_and_clause",
            ),
        ]

    def __str__(self) -> str:
        sentence = STANCE_SENTENCES.get(self.position)
        if sentence is None:
            return f"{self.persona} {self.position}s {self.clause}"
        return str(sentence) % {"persona": self.persona, "clause": self.clause}


class Flag(models.Model):
    """A player's report of a comment or clause, for the moderation queue."""

    class Reason(models.TextChoices):
        SPAM = "spam", gettext_lazy("Spam or advertising")
        ABUSE = "abuse", gettext_lazy("Abuse or harassment")
        VANDALISM = "vandalism", gettext_lazy("Vandalism of the text")
        OFF_TOPIC = "off_topic", gettext_lazy("Off topic")
        OTHER = "other", gettext_lazy("Something else")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("flag status", "Open")
        DISMISSED = "dismissed", pgettext_lazy("flag status", "Dismissed")
        ACTIONED = "actioned", pgettext_lazy("flag status", "Acted upon")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="flags",
        verbose_name=gettext_lazy("reporter"),
    )
    comment = models.ForeignKey(
        Comment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="flags",
        verbose_name=gettext_lazy("comment"),
    )
    clause = models.ForeignKey(
        Clause,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="flags",
        verbose_name=gettext_lazy("clause"),
    )
    reason = models.CharField(gettext_lazy("reason"), max_length=20, choices=Reason.choices)
    details = models.CharField(gettext_lazy("details"), max_length=FLAG_DETAILS_MAX, blank=True)
    status = models.CharField(
        gettext_lazy("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(gettext_lazy("created at"), default=timezone.now)
    resolved_at = models.DateTimeField(gettext_lazy("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("resolved by"),
    )

    class Meta:
        ordering = ["status", "-created_at"]
        verbose_name = gettext_lazy("flag")
        verbose_name_plural = gettext_lazy("flags")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(comment__isnull=False, clause__isnull=True)
                    | models.Q(comment__isnull=True, clause__isnull=False)
                ),
                name="flag_targets_exactly_one_thing",
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"], name="one_flag_per_reporter_and_comment"
            ),
            models.UniqueConstraint(
                fields=["reporter", "clause"], name="one_flag_per_reporter_and_clause"
            ),
        ]

    def __str__(self) -> str:
        # Translators: a flag in the moderation panel: "Off topic on <the comment or clause>".
        return _("%(reason)s on %(target)s") % {
            "reason": self.get_reason_display(),
            "target": self.comment or self.clause,
        }


class ModerationAction(models.Model):
    """The audit log: one row per moderator action. Never edited or deleted."""

    class Action(models.TextChoices):
        # What a moderator did, as the moderation log says it.
        HIDE_COMMENT = "hide_comment", gettext_lazy("Hid a comment")
        RESTORE_COMMENT = "restore_comment", gettext_lazy("Restored a comment")
        LOCK_CLAUSE = "lock_clause", gettext_lazy("Locked a clause")
        UNLOCK_CLAUSE = "unlock_clause", gettext_lazy("Unlocked a clause")
        SUSPEND_USER = "suspend_user", gettext_lazy("Suspended a player")
        UNSUSPEND_USER = "unsuspend_user", gettext_lazy("Lifted a suspension")
        DISMISS_FLAG = "dismiss_flag", gettext_lazy("Dismissed a flag")
        RECOVER_CLAUSE = "recover_clause", gettext_lazy("Recovered a removed clause")
        ROLLBACK = "rollback", gettext_lazy("Rolled back a player's edits")
        REVERT_CLAUSE = "revert_clause", gettext_lazy("Reverted a clause")

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="moderation_actions",
        verbose_name=gettext_lazy("moderator"),
    )
    action = models.CharField(gettext_lazy("action"), max_length=20, choices=Action.choices)
    target_type = models.CharField(gettext_lazy("target type"), max_length=50)
    target_id = models.CharField(gettext_lazy("target id"), max_length=50)
    target_repr = models.CharField(gettext_lazy("target repr"), max_length=300)
    reason = models.CharField(gettext_lazy("reason"), max_length=MODERATION_REASON_MAX)
    created_at = models.DateTimeField(
        gettext_lazy("created at"), default=timezone.now, db_index=True
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = gettext_lazy("moderation action")
        verbose_name_plural = gettext_lazy("moderation actions")

    def __str__(self) -> str:
        action = self.get_action_display()
        # Translators: %(action)s is a log entry such as "Hid a comment", its first letter
        # lowercased: "alice hid a comment: …".
        return _("%(moderator)s %(action)s: %(target)s") % {
            "moderator": self.moderator,
            "action": action[:1].lower() + action[1:],
            "target": self.target_repr,
        }


class Watch(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watches"
    )
    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="watches")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "clause"], name="one_watch_per_user_and_clause")
        ]

    def __str__(self) -> str:
        return _("%(user)s watches %(clause)s") % {"user": self.user, "clause": self.clause}


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    class Kind(models.TextChoices):
        REVISION = "revision", gettext_lazy("New revision")
        REPLY = "reply", gettext_lazy("Reply to you")
        COMMENT = "comment", gettext_lazy("New comment")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="+")
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    revision_meta = models.ForeignKey(
        RevisionMeta, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    actor_persona = models.ForeignKey(
        Persona, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set when an email (immediate or digest) told the user of it: the digest
    # sends only rows still empty here, so nothing is emailed twice.
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        # Translators: a notification: "New comment for alice".
        return _("%(kind)s for %(user)s") % {"kind": self.get_kind_display(), "user": self.user}


# Versioned models. Registered here, not in AppConfig.ready(), because the
# admin's VersionAdmin would otherwise register them first with other fields.
# Position and lock state are deliberately not versioned: restoring an old
# text must not move a clause or undo a moderator's lock.
reversion.register(Clause, fields=["charter", "title", "body", "body_html", "is_removed"])
reversion.register(Comment, fields=["body", "body_html", "side"])

"""Atom feeds: recent changes (site-wide and per charter) and each clause's debate.

Atom puts an entry's description in `<summary type="html">`, which feed
readers render as HTML: every description here is either escaped plain text
or HTML that went through `render_markdown`. Titles and author names are
Atom text constructs, escaped as XML by the generator.
"""

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from charter.models import Charter, Clause, Comment, RevisionMeta
from charter.selectors.revisions import attach_version_ids, revision_metas
from charter.views.access import ClauseRemoved

FEED_SIZE = 50


class RecentChangesFeed(Feed):
    feed_type = Atom1Feed
    # Translators: "Invisible International" is the site's name: keep it as it is.
    title = gettext_lazy("Invisible International — recent changes")
    subtitle = gettext_lazy("Every revision of every clause, newest first.")

    def get_object(self, request: HttpRequest, slug: str | None = None) -> Charter | None:
        return get_object_or_404(Charter, slug=slug) if slug else None

    def link(self, obj: Charter | None) -> str:
        return obj.get_absolute_url() if obj else reverse("recent")

    def items(self, obj: Charter | None) -> list[RevisionMeta]:
        # Feeds are public: revisions of removed clauses are left out.
        metas = revision_metas().order_by("-revision__date_created", "-pk")
        if obj is not None:
            metas = metas.filter(clause__charter=obj)
        return attach_version_ids(list(metas[:FEED_SIZE]))

    def item_title(self, item: RevisionMeta) -> str:
        who = item.persona.name if item.persona else _("the seed")
        # Translators: a feed entry: "Article 1: edited by Bakunin (revision 4)".
        return _("%(clause)s: %(kind)s by %(who)s (revision %(number)s)") % {
            "clause": item.clause.title,
            "kind": item.get_kind_display(),
            "who": who,
            "number": item.revision_number,
        }

    def item_description(self, item: RevisionMeta) -> str:
        # The edit summary is plain text typed by a player: escaped, never HTML.
        summary = item.revision.comment or _("no summary")
        # Translators: an edit summary, then the words added and removed: "(+12 / −3 words)".
        text = _("%(summary)s (+%(added)s / −%(removed)s words)") % {
            "summary": summary,
            "added": item.words_added,
            "removed": item.words_removed,
        }
        return escape(text)

    def item_link(self, item: RevisionMeta) -> str:
        base = item.clause.get_absolute_url()
        return f"{base}diff/?to={item.version_id}" if item.version_id else base

    def item_guid(self, item: RevisionMeta) -> str:
        return f"urn:invisible-international:revision:{item.revision_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: RevisionMeta):
        return item.revision.date_created

    def item_author_name(self, item: RevisionMeta) -> str:
        player = (
            item.revision.user.username if item.revision.user else pgettext("no player", "seed")
        )
        who = item.persona.name if item.persona else _("the seed")
        if item.group is not None:
            who = _("%(persona)s, for %(group)s") % {"persona": who, "group": item.group.the_name}
        return _("%(persona)s (%(username)s)") % {"persona": who, "username": player}


class CharterChangesFeed(RecentChangesFeed):
    def title(self, obj: Charter) -> str:
        return _("%(charter)s — recent changes") % {"charter": obj.title}


class ClauseCommentsFeed(Feed):
    """One clause's discussion, newest comments first."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, pk: int) -> Clause:
        clause = get_object_or_404(Clause.objects.select_related("charter"), pk=pk)
        if clause.is_removed:
            raise ClauseRemoved(clause)
        return clause

    def title(self, clause: Clause) -> str:
        return _("Debate on “%(clause)s” — %(charter)s") % {
            "clause": clause.title,
            "charter": clause.charter.title,
        }

    def link(self, clause: Clause) -> str:
        return f"{clause.get_absolute_url()}#discussion"

    def subtitle(self, clause: Clause) -> str:
        return _("New comments on the clause “%(clause)s”, newest first.") % {
            "clause": clause.title
        }

    def items(self, clause: Clause) -> list[Comment]:
        comments = list(
            clause.comments.visible()
            .select_related("persona", "author", "group")
            .order_by("-created_at", "-pk")[:FEED_SIZE]
        )
        for comment in comments:
            comment.clause = clause
        return comments

    def item_title(self, comment: Comment) -> str:
        if comment.parent_id:
            sentence = _("%(persona)s replies on “%(clause)s”")
        else:
            sentence = _("%(persona)s comments on “%(clause)s”")
        return sentence % {"persona": comment.persona.name, "clause": comment.clause.title}

    def item_description(self, comment: Comment) -> str:
        # Sanitised at save by render_markdown.
        return comment.body_html

    def item_link(self, comment: Comment) -> str:
        clause = comment.clause
        return reverse("charter:comment", args=[clause.charter.slug, clause.pk, comment.pk])

    def item_pubdate(self, comment: Comment):
        return comment.created_at

    def item_updateddate(self, comment: Comment):
        return comment.edited_at or comment.created_at

    def item_author_name(self, comment: Comment) -> str:
        who = comment.persona.name
        if comment.group is not None:
            who = _("%(persona)s, for %(group)s") % {
                "persona": who,
                "group": comment.group.the_name,
            }
        return _("%(persona)s (%(username)s)") % {
            "persona": who,
            "username": comment.author.username,
        }

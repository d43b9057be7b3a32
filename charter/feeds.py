"""Atom feeds of recent changes, site-wide and per charter."""

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from charter import selectors
from charter.models import Charter, RevisionMeta

FEED_SIZE = 50


class RecentChangesFeed(Feed):
    feed_type = Atom1Feed
    title = "Invisible International — recent changes"
    subtitle = "Every revision of every clause, newest first."

    def get_object(self, request: HttpRequest, slug: str | None = None) -> Charter | None:
        return get_object_or_404(Charter, slug=slug) if slug else None

    def link(self, obj: Charter | None) -> str:
        return obj.get_absolute_url() if obj else reverse("recent")

    def items(self, obj: Charter | None) -> list[RevisionMeta]:
        metas = selectors.revision_metas().order_by("-revision__date_created", "-pk")
        if obj is not None:
            metas = metas.filter(clause__charter=obj)
        return selectors.attach_version_ids(list(metas[:FEED_SIZE]))

    def item_title(self, item: RevisionMeta) -> str:
        who = item.persona.name if item.persona else "the seed"
        return f"{item.clause.title}: {item.get_kind_display()} by {who} (revision {item.number})"

    def item_description(self, item: RevisionMeta) -> str:
        # Plain text: feed readers render it, so it is escaped by the generator.
        summary = item.revision.comment or "no summary"
        return f"{summary} (+{item.words_added} / −{item.words_removed} words)"

    def item_link(self, item: RevisionMeta) -> str:
        base = item.clause.get_absolute_url()
        return f"{base}diff/?to={item.version_id}" if item.version_id else base

    def item_guid(self, item: RevisionMeta) -> str:
        return f"urn:invisible-international:revision:{item.revision_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: RevisionMeta):
        return item.revision.date_created

    def item_author_name(self, item: RevisionMeta) -> str:
        player = item.revision.user.username if item.revision.user else "seed"
        return f"{item.persona.name if item.persona else 'the seed'} ({player})"


class CharterChangesFeed(RecentChangesFeed):
    def title(self, obj: Charter) -> str:
        return f"{obj.title} — recent changes"

"""The critical edition: the text a congress adopted, as a printable page and as a PDF."""

from typing import NoReturn

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from charter.models import Charter
from charter.views.access import get_charter, get_player, int_param
from config.caching import FOREVER, charter_stamp, stamps, visitor_cache
from congress.models import Congress
from congress.selectors import edition as reads
from translations import languages
from translations.selectors import translate_edition


def _chosen_congress(request: HttpRequest, charter: Charter) -> Congress | None:
    """The closed congress asked for with ?congress=<id>, else the latest one to close."""
    if "congress" not in request.GET:
        return reads.latest_closed_congress(charter)
    pk = int_param(request.GET["congress"])
    return reads.closed_congress(charter, pk) if pk else None


def _no_edition(request: HttpRequest, charter: Charter) -> HttpResponse:
    context = {"charter": charter, "edition": None, "asked": "congress" in request.GET}
    return render(request, "congress/edition.html", context, status=404)


@require_GET
@visitor_cache(lambda slug: ["site", charter_stamp(slug)], query=["congress"])
def edition(request: HttpRequest, slug: str) -> HttpResponse:
    charter = get_charter(slug)
    congress = _chosen_congress(request, charter)
    if congress is None:
        return _no_edition(request, charter)
    data = reads.edition(congress)
    translate_edition(data, languages.current())
    context = {
        "charter": charter,
        "congress": congress,
        "edition": data,
        "others": reads.closed_congresses(charter).exclude(pk=congress.pk),
        "next": request.get_full_path(),
        **reads.signing_panel(
            congress, request.user, get_player(request), signatories=data.signatories
        ),
    }
    return render(request, "congress/edition.html", context)


def _refuse_fetching(url: str, *args, **kwargs) -> NoReturn:
    # Clause text is sanitised and the template links nothing, but a PDF
    # renderer that fetched URLs would reach the network or the disk on
    # anyone's behalf: it gets nothing from outside, ever.
    raise ValueError(f"The edition loads nothing from outside ({url[:80]}).")


def _pdf(data: reads.Edition) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, and a machine
    # without it should still serve every other page.
    import weasyprint

    path = reverse("congress:edition", args=[data.charter.slug])
    url = f"{settings.SITE_URL}{path}?congress={data.congress.pk}"
    html = render_to_string(
        "congress/edition_pdf.html", {"edition": data, "url": url, "made_at": timezone.now()}
    )
    return weasyprint.HTML(string=html, url_fetcher=_refuse_fetching).write_pdf()


@require_GET
def edition_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    charter = get_charter(slug)
    congress = _chosen_congress(request, charter)
    if congress is None:
        return _no_edition(request, charter)
    # The record never changes once the congress has closed, so a PDF is
    # kept until a signature (signing goes on after closing) or the names
    # and colours of the hall ("site") change. Signatures are never edited:
    # their count and newest id tell every change apart. Its words are in the
    # reader's language: one copy per language (the stamps carry it).
    signed = congress.signatures.aggregate(count=Count("pk"), newest=Max("pk"))
    # Translations of the adopted text change with the charter's stamp.
    marks = stamps("site", charter_stamp(charter.slug))
    key = f"edition-pdf:{congress.pk}:{signed['count']}.{signed['newest']}@{marks}"
    pdf = cache.get(key)
    if pdf is None:
        data = reads.edition(congress)
        translate_edition(data, languages.current())
        pdf = _pdf(data)
        cache.set(key, pdf, FOREVER)
    response = HttpResponse(pdf, content_type="application/pdf")
    day = timezone.localtime(congress.closed_at).date().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="{charter.slug}-critical-edition-{day}.pdf"'
    )
    return response

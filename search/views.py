"""The search page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search import selectors
from search.forms import SearchForm, page_number


@require_GET
def search_results(request: HttpRequest) -> HttpResponse:
    asked = "q" in request.GET
    form = SearchForm(request.GET if asked else None)
    context = {"form": form, "full_text": selectors.full_text_available()}
    if not asked:
        return render(request, "search/results.html", context)
    number, context["page_note"] = page_number(request.GET.get("page"))
    if not form.is_valid():
        return render(request, "search/results.html", context, status=400)
    params = form.params()
    results = selectors.search(params, user=request.user, page_number=number)
    if number is not None and number > results.page.number:
        context["page_note"] = _("There is no page %(number)s; here is the last one.") % {
            "number": number
        }
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        {
            "params": params,
            "results": results,
            "page": results.page,
            "extra_query": query.urlencode(),
        }
    )
    return render(request, "search/results.html", context)

"""congress_tags helpers for translated sentences: capture and circle_label."""

from django.template import Context, Template
from django.utils import translation

from congress.templatetags.congress_tags import circle_label


def render(source: str, **context) -> str:
    return Template("{% load congress_tags i18n %}" + source).render(Context(context))


def test_capture_renders_a_list_once_escaped_for_a_whole_sentence():
    html = render(
        "{% capture as names %}{% for n in names_in %}<b>{{ n }}</b>"
        "{% if not forloop.last %}, {% endif %}{% endfor %}{% endcapture %}"
        "{% blocktranslate %}Carried by {{ names }}.{% endblocktranslate %}",
        names_in=["Anarchists", "<script>"],
    )
    assert html == "Carried by <b>Anarchists</b>, <b>&lt;script&gt;</b>."


def test_capture_prints_nothing_where_it_stands():
    assert render("a{% capture as x %}b{% endcapture %}c") == "ac"


def test_a_recorded_circle_reads_as_recorded_when_no_catalogue_names_it():
    with translation.override("fr"):
        assert circle_label("A circle founded last week") == "A circle founded last week"
    assert circle_label("") == ""

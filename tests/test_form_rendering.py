"""Widgets are kept per distinct widget, and never one widget's HTML for another's."""

from django import forms
from django.utils.translation import gettext_lazy, override

from charter.forms import StanceForm
from config.form_rendering import MemoizedRenderer


class Sample(forms.Form):
    side = forms.ChoiceField(choices=[("for", gettext_lazy("For")), ("no", gettext_lazy("No"))])
    body = forms.CharField(widget=forms.Textarea)


def test_the_same_widget_is_rendered_once_and_served_again():
    renderer = MemoizedRenderer()
    first = str(Sample(renderer=renderer)["body"])
    assert len(renderer._kept) == 1
    assert str(Sample(renderer=renderer)["body"]) == first
    assert len(renderer._kept) == 1


def test_different_values_and_languages_are_different_widgets():
    renderer = MemoizedRenderer()
    typed = str(Sample({"body": "Mine", "side": "no"}, renderer=renderer)["body"])
    empty = str(Sample(renderer=renderer)["body"])
    assert "Mine" in typed and "Mine" not in empty
    with override("fr"):
        french = str(Sample(renderer=renderer)["side"])
    english = str(Sample(renderer=renderer)["side"])
    assert french != english and ">For<" in english
    assert str(Sample(renderer=renderer)["side"]) == english


def test_long_typed_text_is_rendered_not_kept():
    renderer = MemoizedRenderer()
    long_text = "word " * 200
    assert long_text.strip() in str(Sample({"body": long_text}, renderer=renderer)["body"])
    assert renderer._kept == {}


def test_the_sites_forms_render_the_same_as_without_it():
    plain = forms.renderers.DjangoTemplates()
    initial = {"position": "support", "reason": "Yes.", "revision_number": 3}
    for renderer in (plain, MemoizedRenderer(), MemoizedRenderer()):
        html = StanceForm(initial=initial, renderer=renderer).as_div()
        if renderer is plain:
            expected = html
        assert html == expected

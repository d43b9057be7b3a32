"""Work deferred until the response is sent: notifications and emails after a save."""

from django.core.signals import request_finished, request_started

from charter.models import Notification, Watch
from config.after_response import after_response_when_serving, later
from search.models import SearchDocument
from tests.forms import form_fields


def test_outside_a_request_the_work_runs_at_once():
    done = []
    later(lambda: done.append("now"))
    assert done == ["now"]


def test_inside_a_request_the_work_waits_for_the_response_to_close(db):
    done = []
    request_started.send(sender=None)
    later(lambda: done.append("after"))
    assert done == []
    request_finished.send(sender=None)
    assert done == ["after"]
    later(lambda: done.append("next, outside"))
    assert done == ["after", "next, outside"]


def test_a_failing_task_is_logged_and_the_others_still_run(db, caplog):
    done = []
    request_started.send(sender=None)
    later(lambda: 1 / 0)
    later(lambda: done.append("still"))
    request_finished.send(sender=None)
    assert done == ["still"]
    assert "Work after the response failed" in caplog.text


def test_watchers_hear_of_an_edit_made_through_the_edit_page(
    alice_client, bob, clause, django_capture_on_commit_callbacks
):
    Watch.objects.create(user=bob, clause=clause)
    url = f"{clause.get_absolute_url()}edit/"
    fields = form_fields(alice_client.get(url).text, "clause-form")
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(url, {**fields, "body": "A changed text."})
    assert response.status_code == 302
    note = Notification.objects.get(user=bob)
    assert note.kind == Notification.Kind.REVISION and note.clause == clause


def test_derived_data_waits_for_the_response_only_while_serving(
    db, django_capture_on_commit_callbacks
):
    done = []
    after_response_when_serving(lambda: done.append("command"))
    assert done == ["command"]  # a command or the shell: at once
    request_started.send(sender=None)
    with django_capture_on_commit_callbacks(execute=True):
        after_response_when_serving(lambda: done.append("request"))
    assert done == ["command"]  # committed, but the response is not sent yet
    request_finished.send(sender=None)
    assert done == ["command", "request"]


def test_an_edit_made_through_the_edit_page_is_searchable_once_answered(
    alice_client, clause, django_capture_on_commit_callbacks
):
    url = f"{clause.get_absolute_url()}edit/"
    fields = form_fields(alice_client.get(url).text, "clause-form")
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(url, {**fields, "body": "Councils of the whole hemisphere."})
    current = SearchDocument.objects.get(key=f"clause:{clause.pk}")
    assert "hemisphere" in current.text
    assert SearchDocument.objects.filter(kind="revision", text__contains="hemisphere").exists()

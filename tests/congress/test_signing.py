"""Signing what a congress adopted: congress.services.signing and the POST view behind it."""

import threading
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from config.caching import charter_stamp, stamps
from congress.models import Signature
from congress.selectors.edition import signatories_by_circle, signing_panel
from congress.services.signing import congress_sign
from personas.models import Player
from tests.conftest import make_charter, make_persona, make_tendency, make_user, make_voter
from tests.congress.editions import make_congress


def sign_url(congress) -> str:
    return f"/charters/{congress.charter.slug}/congresses/{congress.pk}/sign/"


def suspend(user) -> None:
    Player.objects.filter(user=user).update(
        suspended_until=timezone.now() + timedelta(days=2), suspension_reason="Shouting."
    )


@pytest.fixture
def congress(charter):
    return make_congress(charter)


# The service


def test_a_player_signs_as_the_persona_they_play(congress, alice):
    signature = congress_sign(congress_id=congress.pk, user=alice)
    assert signature.congress == congress
    assert signature.persona.name == "Rosa Luxemburg"
    assert signature.tendency.name == "Spartacists"


def test_signing_is_refused_while_the_congress_sits(charter, alice):
    sitting = make_congress(charter, closed=False)
    with pytest.raises(PermissionDenied) as refused:
        congress_sign(congress_id=sitting.pk, user=alice)
    assert str(refused.value) == (
        "You can sign once the congress has closed and the text is fixed."
    )
    assert not Signature.objects.exists()


def test_a_visitor_is_told_to_log_in(congress):
    with pytest.raises(PermissionDenied) as refused:
        congress_sign(congress_id=congress.pk, user=AnonymousUser())
    assert str(refused.value) == "Log in and pick a persona to sign the charter."


def test_a_suspended_player_cannot_sign(congress, alice):
    suspend(alice)
    with pytest.raises(PermissionDenied) as refused:
        congress_sign(congress_id=congress.pk, user=alice)
    assert str(refused.value) == (
        "Your account is suspended, so you cannot sign the charter for now."
    )
    assert not Signature.objects.exists()


def test_a_player_without_a_persona_is_asked_to_pick_one(congress, charlie):
    with pytest.raises(PermissionDenied) as refused:
        congress_sign(congress_id=congress.pk, user=charlie)
    assert str(refused.value) == "Pick a persona to speak as before you sign the charter."


def test_an_unknown_congress_is_a_clear_error(db, alice):
    with pytest.raises(ValidationError) as refused:
        congress_sign(congress_id=987654, user=alice)
    assert refused.value.messages == ["That congress does not exist."]


def test_signing_twice_returns_the_first_signature(congress, alice):
    first = congress_sign(congress_id=congress.pk, user=alice)
    # Playing someone else since changes nothing: the signature was given as Rosa.
    Player.objects.filter(user=alice).update(persona=make_persona(name="Victor Serge"))
    again = congress_sign(congress_id=congress.pk, user=alice)
    assert again.pk == first.pk
    assert again.persona.name == "Rosa Luxemburg"
    assert Signature.objects.count() == 1


def test_one_player_may_sign_each_congress(charter, alice):
    first, second = make_congress(charter, days_ago=20), make_congress(charter)
    assert congress_sign(congress_id=first.pk, user=alice) != congress_sign(
        congress_id=second.pk, user=alice
    )
    assert Signature.objects.filter(user=alice).count() == 2


def test_signing_renews_the_charter_pages(congress, alice):
    before = stamps(charter_stamp(congress.charter.slug))
    congress_sign(congress_id=congress.pk, user=alice)
    assert stamps(charter_stamp(congress.charter.slug)) != before


# Who signed, and who may


def test_signatories_are_listed_by_circle_in_hall_order(congress):
    late, early = make_tendency(name="Utopians", position=9), make_tendency(position=1)
    users = [
        make_voter(tendency=late, name="William Morris"),
        make_voter(tendency=early, name="Anton Pannekoek"),
        make_voter(tendency=late, name="Charles Fourier"),
    ]
    for user in users:
        congress_sign(congress_id=congress.pk, user=user)
    circles = signatories_by_circle(congress)
    assert [(t.name, [s.persona.name for s in signed]) for t, signed in circles] == [
        (early.name, ["Anton Pannekoek"]),
        ("Utopians", ["William Morris", "Charles Fourier"]),
    ]


def test_the_signatories_are_read_in_one_query(congress, django_assert_num_queries):
    for _ in range(12):
        congress_sign(congress_id=congress.pk, user=make_voter(tendency=make_tendency()))
    with django_assert_num_queries(1):
        circles = signatories_by_circle(congress)
        names = [s.persona.name + s.user.username + t.name for t, signed in circles for s in signed]
    assert len(names) == 12


def test_the_panel_offers_signing_only_to_a_player_who_has_not_signed(congress, alice, charlie):
    rosa = Player.objects.get(user=alice)
    assert signing_panel(congress, alice, rosa)["can_sign"]
    congress_sign(congress_id=congress.pk, user=alice)
    panel = signing_panel(congress, alice, rosa)
    assert not panel["can_sign"] and panel["my_signature"].persona.name == "Rosa Luxemburg"
    newcomer = signing_panel(congress, charlie, Player.objects.get(user=charlie))
    assert not newcomer["can_sign"]
    assert newcomer["why_no_sign"] == "Pick a persona to speak as before you sign the charter."


# The view


def test_signing_redirects_to_the_congress_page_with_a_message(alice_client, congress):
    response = alice_client.post(sign_url(congress))
    assert response.status_code == 302
    assert response["Location"] == f"{congress.get_absolute_url()}#signatures"
    message = [str(m) for m in response.wsgi_request._messages]
    assert message == [
        "You have signed the charter adopted by “The Chicago Congress” as Rosa Luxemburg "
        "(Spartacists)."
    ]
    assert Signature.objects.get().persona.name == "Rosa Luxemburg"


def test_a_double_submit_signs_once(alice_client, congress):
    alice_client.post(sign_url(congress))
    response = alice_client.post(sign_url(congress))
    assert response.status_code == 302
    assert Signature.objects.count() == 1


def test_a_visitor_is_sent_to_log_in_and_back(client, congress):
    response = client.post(sign_url(congress))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert f"/congresses/{congress.pk}/" in response["Location"]
    assert not Signature.objects.exists()


def test_a_refusal_comes_back_as_a_message(alice_client, charter):
    sitting = make_congress(charter, closed=False)
    response = alice_client.post(sign_url(sitting), follow=False)
    assert response.status_code == 302
    assert [str(m) for m in response.wsgi_request._messages] == [
        "You can sign once the congress has closed and the text is fixed."
    ]
    assert not Signature.objects.exists()


def test_a_suspended_player_is_refused_by_the_view_too(client, congress, alice):
    suspend(alice)
    client.force_login(alice)
    response = client.post(sign_url(congress))
    assert response.status_code == 302
    assert not Signature.objects.exists()


def test_the_edition_page_form_comes_back_to_the_edition(alice_client, congress):
    edition = f"/charters/{congress.charter.slug}/edition/"
    assert alice_client.post(sign_url(congress), {"next": edition})["Location"] == edition
    outside = alice_client.post(sign_url(congress), {"next": "https://evil.example/"})
    assert outside["Location"] == f"{congress.get_absolute_url()}#signatures"


def test_signing_is_post_only(alice_client, congress):
    assert alice_client.get(sign_url(congress)).status_code == 405
    assert not Signature.objects.exists()


def test_signing_needs_the_csrf_token(alice, congress):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(sign_url(congress)).status_code == 403
    assert not Signature.objects.exists()


def test_a_congress_of_another_charter_is_not_found(alice_client, congress):
    other = make_charter()
    url = f"/charters/{other.slug}/congresses/{congress.pk}/sign/"
    assert alice_client.post(url).status_code == 404


# Concurrency


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_signs_by_one_player_leave_one_signature():
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL (run it through `make test`).")
    persona = make_persona(name="Emma Goldman")
    user = make_user("emma", persona=persona)
    congresses = [make_congress(make_charter(), title=f"Congress {n}") for n in range(5)]
    tabs = 6
    results: list[tuple[int, int]] = []
    failures: list[str] = []

    def sign(congress_id: int, start: threading.Barrier) -> None:
        try:
            start.wait()
            signature = congress_sign(congress_id=congress_id, user=user)
            results.append((congress_id, signature.pk))
        except Exception as error:  # reported below; a thread must not die silently
            failures.append(repr(error))
        finally:
            connections.close_all()

    # Several rounds, so the inserts really meet on the constraint at least once.
    for congress in congresses:
        start = threading.Barrier(tabs)
        threads = [threading.Thread(target=sign, args=(congress.pk, start)) for _ in range(tabs)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert not failures, failures
    for congress in congresses:
        signatures = Signature.objects.filter(congress=congress, user=user)
        assert signatures.count() == 1
        # Every tab was answered with the one signature.
        assert {pk for cid, pk in results if cid == congress.pk} == {signatures.get().pk}
    assert len(results) == tabs * len(congresses)

"""Rate limits: each refuses with a 429 page that keeps what was typed, and only then."""

import pytest
from django.contrib.auth.models import User

from charter.limits import LIMITS
from charter.models import Clause, Comment, Flag, RevisionMeta, Stance
from tests.conftest import make_clause, sign_up
from tests.forms import form_fields


@pytest.fixture(autouse=True)
def _one_window(frozen_clock):
    return frozen_clock


def per_minute(action: str) -> int:
    return int(LIMITS[action].rates[0].split("/")[0])


def _edit(client, clause, text: str):
    page = client.get(f"{clause.get_absolute_url()}edit/")
    data = {**form_fields(page.text, "clause-form"), "body": text}
    return client.post(f"{clause.get_absolute_url()}edit/", data)


def assert_refused(response, kept: str) -> None:
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert kept in response.content.decode()


def test_edits_stop_at_five_a_minute_and_keep_the_sixth_text(alice_client, clause):
    for n in range(per_minute("revision")):
        assert _edit(alice_client, clause, f"Edit number {n}.").status_code == 302
    response = _edit(alice_client, clause, "The sixth careful text.")
    assert_refused(response, "The sixth careful text.")
    assert "5 revisions in the last minute" in response.text
    assert RevisionMeta.objects.filter(clause=clause).count() == 1 + 5


def test_new_clauses_count_against_the_same_limit(alice_client, clause):
    for n in range(per_minute("revision")):
        _edit(alice_client, clause, f"Edit number {n}.")
    response = alice_client.post(
        f"{clause.charter.get_absolute_url()}clauses/new/",
        {"title": "Another clause", "body": "Kept words of a new clause."},
    )
    assert_refused(response, "Kept words of a new clause.")
    assert not Clause.objects.filter(title="Another clause").exists()


def test_the_edit_limit_is_per_player(client, alice, bob, clause):
    client.force_login(alice)
    for n in range(per_minute("revision") + 1):
        _edit(client, clause, f"Alice edit {n}.")
    client.force_login(bob)
    assert _edit(client, clause, "Bob's turn.").status_code == 302


def test_stances_stop_at_their_limit_and_keep_the_reason(alice_client, clause):
    url = f"{clause.get_absolute_url()}stance/"
    for n in range(per_minute("stance")):
        position = "support" if n % 2 else "oppose"
        assert alice_client.post(url, {"position": position}).status_code == 302
    response = alice_client.post(url, {"position": "abstain", "reason": "My kept reason"})
    assert_refused(response, "My kept reason")
    assert Stance.objects.filter(user__username="alice").count() == per_minute("stance")


def test_previews_stop_at_their_limit(alice_client, clause):
    url = f"{clause.charter.get_absolute_url()}preview/"
    for _ in range(per_minute("preview")):
        assert alice_client.post(url, {"body": "*draft*"}).status_code == 200
    response = alice_client.post(url, {"body": "*draft*"})
    assert response.status_code == 429
    assert "previews resume in" in response.text


def test_flags_stop_at_their_limit_and_keep_the_note(client, alice, clause):
    client.force_login(alice)
    clauses = [make_clause(charter=clause.charter, title=f"C{n}") for n in range(11)]
    for target in clauses[: per_minute("flag")]:
        url = f"{target.get_absolute_url()}flag/"
        assert client.post(url, {"reason": "spam"}).status_code == 302
    url = f"{clauses[-1].get_absolute_url()}flag/"
    response = client.post(url, {"reason": "spam", "details": "My kept note"})
    assert_refused(response, "My kept note")
    assert Flag.objects.count() == per_minute("flag")


def test_sign_ups_from_one_address_are_limited(client, db):
    for n in range(5):
        assert sign_up(client, f"newcomer{n}").status_code == 302
        client.logout()
    response = sign_up(client, "one-too-many")
    assert_refused(response, "one-too-many")
    assert not User.objects.filter(username="one-too-many").exists()
    # Another address may still sign up.
    other = sign_up(client, "elsewhere", meta={"REMOTE_ADDR": "198.51.100.7"})
    assert other.status_code == 302


def _log_in(client, username: str, password: str, ip: str = "127.0.0.1"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_failed_log_ins_back_off_per_user_name_even_for_the_right_password(client, alice):
    for _ in range(10):
        assert _log_in(client, "alice", "wrong").status_code == 200
    response = _log_in(client, "ALICE", "pw-alice")
    assert_refused(response, 'value="ALICE"')
    assert "Too many failed log-ins for this user name" in response.text


def test_the_back_off_ends_by_itself(client, alice, frozen_clock):
    for _ in range(10):
        _log_in(client, "alice", "wrong")
    assert _log_in(client, "alice", "pw-alice").status_code == 429
    frozen_clock(16 * 60)
    assert _log_in(client, "alice", "pw-alice").status_code == 302


def test_failed_log_ins_back_off_per_address_across_user_names(client, alice, db):
    for n in range(30):
        _log_in(client, f"guess{n}", "wrong", ip="203.0.113.9")
    assert _log_in(client, "alice", "pw-alice", ip="203.0.113.9").status_code == 429
    # The real user, from their own address, is not locked out.
    assert _log_in(client, "alice", "pw-alice", ip="192.0.2.44").status_code == 302


def test_successful_log_ins_are_never_counted(client, alice):
    for _ in range(15):
        assert _log_in(client, "alice", "pw-alice").status_code == 302
        client.logout()


def test_limits_can_be_switched_off_for_benchmarks(client, alice, clause, settings):
    settings.RATELIMIT_ENABLE = False
    client.force_login(alice)
    for n in range(per_minute("comment") + 3):
        response = client.post(f"{clause.get_absolute_url()}comments/", {"body": f"Point {n}"})
        assert response.status_code == 302
    assert Comment.objects.count() == per_minute("comment") + 3


@pytest.mark.parametrize("action", sorted(LIMITS))
def test_every_limit_has_a_message_for_people(action):
    limit = LIMITS[action]
    assert limit.rates and "{wait}" in limit.refusal

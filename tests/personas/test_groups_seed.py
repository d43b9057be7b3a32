"""The demo has a player group, so the feature shows from the first `make demo`."""

from django.core.management import call_command

from charter.models import Stance
from personas.models import PlayerGroup


def test_seed_demo_creates_the_spartacus_group_once_with_a_stance_changing_hands(seeded):
    call_command("seed_demo", verbosity=0)
    group = PlayerGroup.objects.get()
    assert (group.name, group.persona.slug, group.founder.username) == (
        "Spartacus group",
        "rosa-luxemburg",
        "alice",
    )
    members = group.memberships.current().values_list("user__username", flat=True)
    assert sorted(members) == ["alice", "grace"]
    voices = Stance.objects.filter(group=group, clause__title="Against war and chauvinism")
    assert [(s.user.username, s.is_current) for s in voices.order_by("created_at", "pk")] == [
        ("alice", False),
        ("grace", True),
    ]
    before = Stance.objects.count()
    call_command("seed_demo", verbosity=0)
    assert PlayerGroup.objects.count() == 1 and Stance.objects.count() == before

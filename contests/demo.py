"""The demo's contest: "2100", with two stories by demo players, through the real services.

`seed_demo` calls `open_demo_contest` after creating the demo players; it
does nothing when the contest is already there (idempotent). The stories
are written for this project, in the voices of the personas who tell them.
"""

from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from contests import services
from contests.models import Contest

THEME = "2100"
SLUG = "2100"
ENTRIES_OPEN_FOR = timedelta(days=21)
VOTING_LASTS = timedelta(days=14)

RULES = """\
Let's play 2100! Instead of arguing over whose line is correct, show it: tell
the story of how your tendency's road leads to a new society, and what daily
life there looks like in the year 2100.

- Write in persona, as the radical you play, in your own words.
- A story, not a manifesto: people, places, a morning's work, a quarrel settled.
- Keep it short: a few pages at most.
- Each player enters one story and has three votes for the stories of *other*
  circles. The story that moves the most circles wins.
"""

STORIES = {
    "frank": (
        "A Morning at the Hammersmith Guild, 2100",
        """\
I woke in my old house by the river, or in what had become of it, and found the
Thames running so clear that a boy was swimming off the steps where the coal
barges used to foul the water black. Nobody asked me for money at the ferry;
the ferryman said he rowed three mornings a week because he liked the river at
that hour, and that on the other mornings he carved bench-ends for the new
hall at Kew.

The hall was the pride of the district. Forty people had built it over two
summers, and every one of them could show me the part of it they had made:
the weaver her hangings, the smith his hinges shaped like hop-vines, the
schoolchildren the tiles of the porch, each tile a different bird. "Was it
not slow?" I asked. "Slow?" said the smith. "We were not racing anyone. A
thing made in a hurry is a thing made twice."

I asked how they had come to this, and an old woman told me it had not been
one great day but a long patience. The unions of the last century had learned
to run the works they struck; the towns had taken back the land along the
river; the schools had begun teaching every child a craft beside their
letters. When the great firms failed, there were people ready who knew how
to make things and liked making them. "We kept the machines," she said, "but
we made them our servants, and sent the dull work to them."

That evening we ate together in the unfinished hall, under the hop-vine
hinges, and nobody could tell me who was a master and who a labourer, for the
words had gone out of use. I went to sleep meaning to write it all down, and
here it is, such as a guildsman of 1890 could manage.
""",
    ),
    "erin": (
        "The Night the Councils Kept the Lights On",
        """\
I still watch the sky, as I did at the Leiden observatory, and in 2100 the sky
over Amsterdam is dark enough to see the Milky Way from the Dam. That darkness
is the first thing I would show a visitor, because it was decided, like
everything here, by the people who make the light: the power workers' council
proposed it, the districts argued it over a winter, and the street lamps were
turned down to what a walker needs.

It began in the hard years of the thirties, when the grid failed three winters
running and the companies sent out letters about prices. The linemen and the
plant crews did not wait for a party to save them. They met in the depots,
elected delegates who could be recalled the next morning, and kept the
current flowing to hospitals and homes while the owners were still counting.
Other trades followed: the bakers, the tram drivers, the nurses. No leader
gave the signal. The signal was the work itself.

Today every workplace sends its delegates to the district council, and the
districts to the regional ones, up to the council of the North Sea coasts,
which plans the wind parks with the councils of four countries that no
longer much care about their borders. Nobody sits in a council for long;
nobody is paid more for sitting there. The plan is published in hours of
labour, so that anyone can check it, and anyone does.

Is it perfect? No. The councils quarrel, and last spring the dockers recalled
half their delegates in a week. But when a mistake is made, it is ours, and we
learn from it. That was always the point: not to be governed well, but to
govern ourselves. Come and see the stars.
""",
    ),
}


def open_demo_contest(*, moderator: User, players: dict[str, User]) -> bool:
    """Open the demo contest with its two stories; False if it is already there."""
    if Contest.objects.filter(slug=SLUG).exists():
        return False
    now = timezone.now()
    contest = services.contest_open(
        user=moderator,
        theme=THEME,
        rules=RULES,
        entries_close_at=now + ENTRIES_OPEN_FOR,
        votes_close_at=now + ENTRIES_OPEN_FOR + VOTING_LASTS,
    )
    for username, (title, body) in STORIES.items():
        author = players[username]
        entry = services.entry_create(contest_id=contest.pk, user=author, title=title, body=body)
        services.entry_submit(entry_id=entry.pk, user=author, revision_number=entry.revision_number)
    return True

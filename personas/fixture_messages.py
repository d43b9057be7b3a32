# ruff: noqa: E501  (each message is one line, as the fixture holds it)
"""The seeded circles' names and descriptions, for the message catalogues.

Circles live in the database (fixtures/tendencies.json), so makemessages
cannot find their text in code; these no-op markers put it in the .po files
and `Tendency.label` and `Tendency.blurb` look it up. tests/personas
checks this list against the fixture.
"""

from django.utils.translation import gettext_noop

TENDENCY_MESSAGES = (
    gettext_noop("Peasant and early-modern rebels"),
    gettext_noop(
        "Preachers, diggers and insurgents from the fourteenth to the eighteenth century who challenged serfdom, enclosure and privilege in the name of common ownership and equality."
    ),
    gettext_noop("Radical democrats"),
    gettext_noop(
        "Pamphleteers and campaigners of the age of the American and French revolutions who demanded popular sovereignty, the rights of man and the rights of woman."
    ),
    gettext_noop("American radicals"),
    gettext_noop(
        "Abolitionists, labour organisers and socialists in the United States who fought slavery, wage exploitation and war between the 1840s and the 1920s."
    ),
    gettext_noop("Utopian socialists"),
    gettext_noop(
        "Designers of model communities and imagined commonwealths who hoped to replace competition with association, cooperation and pleasure in work."
    ),
    gettext_noop("Anarchists"),
    gettext_noop(
        "Opponents of both capital and the state who organised for federations of free producers, mutual aid and direct action."
    ),
    gettext_noop("Marxists (Marx and Engels)"),
    gettext_noop(
        "The founders of historical materialism, who held that the emancipation of the working class must be the work of the working class itself."
    ),
    gettext_noop("Spartacists"),
    gettext_noop(
        "The revolutionary internationalist wing of German social democracy that opposed the First World War and founded the Communist Party of Germany at the turn of 1918–19."
    ),
    gettext_noop("Council communists"),
    gettext_noop(
        "Left communists who rejected parliamentary tactics and party rule and looked to workers' councils as the organs of a self-managed society."
    ),
    gettext_noop("Critical socialists"),
    gettext_noop(
        "Independent Marxist thinkers and organisers who joined revolutionary commitment to sharp criticism of dogma and of authoritarian practice."
    ),
    gettext_noop("Workers' Opposition"),
    gettext_noop(
        "A current in the Russian Communist Party in 1920–22 that wanted the unions and the workers themselves, not appointed officials, to run the economy."
    ),
    gettext_noop("Left Opposition"),
    gettext_noop(
        "The Bolshevik opposition formed in 1923 against bureaucratisation and later against Stalin's rule, whose members faced expulsion, prison, exile and execution."
    ),
    gettext_noop("Post-Trotskyists and libertarian Marxists"),
    gettext_noop(
        "Thinkers who moved beyond orthodox Trotskyism or Leninism to develop theories of state capitalism, workers' self-management and socialism from below."
    ),
    gettext_noop("Global justice movements"),
    gettext_noop(
        "Networks of the late twentieth and early twenty-first centuries that opposed neoliberal globalisation, debt and the enclosure of the commons."
    ),
)

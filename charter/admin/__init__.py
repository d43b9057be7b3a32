"""The moderation panel.

Moderators change nothing through admin forms: every change goes through a
moderation service (charter.services.moderation), which checks the role,
versions clause texts with our revision bookkeeping and writes the audit log.
Admin change pages are therefore read-only, and actions open a confirmation
page that asks for the reason.
"""

from charter.admin import clauses, discussion, log, players, queue
from charter.admin.base import ActionsOnlyAdmin, Outcome, Step, log_entries_html, run_each

__all__ = [
    "ActionsOnlyAdmin",
    "Outcome",
    "Step",
    "clauses",
    "discussion",
    "log",
    "log_entries_html",
    "players",
    "queue",
    "run_each",
]

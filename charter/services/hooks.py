"""Side effects that follow a committed change (notifications and the like).

Kept apart so the revision service does not depend on the discussion code.
"""

import logging

logger = logging.getLogger(__name__)


def revision_saved(meta_pk: int) -> None:
    """Called after a clause revision commits."""
    from charter.services.discussion import revision_notify

    try:
        revision_notify(meta_pk=meta_pk)
    except Exception:
        # The edit is already committed; a failed notification must not turn
        # the editor's successful save into an error page.
        logger.exception("Notifying watchers of revision meta %s failed", meta_pk)

"""Side effects that follow a committed change (notifications and the like).

Kept apart so the revision service does not depend on the discussion code.
"""


def revision_saved(meta_pk: int) -> None:
    """Called after a clause revision commits."""

"""Operations on the charter: each owns its transaction and side effects.

Split by sub-domain: `revisions` (editing and history), and further modules
for discussion, stances and moderation.
"""

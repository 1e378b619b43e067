"""
Recording and reading game masters' changes.

Every game-master action (a command in game or an edit in Django's admin) is written with
`record()` inside the same transaction as the change itself, so the log never claims a
change that was rolled back, nor misses one that was kept.
"""

from world.gamemaster.models import AuditEntry


def record(actor, action, target="", before=None, after=None):
    """
    Write one audit entry.

    Args:
        actor (Account, Object, str or None): Who made the change (an account or puppet, or a
            name such as "web admin"); None for the game itself.
        action (str): What was done, a short verb phrase ("zone holder", "squad create").
        target (str): What it was done to.
        before (JSON-able, optional): The state before.
        after (JSON-able, optional): The state after.

    Returns:
        AuditEntry: The saved entry.
    """
    account = getattr(actor, "account", None) or actor
    name = getattr(account, "key", None) or (str(actor) if actor else "system")
    actor_id = getattr(account, "id", None)
    return AuditEntry.objects.create(
        actor=name[:80],
        actor_id=actor_id,
        action=action[:64],
        target=str(target)[:120],
        before=before,
        after=after,
    )


def recent(limit=20, action=None, actor=None):
    """
    Args:
        limit (int): How many entries at most (newest first).
        action (str, optional): Only this action.
        actor (str, optional): Only this actor's name (case-insensitive).

    Returns:
        list of AuditEntry: The entries.
    """
    entries = AuditEntry.objects.all()
    if action:
        entries = entries.filter(action=action)
    if actor:
        entries = entries.filter(actor__iexact=actor)
    return list(entries[: max(1, min(int(limit), 500))])

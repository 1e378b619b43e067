"""Writing and reading an account's memories."""

from world.memories.models import Memory, MemoryKind


def remember(account, kind, timeline, text, **details):
    """
    Args:
        account (Account): Whose memory.
        kind (MemoryKind): What sort of memory.
        timeline (int): The timeline it comes from.
        text (str): What the player reads, one or two sentences.
        **details: JSON-able facts behind it.

    Returns:
        Memory: The saved memory.
    """
    return Memory.objects.create(
        account_id=account.id,
        account_name=account.key,
        timeline=timeline,
        kind=MemoryKind(kind),
        text=text,
        details=details,
    )


def memories_of(account, kind=None, before_timeline=None):
    """
    Args:
        account (Account): Whose memories.
        kind (MemoryKind, optional): Only this kind.
        before_timeline (int, optional): Only memories from timelines before this one.

    Returns:
        list of Memory: Oldest first.
    """
    found = Memory.objects.filter(account_id=account.id)
    if kind:
        found = found.filter(kind=kind)
    if before_timeline is not None:
        found = found.filter(timeline__lt=before_timeline)
    return list(found)

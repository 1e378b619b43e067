"""
Participants in the Second Chance: every pillar whose state belongs to the world of a
timeline takes part in the rollback through this registry.

A participant has three parts, all given the same `RollbackContext`:

- `plan(ctx)` reads what is there now and returns a `Section`: the lines a game master reads
  in the dry run (what is reset, what is kept) and the data `reset` will apply. It changes
  nothing. The dry run and the real run both start here, so what the dry run shows is what
  the real run does.
- `reset(ctx, section)` runs INSIDE the rollback's one database transaction and applies the
  section with database writes only (querysets, rows of its own tables). It must not touch
  in-memory state (Evennia's object cache, services, timers), send messages or write files:
  if a later participant fails, the transaction rolls back and nothing else would.
- `after_commit(ctx, section)` (optional) runs once the transaction has committed: it brings
  in-memory state in line with the database (caches, services) and tells players. A crash
  before it runs leaves a database that is already whole; the next start loads from it.

A section may also carry `chronicle`, a dict merged into the ended timeline's chronicle entry
(the raids pillar gives `raids` and `top_raiders` this way).

Participants run in `order` (lower first), then by name. The raids (50), the war (100) and
the player ninja (200) are registered in one place, `world.timeline.rollback`; a new pillar's
part is added there beside them. Registering a name again replaces it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from world.ninja.refusal import Refusal


class RollbackError(Refusal, RuntimeError):
    """The rollback cannot be planned (a participant's plan says why, for the game master)."""


@dataclass
class RollbackContext:
    """
    What every participant knows about the Second Chance under way.

    Args:
        now (float): Wall time of the rollback (the new timeline starts at it).
        old_timeline (int): The timeline that ends.
        new_timeline (int): The timeline that begins.
        epoch (str): The epoch it returns to ("exams").
        start_room_id (int): The stable id of the epoch's start room.
        cause (str): Why (a `models.Cause` value).
        reason (str): Why, as players read it.
        actor (Account or Object or None): Who asked (a game master, the ritual's performer).
        ownership (owners.Ownership): Every account and its ninja, read once for all.
        memories (list): The memories the rollback will write (`rollback.NewMemory`), so
            legacies can count them before they exist.
        sections (dict): Participant name -> its Section, filled as the plan is made.
        applied (dict): Participant name -> what its `reset` wrote, for its `after_commit`.
    """

    now: float
    old_timeline: int
    new_timeline: int
    epoch: str
    start_room_id: int
    cause: str
    reason: str
    actor: Any = None
    ownership: Any = None
    memories: list = field(default_factory=list)
    sections: dict = field(default_factory=dict)
    applied: dict = field(default_factory=dict)


@dataclass
class Section:
    """
    One participant's part of the plan.

    Args:
        title (str): A heading for the report.
        resets (list of str): What will be reset, one line each.
        keeps (list of str): What will be kept, one line each.
        data (Any): What `reset` applies (the participant's own structure).
        chronicle (dict): Fields merged into the chronicle entry.
    """

    title: str
    resets: list = field(default_factory=list)
    keeps: list = field(default_factory=list)
    data: Any = None
    chronicle: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Participant:
    """
    Args:
        name (str): A short unique name (also names its crash step, `after:<name>`).
        plan (callable): plan(ctx) -> Section.
        reset (callable): reset(ctx, section), inside the transaction.
        after_commit (callable, optional): after_commit(ctx, section), after the commit.
        order (int): Lower runs first.
    """

    name: str
    plan: Callable
    reset: Callable
    after_commit: Callable | None = None
    order: int = 50


class Registry:
    """The participants of the Second Chance."""

    def __init__(self):
        self._participants = {}

    def register(self, participant):
        """
        Args:
            participant (Participant): Added, or replacing the one of the same name.
        """
        self._participants[participant.name] = participant

    def unregister(self, name):
        """Remove a participant (tests; a pillar switched off)."""
        self._participants.pop(name, None)

    def ordered(self):
        """Returns: list of Participant: in the order they run."""
        return sorted(self._participants.values(), key=lambda p: (p.order, p.name))

    def names(self):
        """Returns: list of str: participant names in the order they run."""
        return [p.name for p in self.ordered()]


REGISTRY = Registry()


def register(participant):
    """Register a participant with the game's registry (see the module docstring)."""
    REGISTRY.register(participant)

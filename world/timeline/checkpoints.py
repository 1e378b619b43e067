"""
The rollback's named steps (checkpoints), and the hook each one calls.

Every step of the rollback calls `reach(step)`, which calls the hook named by the setting
`TIMELINE_CHECKPOINT_HOOK` (a dotted path to a callable taking the step), or nothing when
it is unset, as in production. The crash test's servers set it to a hook that kills the
process at the step it is armed for (`harness.crash_hook`), so the crash test reaches every
step of a real rollback while the game itself holds no test code.

Steps, in the order the rollback reaches them (`steps()` lists them for the participants
registered):
  before_backup, after_backup, then inside the transaction after:<participant> for each
  participant and before_commit, then after_commit (committed, nothing told yet) and
  after_side_effects (caches brought in line, players told).
"""

from enum import StrEnum
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string


class Step(StrEnum):
    BEFORE_BACKUP = "before_backup"
    AFTER_BACKUP = "after_backup"
    BEFORE_COMMIT = "before_commit"
    AFTER_COMMIT = "after_commit"
    AFTER_SIDE_EFFECTS = "after_side_effects"


def after(participant):
    """
    Args:
        participant (str): A participant's name.

    Returns:
        str: The step right after that participant's reset, inside the transaction.
    """
    return f"after:{participant}"


def steps(participant_names):
    """
    Args:
        participant_names (iterable of str): The participants, in the order they run.

    Returns:
        list of str: Every step of a rollback, in order.
    """
    return [
        Step.BEFORE_BACKUP,
        Step.AFTER_BACKUP,
        *(after(name) for name in participant_names),
        Step.BEFORE_COMMIT,
        Step.AFTER_COMMIT,
        Step.AFTER_SIDE_EFFECTS,
    ]


@cache
def _hook(path):
    return import_string(path)


def reach(step):
    """
    The rollback has reached `step`: call the configured hook, if any.

    Args:
        step (str): The step.
    """
    path = getattr(settings, "TIMELINE_CHECKPOINT_HOOK", None)
    if path:
        _hook(path)(step)

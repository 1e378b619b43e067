"""
The rollback's named steps, and a test-only hook that kills the server at one of them.

The crash test needs to kill the server with -9 at every step of the rollback, so each step
calls `reach(step)`. It does nothing unless the setting `TIMELINE_CRASH_HOOK_ENABLED` is
True (only test servers set it) AND the environment variable `SC_CRASH_AT` names the step;
then the process sends itself SIGKILL, as a crash would, with no clean-up of any kind. The
variable is read at each step, so a test can set it inside the running server (with the
game master's `py`) and a restarted server, which inherits the portal's environment, does
not crash again.

Steps, in the order the rollback reaches them (`steps()` lists them for the participants
registered):
  before_backup, after_backup, then inside the transaction after:<participant> for each
  participant and before_commit, then after_commit (committed, nothing told yet) and
  after_side_effects (caches brought in line, players told).
"""

import os
import signal
from enum import StrEnum

from django.conf import settings
from evennia.utils import logger

ENV_VAR = "SC_CRASH_AT"


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


def reach(step):
    """
    The rollback has reached `step`: on a test server told to crash here, die at once.

    Args:
        step (str): The step.
    """
    if not getattr(settings, "TIMELINE_CRASH_HOOK_ENABLED", False):
        return
    if os.environ.get(ENV_VAR) == str(step):
        logger.log_warn(f"Second Chance: crash hook killing the server at {step}")
        os.kill(os.getpid(), signal.SIGKILL)

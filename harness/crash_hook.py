"""
A rollback checkpoint hook that crashes the server, for the crash test's servers only.

The crash test sets `TIMELINE_CHECKPOINT_HOOK = "harness.crash_hook.crash_if_armed"` in its
server's settings, then arms a step by setting the environment variable `SC_CRASH_AT` inside
the running server (with the game master's `py`). At that step the process sends itself
SIGKILL, as a crash would, with no clean-up of any kind. The variable is read at each step,
so a restarted server, which inherits the portal's environment, does not crash again.
"""

import os
import signal

ENV_VAR = "SC_CRASH_AT"


def crash_if_armed(step):
    """
    Args:
        step (str): The rollback step reached (world.timeline.checkpoints).
    """
    if os.environ.get(ENV_VAR) == str(step):
        print(f"Second Chance: crash hook killing the server at {step}", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

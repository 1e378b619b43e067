"""
Where the game's server spends its time during a phase: py-spy samples the running server
process (without pausing it) and writes collapsed stacks, summarised here as the functions
with the most samples, on their own ("self") and with what they call ("total").

py-spy (pinned in requirements-dev.txt) samples the server for `--profile`.
"""

import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

# py-spy names files by their path under sys.path: these are the game's own code (the rest
# is Evennia, Django, Twisted and the standard library).
OUR_FOLDERS = ("commands/", "world/", "typeclasses/", "server/", "web/")


def py_spy():
    """Returns: str or None: The py-spy executable beside this Python, or on PATH."""
    beside = Path(sys.executable).with_name("py-spy")
    return str(beside) if beside.exists() else shutil.which("py-spy")


class Sampler:
    """
    py-spy recording one process for a while.

    Args:
        pid (int): The process.
        seconds (float): How long.
        output (Path): Where the collapsed stacks go.
    """

    def __init__(self, pid, seconds, output):
        executable = py_spy()
        if executable is None:
            raise RuntimeError("--profile needs py-spy: .venv/bin/pip install -r requirements-dev.txt")
        self.output = Path(output)
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [
                executable,
                "record",
                "--pid",
                str(pid),
                "--duration",
                str(max(1, int(seconds))),
                "--rate",
                "200",
                "--nonblocking",
                "--format",
                "raw",
                "--output",
                str(self.output),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def finish(self, top=15):
        """
        Wait for the recording and summarise it.

        Returns:
            dict: "samples", "self" and "total" (lists of [function, share of samples]),
                "ours_total" (the same, for the game's own functions only), "file".
        """
        try:
            _out, err = self.process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _out, err = self.process.communicate()
        if not self.output.exists():
            return {"error": (err or "py-spy wrote nothing")[-500:]}
        return summarise(self.output.read_text().splitlines(), top) | {"file": str(self.output)}


def _frame_name(frame):
    # py-spy raw frames look like "function (path/to/file.py:123)"; keep function and file.
    name, _, where = frame.partition(" (")
    path = where.rsplit(":", 1)[0]
    short = "/".join(path.split("/")[-2:])
    return f"{name} ({short})", path


def summarise(lines, top=15):
    """
    Args:
        lines (list of str): Collapsed stacks, "frame;frame;...;frame count".
        top (int): How many functions to keep in each list.

    Returns:
        dict: See Sampler.finish.
    """
    own, total, ours = Counter(), Counter(), Counter()
    samples = 0
    for line in lines:
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        count = int(count)
        samples += count
        frames = [_frame_name(f) for f in stack.split(";") if f]
        if not frames:
            continue
        own[frames[-1][0]] += count
        seen = set()
        for name, path in frames:
            if name in seen:
                continue
            seen.add(name)
            total[name] += count
            if path.startswith(OUR_FOLDERS):
                ours[name] += count

    def shares(counter):
        return [[name, count / samples] for name, count in counter.most_common(top)] if samples else []

    return {"samples": samples, "self": shares(own), "total": shares(total), "ours_total": shares(ours)}

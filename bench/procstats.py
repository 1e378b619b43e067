"""
CPU time and memory of processes, read from /proc: the game's server and portal, and the
benchmark itself (its bots share the machine's cores with the game, so their cost is shown).
"""

import os
import resource
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """
    Args:
        pid (int or None): A process id; None for this process (all its threads).

    Returns:
        float or None: User plus system CPU seconds used so far; None if it is gone.
    """
    if pid is None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    # After the command name: state is field 3, utime 14 and stime 15 (1-based, man proc).
    return (int(fields[11]) + int(fields[12])) / _TICKS


def memory_mb(pid):
    """
    Returns:
        tuple: (resident MB now, peak resident MB since it started), or (None, None).
    """
    try:
        status = Path(f"/proc/{pid or 'self'}/status").read_text()
    except OSError:
        return None, None
    values = {}
    for line in status.splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values.get("VmRSS"), values.get("VmHWM")


class Usage:
    """
    CPU used by some processes between `start()` and `stop()`, and their peak memory.

    Args:
        pids (dict): Label -> pid (None for this process).
    """

    def __init__(self, pids):
        self.pids = dict(pids)
        self._start = {}
        self._wall = None
        self.peak_rss = dict.fromkeys(self.pids, 0.0)
        self.result = {}

    def start(self, wall):
        self._wall = wall
        self._start = {label: cpu_seconds(pid) for label, pid in self.pids.items()}
        self.sample()

    def sample(self):
        """Note each process's resident memory (call it now and then during the run)."""
        for label, pid in self.pids.items():
            rss, _peak = memory_mb(pid)
            if rss is not None:
                self.peak_rss[label] = max(self.peak_rss[label], rss)

    def stop(self, wall):
        """
        Returns:
            dict: Label -> {"cpu_s", "cpu_share" (of one core), "peak_rss_mb", "lifetime_peak_rss_mb"}.
        """
        self.sample()
        seconds = max(1e-9, wall - self._wall)
        for label, pid in self.pids.items():
            now, before = cpu_seconds(pid), self._start.get(label)
            used = now - before if now is not None and before is not None else None
            self.result[label] = {
                "cpu_s": used,
                "cpu_share": used / seconds if used is not None else None,
                "peak_rss_mb": self.peak_rss[label] or None,
                "lifetime_peak_rss_mb": memory_mb(pid)[1],
            }
        return self.result

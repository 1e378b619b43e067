"""
How every benchmark reports: aligned text tables for people, then the same figures as one
line of JSON (the last line of the output) for tools and the smoke tests, optionally also
written to a file.
"""

import json
import math
import os
import platform
import signal
import sys
import time
from pathlib import Path

from harness.database import postgres_url


def percentile(values, share):
    """
    Args:
        values (list of float): Samples (any order).
        share (float): 0 to 1, e.g. 0.99.

    Returns:
        float or None: The nearest-rank percentile, None without samples.
    """
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def cell(value):
    """A table cell: numbers rounded for reading, None as a dash."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value == 0:
            return "0"
        if abs(value) >= 100:
            return f"{value:,.0f}"
        if abs(value) >= 1:
            return f"{value:.2f}"
        return f"{value:.3g}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def format_table(title, headers, rows):
    """
    Args:
        title (str): Printed above the table.
        headers (list of str): Column names.
        rows (list of list): Cells (numbers are formatted by `cell`).

    Returns:
        str: The table; the first column left-aligned, the others right-aligned.
    """
    text = [[cell(value) for value in row] for row in rows]
    widths = [
        max(len(str(h)), *(len(r[i]) for r in text)) if text else len(str(h)) for i, h in enumerate(headers)
    ]

    def line(cells):
        return "  ".join(
            str(c).ljust(w) if i == 0 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([title, line(headers), rule, *(line(r) for r in text)])


def machine():
    """Returns: dict: What the figures were measured on (the load shows a shared machine)."""
    try:
        load = [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    except OSError:
        load = None
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average_at_start": load,
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        # our games' database (harness.database): PostgreSQL when DATABASE_URL names one
        "database": "postgresql" if postgres_url() else "sqlite",
    }


_STARTED = time.monotonic()


def progress(message):
    """Say what the benchmark is doing, on stderr (the figures go to stdout)."""
    print(f"[{time.monotonic() - _STARTED:7.1f} s] {message}", file=sys.stderr, flush=True)


def stop_on_sigterm():
    """
    Turn SIGTERM (e.g. from `timeout`) into SystemExit, so the games started get stopped.
    Later ones are ignored: `timeout` signals the process and then its whole process group,
    and a second exit would cut the stopping short.
    """

    def exit_once(_signum, _frame):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        sys.exit(143)

    signal.signal(signal.SIGTERM, exit_once)


def emit(result, tables, json_path=None, out=sys.stdout):
    """
    Print the tables, then the result as one JSON line; also write it to `json_path`.

    Args:
        result (dict): JSON-able figures.
        tables (list of str): Formatted tables (see `format_table`).
        json_path (str or Path, optional): File to write the JSON to as well.
    """
    for table in tables:
        print(table, end="\n\n", file=out)
    line = json.dumps(result, sort_keys=True)
    print(line, file=out, flush=True)
    if json_path:
        Path(json_path).write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")

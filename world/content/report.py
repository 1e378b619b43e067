"""
The content report: every data file of the game validated at once, and what it holds counted.

The kit is the lowest layer, so it cannot import the pillars that own the data. It reads a
registry instead (`data/sources.yaml`): each source is a pillar's own check, named
`module:function` and imported by name when the report runs. A check takes the game's root
folder, reads its pillar's files under it through the pillar's own loaders, and returns
`Findings`: counts by name (summed over sources, so two pillars may both count `items`) and
every `ContentError` it met. A check goes on past a bad file where its loaders are separate
(one error per file at least, every error where a loader collects them). A check that
breaks in another way is reported as an error of the registry, never as a traceback.

`run()` gives a `Report`; `python -m world.content [--json]` prints it and exits 1 when
there is any error (one line `file: key path: what is wrong` each), else 0.
"""

import argparse
import importlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from world.content.errors import ContentError
from world.content.reader import read_file

ROOT = Path(__file__).resolve().parents[2]
SOURCES = Path(__file__).parent / "data" / "sources.yaml"


@dataclass(frozen=True)
class Problem:
    """One error of one data file, where the report can name the file by its path."""

    file: str
    path: str
    problem: str

    def line(self):
        """Returns: str: `file: key path: what is wrong` (no key path for a whole file)."""
        return f"{self.file}: {self.path}: {self.problem}" if self.path else f"{self.file}: {self.problem}"


@dataclass
class Findings:
    """
    What one source's check found.

    Args:
        counts (dict): name -> how many (techniques, zones, ...).
        errors (list): (ContentError, folder it came from or None) pairs.
    """

    counts: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)

    def check(self, folder, load, *args, **kwargs):
        """
        Run a loader, keeping its ContentError instead of raising it.

        Args:
            folder (Path or None): Where the loader's files are (to name them by path).
            load (callable): The loader, called with the other arguments.

        Returns:
            What the loader returned, or None if it raised a ContentError.
        """
        try:
            return load(*args, **kwargs)
        except ContentError as error:
            self.errors.append((error, folder))
            return None

    def add(self, name, number):
        """Count `number` more of `name`."""
        self.counts[name] = self.counts.get(name, 0) + int(number)


@dataclass
class Report:
    """The whole report: counts, the headline names, the errors, and the sources run."""

    counts: dict
    headline: tuple
    problems: list
    sources: tuple

    @property
    def ok(self):
        return not self.problems

    def to_dict(self):
        """Returns: dict: the report as JSON-able data (a headline count no source gave is None)."""
        return {
            "ok": self.ok,
            "errors": [problem.line() for problem in self.problems],
            "counts": {name: self.counts.get(name) for name in self.headline},
            "other_counts": {k: v for k, v in sorted(self.counts.items()) if k not in self.headline},
            "sources": list(self.sources),
        }

    def text(self):
        """Returns: str: the report as the command prints it, errors first."""
        lines = [problem.line() for problem in self.problems]
        lines.append(f"Content report: {len(self.sources)} sources, {len(self.problems)} errors.")
        width = max(len(name) for name in [*self.headline, *self.counts])
        for name in self.headline:
            value = self.counts.get(name)
            lines.append(f"  {name:<{width}}  {'missing' if value is None else value}")
        others = [f"{k} {v}" for k, v in sorted(self.counts.items()) if k not in self.headline]
        if others:
            lines.append("  also: " + ", ".join(others))
        return "\n".join(lines)


def data_folder(root, module_file):
    """
    Args:
        root (Path): The game's root folder the report reads.
        module_file (str): A pillar module's `__file__`.

    Returns:
        Path: That pillar's `data/` folder under `root`.
    """
    package = Path(module_file).resolve().parent
    return Path(root) / package.relative_to(ROOT) / "data"


def _name_file(error, folder, root):
    """The error's file by its path under the root when it can be found, else its name."""
    candidates = [Path(folder) / error.source] if folder else []
    if not candidates or not candidates[0].exists():
        candidates = sorted((root / "world").glob(f"**/data/**/{error.source}"))
    if len(candidates) == 1 and candidates[0].exists():
        try:
            return str(candidates[0].resolve().relative_to(root.resolve()))
        except ValueError:
            return str(candidates[0])
    return error.source


def _load_sources(path):
    top = read_file(path).only(("sources", "headline"), ("sources", "headline"))
    return top, top.texts("sources"), top.texts("headline")


def _entry_point(spec):
    module, _, name = spec.partition(":")
    if not module or not name:
        raise ValueError("must be module:function")
    return getattr(importlib.import_module(module), name)


def run(root=ROOT, sources=SOURCES):
    """
    Validate every data file and count what they hold.

    Args:
        root (Path): The game's root folder (a copy of it, in tests).
        sources (Path): The registry of checks.

    Returns:
        Report: The counts and every error.
    """
    root = Path(root)
    try:
        top, specs, headline = _load_sources(sources)
    except ContentError as error:
        return Report({}, (), [Problem(error.source, error.path, error.problem)], ())
    counts, problems = {}, []
    for index, spec in enumerate(specs):
        where = f"sources.#{index + 1}"
        try:
            findings = _entry_point(spec)(root)
        except ContentError as error:  # a check that lets its loader's error through
            findings = Findings(errors=[(error, None)])
        except Exception as error:  # a broken check is reported as a line, never as a traceback
            problems.append(Problem(top.source, where, f"{spec} failed ({type(error).__name__}: {error})"))
            continue
        for name, number in findings.counts.items():
            counts[name] = counts.get(name, 0) + number
        for error, folder in findings.errors:
            problem = Problem(_name_file(error, folder, root), error.path, error.problem)
            if problem not in problems:  # two loaders reading the same file meet its error twice
                problems.append(problem)
    return Report(counts, tuple(headline), problems, tuple(specs))


def main(argv=None):
    """
    The command line: print the report (`--json` as JSON), exit 1 on any error.

    Args:
        argv (list of str, optional): The arguments (sys.argv's by default).

    Returns:
        int: The exit status.
    """
    parser = argparse.ArgumentParser(prog="python -m world.content", description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--root", type=Path, default=ROOT, help="the game's root folder (default: this game)")
    args = parser.parse_args(argv)
    report = run(args.root)
    print(json.dumps(report.to_dict(), indent=2) if args.json else report.text())
    return 0 if report.ok else 1

"""
The Second Chance's content as data: the forbidden jutsu (`data/ritual.yaml`), how the
countdown is announced (`data/countdown.yaml`) and what memories give (`data/carryover.yaml`).

Loading validates everything through the data-file kit (world/content), whose `ContentError`
names the file and the key path;
the shipped files are loaded once per process (`ritual()`, `countdown()`, `carryover()`).
"""

import functools
from dataclasses import dataclass
from pathlib import Path

from world.combat.catalog import get_catalog
from world.content.reader import read_file
from world.memories.models import MemoryKind
from world.ninja.ranks import Rank, parse_rank

DATA_DIR = Path(__file__).parent / "data"


def _normal(text):
    return str(text).strip().lower()


# ---------------------------------------------------------------------------- the ritual


@dataclass(frozen=True)
class Ritual:
    """
    Args:
        name (str): The jutsu's name.
        zone (str): Zone key where it can be woven.
        seconds_per_seal (float): Time allowed for each seal.
        seals (dict): Seal key -> the other names a player may type for it.
        sequence (tuple): The chain of seal keys.
        scroll (str): What the scroll says before it shows the chain.
    """

    name: str
    zone: str
    seconds_per_seal: float
    seals: dict
    sequence: tuple
    scroll: str

    def find_seal(self, text):
        """
        Args:
            text (str): A seal as a player types it ("Tiger", "tora").

        Returns:
            str or None: The seal's key.
        """
        wanted = _normal(text)
        for key, aliases in self.seals.items():
            if wanted == key or wanted in aliases:
                return key
        return None

    def seal_name(self, key):
        """Returns: str: A seal as players read it ("Tiger")."""
        return key.capitalize()


def load_ritual(path=None):
    """
    Returns:
        Ritual: The forbidden jutsu, validated.

    Raises:
        ContentError: If the file is invalid.
    """
    data = read_file(path or DATA_DIR / "ritual.yaml")
    seals = data.sub("seals")
    if not seals.keys():
        data.fail("seals", "must map each seal to its other names")
    names, table = {}, {}
    for key in seals.keys():
        aliases = tuple(_normal(a) for a in seals.texts(key, default=()))
        key = _normal(key)
        for name in (key, *aliases):
            if name in names:
                seals.fail(key, f"cannot take the name {name!r}: it is used by {names[name]} and {key}")
            names[name] = key
        table[key] = aliases
    sequence = tuple(_normal(s) for s in data.texts("sequence"))
    if len(sequence) < 2:
        data.fail("sequence", "must list at least two seals")
    unknown = [s for s in sequence if s not in table]
    if unknown:
        data.fail("sequence", f"names unknown seals: {', '.join(unknown)}")
    return Ritual(
        name=data.text("name", default="the forbidden jutsu"),
        zone=data.text("zone"),
        seconds_per_seal=data.number("seconds_per_seal", low=0.001),
        seals=table,
        sequence=sequence,
        scroll=str(data.get("scroll", "")).strip(),
    )


# ---------------------------------------------------------------------------- the countdown

COUNTDOWN_TEXTS = ("scheduled", "ritual_hint", "reminder", "final", "fired", "cancelled", "failed")


@dataclass(frozen=True)
class Countdown:
    """
    Args:
        announce_at (tuple): Seconds before firing at which everyone is told, largest first.
        final_seconds (float): Marks at or below it use the `final` text.
        default_seconds (float): How long a countdown runs when nobody says.
        texts (dict): Text key (COUNTDOWN_TEXTS) -> format string.
    """

    announce_at: tuple
    final_seconds: float
    default_seconds: float
    texts: dict


def load_countdown(path=None):
    """
    Returns:
        Countdown: The announcements, validated.

    Raises:
        ContentError: If the file is invalid.
    """
    data = read_file(path or DATA_DIR / "countdown.yaml")
    marks = set(data.numbers("announce_at", low=0.001))
    if not marks:
        data.fail("announce_at", "must list seconds")
    texts = data.sub("texts")
    return Countdown(
        announce_at=tuple(sorted(marks, reverse=True)),
        final_seconds=data.number("final_seconds", low=0.001),
        default_seconds=data.number("default_seconds", low=1),
        texts={key: texts.text(key) for key in COUNTDOWN_TEXTS},
    )


# ---------------------------------------------------------------------------- what carries over


@dataclass(frozen=True)
class Grants:
    """
    What one legacy effect gives (see data/carryover.yaml).

    Args:
        rank (Rank or None): Starting rank.
        techniques (tuple): Technique keys known from the start.
        title (str or None): A title.
        foresight (int): Zones of the last remembered fall order foreseen.
        extra_seconds (float): Extra seconds per seal of the forbidden jutsu.
        next_seal (bool): Each correct seal names the next.
    """

    rank: Rank | None = None
    techniques: tuple = ()
    title: str | None = None
    foresight: int = 0
    extra_seconds: float = 0.0
    next_seal: bool = False


@dataclass(frozen=True)
class CarryoverEffect:
    """
    Args:
        key (str): The effect's name.
        memory (MemoryKind): The kind of memory it needs.
        at_least (int): How many of them.
        grants (Grants): What it gives.
        text (str): What the player reads about it.
    """

    key: str
    memory: MemoryKind
    at_least: int
    grants: Grants
    text: str


def _grants(effect, known_technique):
    raw = effect.sub("grants")
    raw.only(("rank", "techniques", "title", "foresight", "ritual"))
    if not raw.keys():
        effect.fail("grants", "must list what the effect gives")
    rank = None
    if "rank" in raw:
        rank = parse_rank(raw.get("rank"))
        if rank is None:
            raw.fail("rank", f"{raw.get('rank')!r} is not a rank")
    techniques = raw.texts("techniques", default=())
    for technique in techniques:
        if not known_technique(technique):
            raw.fail("techniques", f"{technique!r} is not a Leaf technique of the combat data")
    ritual = raw.sub("ritual", default={})
    return Grants(
        rank=rank,
        techniques=techniques,
        title=raw.text("title", default="") or None,
        foresight=raw.whole("foresight", low=0, default=0),
        extra_seconds=ritual.number("extra_seconds", low=0, default=0.0),
        next_seal=ritual.flag("next_seal", default=False),
    )


def _leaf_technique(key):
    ability = get_catalog().techniques.get(key)
    return ability is not None and ability.learn_rank is not None


def load_carryover(path=None, known_technique=_leaf_technique):
    """
    Args:
        path (Path, optional): The file; data/carryover.yaml by default.
        known_technique (callable): known_technique(key) -> bool, checks technique keys.

    Returns:
        tuple of CarryoverEffect: The effects, in the file's order.

    Raises:
        ContentError: If the file is invalid.
    """
    effects = read_file(path or DATA_DIR / "carryover.yaml").sub("effects")
    if not effects.keys():
        effects.fail(None, "must map names to effects")
    loaded = []
    for key, effect in effects.subs():
        when = effect.sub("when")
        loaded.append(
            CarryoverEffect(
                key,
                when.choice("memory", MemoryKind),
                when.whole("at_least", low=1, default=1),
                _grants(effect, known_technique),
                effect.text("text"),
            )
        )
    return tuple(loaded)


@functools.cache
def ritual():
    """Returns: Ritual: the shipped forbidden jutsu."""
    return load_ritual()


@functools.cache
def countdown():
    """Returns: Countdown: the shipped announcements."""
    return load_countdown()


@functools.cache
def carryover():
    """Returns: tuple of CarryoverEffect: what the shipped data lets carry over."""
    return load_carryover()

"""
The Second Chance's content as data: the forbidden jutsu (`data/ritual.yaml`), how the
countdown is announced (`data/countdown.yaml`) and what memories give (`data/legacy.yaml`).

Loading validates everything and raises `TimelineDataError` naming the file and the entry;
the shipped files are loaded once per process (`ritual()`, `countdown()`, `legacy()`).
"""

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from world.memories.models import MemoryKind
from world.ninja.ranks import Rank, parse_rank

DATA_DIR = Path(__file__).parent / "data"


class TimelineDataError(ValueError):
    """The Second Chance's data is invalid; the message names the file and the entry."""


def _read(path):
    try:
        data = yaml.safe_load(Path(path).read_text())
    except (OSError, yaml.YAMLError) as err:
        raise TimelineDataError(f"{Path(path).name}: {err}") from None
    if not isinstance(data, dict):
        raise TimelineDataError(f"{Path(path).name}: expected a mapping at the top")
    return data


def _positive(value, where):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise TimelineDataError(f"{where}: must be a positive number, not {value!r}")
    return value


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
        TimelineDataError: If the file is invalid.
    """
    path = Path(path or DATA_DIR / "ritual.yaml")
    data = _read(path)
    where = path.name
    seals = data.get("seals")
    if not isinstance(seals, dict) or not seals:
        raise TimelineDataError(f"{where}: seals must map each seal to its other names")
    names = {}
    table = {}
    for key, aliases in seals.items():
        key = _normal(key)
        aliases = tuple(_normal(a) for a in (aliases or ()))
        for name in (key, *aliases):
            if name in names:
                raise TimelineDataError(f"{where}: the name {name!r} is used by {names[name]} and {key}")
            names[name] = key
        table[key] = aliases
    sequence = tuple(_normal(s) for s in data.get("sequence") or ())
    if len(sequence) < 2:
        raise TimelineDataError(f"{where}: sequence must list at least two seals")
    unknown = [s for s in sequence if s not in table]
    if unknown:
        raise TimelineDataError(f"{where}: sequence names unknown seals: {', '.join(unknown)}")
    zone = str(data.get("zone") or "").strip()
    if not zone:
        raise TimelineDataError(f"{where}: zone is required")
    return Ritual(
        name=str(data.get("name") or "the forbidden jutsu"),
        zone=zone,
        seconds_per_seal=float(_positive(data.get("seconds_per_seal"), f"{where}: seconds_per_seal")),
        seals=table,
        sequence=sequence,
        scroll=str(data.get("scroll") or "").strip(),
    )


# ---------------------------------------------------------------------------- the countdown

COUNTDOWN_TEXTS = ("scheduled", "ritual_hint", "reminder", "final", "fired", "cancelled", "failed")


@dataclass(frozen=True)
class Countdown:
    """
    Args:
        announce_at (tuple): Seconds before firing at which everyone is told, largest first.
        final_seconds (float): Marks at or below it use the `final` text.
        texts (dict): Text key (COUNTDOWN_TEXTS) -> format string.
    """

    announce_at: tuple
    final_seconds: float
    texts: dict


def load_countdown(path=None):
    """
    Returns:
        Countdown: The announcements, validated.

    Raises:
        TimelineDataError: If the file is invalid.
    """
    path = Path(path or DATA_DIR / "countdown.yaml")
    data = _read(path)
    where = path.name
    marks = data.get("announce_at")
    if not isinstance(marks, list) or not marks:
        raise TimelineDataError(f"{where}: announce_at must list seconds")
    marks = tuple(sorted({_positive(m, f"{where}: announce_at") for m in marks}, reverse=True))
    texts = data.get("texts") or {}
    missing = [key for key in COUNTDOWN_TEXTS if not str(texts.get(key) or "").strip()]
    if missing:
        raise TimelineDataError(f"{where}: texts is missing {', '.join(missing)}")
    return Countdown(
        announce_at=marks,
        final_seconds=float(_positive(data.get("final_seconds"), f"{where}: final_seconds")),
        texts={key: str(texts[key]).strip() for key in COUNTDOWN_TEXTS},
    )


# ---------------------------------------------------------------------------- legacy


@dataclass(frozen=True)
class Grants:
    """
    What one legacy effect gives (see data/legacy.yaml).

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
class LegacyEffect:
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


def _grants(raw, where, known_technique):
    if not isinstance(raw, dict) or not raw:
        raise TimelineDataError(f"{where}: grants must list what the effect gives")
    unknown = set(raw) - {"rank", "techniques", "title", "foresight", "ritual"}
    if unknown:
        raise TimelineDataError(f"{where}: unknown grants {', '.join(sorted(unknown))}")
    rank = None
    if "rank" in raw:
        rank = parse_rank(raw["rank"])
        if rank is None:
            raise TimelineDataError(f"{where}: {raw['rank']!r} is not a rank")
    techniques = tuple(str(t) for t in raw.get("techniques") or ())
    for technique in techniques:
        if not known_technique(technique):
            raise TimelineDataError(f"{where}: {technique!r} is not a Leaf technique of the combat data")
    ritual = raw.get("ritual") or {}
    if not isinstance(ritual, dict):
        raise TimelineDataError(f"{where}: ritual must be a mapping")
    foresight = raw.get("foresight", 0)
    if isinstance(foresight, bool) or not isinstance(foresight, int) or foresight < 0:
        raise TimelineDataError(f"{where}: foresight must be a whole number")
    extra = ritual.get("extra_seconds", 0)
    if isinstance(extra, bool) or not isinstance(extra, (int, float)) or extra < 0:
        raise TimelineDataError(f"{where}: ritual extra_seconds must be a number of seconds")
    return Grants(
        rank=rank,
        techniques=techniques,
        title=str(raw["title"]).strip() if raw.get("title") else None,
        foresight=foresight,
        extra_seconds=float(extra),
        next_seal=bool(ritual.get("next_seal", False)),
    )


def _leaf_technique(key):
    from world.combat.catalog import get_catalog

    ability = get_catalog().techniques.get(key)
    return ability is not None and ability.learn_rank is not None


def load_legacy(path=None, known_technique=_leaf_technique):
    """
    Args:
        path (Path, optional): The file; data/legacy.yaml by default.
        known_technique (callable): known_technique(key) -> bool, checks technique keys.

    Returns:
        tuple of LegacyEffect: The effects, in the file's order.

    Raises:
        TimelineDataError: If the file is invalid.
    """
    path = Path(path or DATA_DIR / "legacy.yaml")
    data = _read(path)
    effects = data.get("effects")
    if not isinstance(effects, dict) or not effects:
        raise TimelineDataError(f"{path.name}: effects must map names to effects")
    loaded = []
    for key, raw in effects.items():
        where = f"{path.name}: {key}"
        when = (raw or {}).get("when") or {}
        try:
            memory = MemoryKind(str(when.get("memory")))
        except ValueError:
            kinds = ", ".join(k.value for k in MemoryKind)
            raise TimelineDataError(f"{where}: when.memory must be one of {kinds}") from None
        at_least = when.get("at_least", 1)
        if isinstance(at_least, bool) or not isinstance(at_least, int) or at_least < 1:
            raise TimelineDataError(f"{where}: when.at_least must be a whole number of 1 or more")
        text = str(raw.get("text") or "").strip()
        if not text:
            raise TimelineDataError(f"{where}: text is required")
        loaded.append(
            LegacyEffect(key, memory, at_least, _grants(raw.get("grants"), where, known_technique), text)
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
def legacy():
    """Returns: tuple of LegacyEffect: the shipped legacy effects."""
    return load_legacy()

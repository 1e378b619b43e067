"""
Paths: the clans' and teachers' ways a Leaf ninja walks in one life (`data/paths.yaml`).

A path gives a ninja a team role and its own techniques, opened by rank: a genin of the path
knows its genin techniques, a promotion opens the next rank's. Technique scrolls teach the
rest of the path's techniques up to the ninja's rank, and the academy's (shadow clones,
substitution and the like) unless the path forbids them (the taijutsu path: no ninjutsu).
Memories of other lives (world/timeline's carryover) can add techniques on no path.

The file is loaded with the rest of the combat data (`catalog.load_catalog`), which checks it
against the techniques; the catalog holds the result as `catalog.paths`. Choosing a path for
a Character is the bridge's (`bridge.choose_path`); the text players read is here.
"""

from dataclasses import dataclass
from enum import StrEnum

from world.ninja.ranks import PLAYER_RANKS, Rank


class Role(StrEnum):
    """A path's part in a strike team."""

    STRIKER = "striker"
    HEALER = "healer"
    CONTROL = "control"
    SENSOR = "sensor"
    SKIRMISHER = "skirmisher"
    SCOUT = "scout"
    TANK = "tank"
    INFILTRATOR = "infiltrator"
    RANGED = "ranged"
    BRAWLER = "brawler"


@dataclass(frozen=True)
class PathSpec:
    """One path: who teaches it, its role, and its techniques by the rank that opens them."""

    key: str
    name: str
    teacher: str
    role: Role
    desc: str
    techniques: dict  # Rank -> tuple of technique keys
    signature: tuple
    aliases: tuple = ()
    academy: bool = True

    def opened(self, rank):
        """
        Args:
            rank (Rank): A ninja's rank.

        Returns:
            tuple of str: The path's technique keys open at that rank, lowest rank first.
        """
        order = list(PLAYER_RANKS)
        keys = []
        for at, techniques in self.techniques.items():
            if order.index(at) <= order.index(rank):
                keys += techniques
        return tuple(keys)

    @property
    def all_techniques(self):
        """tuple of str: Every technique of the path, whatever the rank."""
        return tuple(key for keys in self.techniques.values() for key in keys)

    def opening_rank(self, technique):
        """Returns: Rank or None: the rank at which the path opens a technique."""
        return next((rank for rank, keys in self.techniques.items() if technique in keys), None)


@dataclass(frozen=True)
class Paths:
    """Every path, the academy's techniques, and the path of a ninja who never chose."""

    paths: dict  # key -> PathSpec
    academy: tuple
    default: str

    @property
    def taught(self):
        """frozenset of str: Every technique some path teaches (its own or the academy's)."""
        own = {key for path in self.paths.values() for key in path.all_techniques}
        academy = {key for path in self.paths.values() if path.academy for key in self.academy}
        return frozenset(own | academy)

    def find(self, text, normalise):
        """
        Args:
            text (str): A path as a player types it: key, name or alias, or the start of one.
            normalise (callable): How names are compared (the catalog's `normalise`).

        Returns:
            PathSpec or None
        """
        found = self.matches(text, normalise)
        return self.paths[found[0]] if len(found) == 1 else None

    def matches(self, text, normalise):
        """
        Returns:
            list of str: The keys of the paths `text` names: the one it names exactly, else
            every one with a name that starts so (none for empty text).
        """
        typed = normalise(text)
        if not typed:
            return []
        names = {}
        for path in self.paths.values():
            for name in (path.key, path.name, *path.aliases):
                names[normalise(name)] = path.key
        if typed in names:
            return [names[typed]]
        return sorted({key for name, key in names.items() if name.startswith(typed)})

    def unknown(self, text, normalise):
        """
        Returns:
            str: Why `text` names no single path, for the player: ambiguous, or unknown.
        """
        shown = str(text or "").strip()
        found = self.matches(text, normalise)
        if len(found) > 1:
            return f"'{shown}' could be the {' or the '.join(self.paths[k].name for k in found)}: type more of it."
        return f"There is no path called '{shown}'. |wpaths|n lists them: {', '.join(self.paths)}."

    def may_learn(self, path_key, technique_key):
        """
        Args:
            path_key (str): A path.
            technique_key (str): A Leaf technique.

        Returns:
            bool: True if a scroll can teach it on this path (its own, or the academy's).
        """
        path = self.paths[path_key]
        return technique_key in path.all_techniques or (path.academy and technique_key in self.academy)


def load_paths(top, techniques):
    """
    Read paths.yaml.

    Args:
        top (Entry): The file, as the data-file kit reads it.
        techniques (dict): Technique key -> Ability (Leaf techniques have a learn_rank).

    Returns:
        Paths

    Raises:
        ContentError: A bad field, an unknown technique, or one the path opens below its rank.
    """
    top.only(("academy", "default", "paths"), ("academy", "default", "paths"))
    order = list(PLAYER_RANKS)

    def leaf_technique(entry, field, key):
        ability = techniques.get(key)
        if ability is None or ability.learn_rank is None or ability.innate:
            entry.fail(field, f"names {key!r}, which is not a Leaf technique one can learn")
        return ability

    academy = top.texts("academy")
    for key in academy:
        leaf_technique(top, "academy", key)
    found = {}
    for key, raw in top.sub("paths").subs():
        raw.only(
            ("name", "aliases", "teacher", "role", "desc", "techniques", "signature", "academy"),
            ("name", "teacher", "role", "desc", "techniques", "signature"),
        )
        by_rank = raw.sub("techniques").only([r.value for r in PLAYER_RANKS], (Rank.GENIN.value,))
        opened = {}
        for rank_key in by_rank.keys():
            rank = Rank(rank_key)
            opened[rank] = by_rank.texts(rank_key)
            for technique in opened[rank]:
                ability = leaf_technique(by_rank, rank_key, technique)
                if order.index(ability.learn_rank) > order.index(rank):
                    by_rank.fail(
                        rank_key, f"opens {technique!r} below its learn_rank ({ability.learn_rank.value})"
                    )
        path = PathSpec(
            key=key,
            name=raw.text("name"),
            teacher=raw.text("teacher"),
            role=raw.choice("role", Role),
            desc=raw.text("desc"),
            techniques=dict(sorted(opened.items(), key=lambda item: order.index(item[0]))),
            signature=raw.texts("signature"),
            aliases=raw.texts("aliases", default=()),
            academy=raw.flag("academy", default=True),
        )
        everything = path.all_techniques
        if len(set(everything)) != len(everything):
            raw.fail("techniques", "name a technique twice")
        for technique in path.signature:
            if technique not in everything:
                raw.fail("signature", f"names {technique!r}, which the path does not open")
        found[key] = path
    default = top.text("default")
    if default not in found:
        top.fail("default", f"names {default!r}, which is not a path")
    return Paths(paths=found, academy=academy, default=default)


def signature_names(path, techniques):
    """Returns: str: the path's signature techniques by name ("Shadow Possession, ...")."""
    return ", ".join(techniques[key].name for key in path.signature)


def listing(paths, techniques):
    """
    Args:
        paths (Paths): The paths.
        techniques (dict): Technique key -> Ability.

    Returns:
        list of str: What `paths` shows: a line per path (name, role, signature techniques, what
        it does), and how to read more and choose.
    """
    lines = ["|wThe paths of the Leaf|n (|whelp <path>|n explains one; |wpath <name>|n takes it):"]
    for path in paths.paths.values():
        lines.append(f"  |w{path.key:<9}|n {path.role.value:<11} {signature_names(path, techniques)}")
        lines.append(f"            {path.desc}")
    return lines


def details(path, techniques):
    """
    Args:
        path (PathSpec): One path.
        techniques (dict): Technique key -> Ability.

    Returns:
        list of str: The path's techniques by the rank that opens them, with cost and effect.
    """
    lines = [f"|w{path.name}|n: {path.teacher}. Role: {path.role.value}.", f"  {path.desc}"]
    for rank, keys in path.techniques.items():
        lines.append(f"  {rank.label}:")
        for key in keys:
            ability = techniques[key]
            lines.append(f"    {ability.name:<30} {cost_text(ability)}. {ability.desc}")
    if not path.academy:
        lines.append("  This path learns no ninjutsu from scrolls: only its own techniques.")
    return lines


def cost_text(ability):
    """Returns: str: what a technique costs ("15 chakra, 12 health, 2 round cooldown")."""
    parts = [f"{ability.chakra} chakra"] if ability.chakra else []
    if ability.health_cost:
        parts.append(f"{ability.health_cost} health")
    for item, count in ability.consumes.items():
        parts.append(f"{count} {item}")
    if ability.cooldown:
        parts.append(f"{ability.cooldown} round cooldown")
    return ", ".join(parts) or "free"


def offer(paths):
    """
    Returns:
        str: What a ninja who has not chosen a path reads as they wake: how to choose.
    """
    default = paths.paths[paths.default]
    return (
        "|wChoose your path for this life.|n Every clan and teacher of the Leaf trains its own way: "
        "|wpaths|n lists them with their roles, |whelp <path>|n explains one (|whelp nara|n), and "
        f"|wpath <name>|n takes it. Until you choose you train on the {default.name}."
    )

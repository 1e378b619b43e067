"""
The raid board: what the strategist at the headquarters offers, worked out from the war map.

`offers()` reads who holds each zone and how strong the Sound is there, and returns the raids
on offer, numbered by their place in the list:

- the story's opening raid first, as long as no team has completed it in this world;
- one attack for each Sound-held (or contested) zone that touches the Leaf's lines, with
  intelligence: an estimate of the enemy's strength (true strength plus deterministic noise,
  exact once the zone has been scouted), an objective and a difficulty band;
- while the Sound prepares an offensive on a Leaf zone, three missions to meet it there before
  it lands (defend the zone, evacuate its civilians to the monument's tunnels, hold its gate),
  against its vanguard (`vanguard_share` of its force, story.yaml, at most what the strongest
  Sound zone next door holds); each carries the offensive's id, and its success blunts it;
- while the story's lieutenant lives (after the opening), he leads the hard and deadly attacks
  on his own ground (story.yaml `lieutenant`), and the offer says so;
- a skirmish, always (after the opening): a Sound patrol at the edge of the front, the
  weakest zone the board attacks (or the first zone it defends), small enough for a lone
  genin (difficulty.yaml's skirmish band);
- early in a timeline, when no Sound-held zone touches the Leaf's lines, defensive missions
  instead: meeting the Sound's raiding parties in the Leaf zones next to the Sound, and
  bringing home Leaf missions ambushed in the field. The Sound's staging ground (story.yaml,
  the camp outside the walls) is not a target while it is all the Sound holds: in the years
  before the second invasion the Sound raids from it, and the Leaf defends.

Every offer carries a seed made from `seed_base`, the zone and how many raids have been
launched into that zone (`raid_counts`), as a readable string. The same inputs give the same
offers, in the same order, with the same seeds, in any process.
"""

import math
from dataclasses import asdict, dataclass

from world.raids.content import SKIRMISH, RaidKind, content
from world.raids.dice import stream, weighted
from world.raids.generator import RaidError, generate

HOLDERS = ("leaf", "sound", "contested")
# Intelligence's estimates are off by up to this fraction either way.
INTEL_NOISE = 0.25


def _difficulty(offer, odds):
    if odds is None:
        return content().band(offer.difficulty).label.lower()
    return f"|w{odds.label}|n for your team (won {odds.win_rate:.0%} of simulated raids)"


@dataclass(frozen=True)
class RaidOffer:
    """
    One raid on the board.

    `zone` is where the raid takes place; `source_zone` is the zone whose Sound squads the
    enemies come from (the same zone for an attack; the raiders' home for a defence), so
    launch it with `offer.generate(squads_of(offer.source_zone), team_size)`.
    """

    kind: str
    zone: str
    source_zone: str
    objective: str
    title: str
    estimated_strength: int
    exact: bool
    difficulty: str
    seed: str
    story: str | None = None
    offensive: int | None = None  # the Sound's offensive a defensive mission meets
    lieutenant: bool = False  # the story's lieutenant leads it (story.yaml `lieutenant`)

    def generate(self, squads, team_size):
        """
        Build this raid's instance plan.

        Args:
            squads (iterable): (squad_id, rank, strength) of the Sound squads in `source_zone`.
            team_size (int): 1 to 4.

        Returns:
            RaidPlan: The plan (see generator.generate).
        """
        return generate(
            self.seed,
            self.zone,
            self.objective,
            squads,
            team_size,
            difficulty=self.difficulty,
            story=self.story,
            lieutenant=self.lieutenant,
        )

    def describe(self, number, odds=None):
        """
        The offer as the board lists it, under its number.

        Args:
            number (int): Its place on the board.
            odds (Odds, optional): The asking team's simulated odds (world/raids/odds.py);
                without them the difficulty band's label stands in.
        """
        data = content()
        estimate = f"enemy strength {'exactly' if self.exact else 'about'} {self.estimated_strength}"
        if self.difficulty == SKIRMISH:
            estimate = "a small patrol"
        lines = [
            f"{number:>2}. {self.title}",
            f"    {data.zone_name(self.zone)}: {data.objectives[self.objective].name.lower()}; "
            f"{estimate}; {_difficulty(self, odds)}. Seed {self.seed}.",
        ]
        if self.story:
            lines.append(f"    {data.opening.briefing}")
        if self.lieutenant:
            lines.append(f"    {data.lieutenant.board}")
        counter = data.objectives[self.objective].counter
        if self.offensive is not None and counter:
            does = [
                f"weakens it by {counter.weaken:.0%}" if counter.weaken else "",
                f"sets its landing back {counter.delay_days:g} day{'s' if counter.delay_days != 1 else ''}"
                if counter.delay_days
                else "",
            ]
            lines.append(
                f"    Against the Sound's offensive here: success {' and '.join(d for d in does if d)}."
            )
        return "\n".join(lines)

    def to_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, raw):
        return cls(**raw)


def _adjacency(holders, neighbours):
    """Neighbours both ways, limited to zones on the map."""
    adjacent = {zone: set() for zone in holders}
    for zone, others in neighbours.items():
        for other in others:
            if zone in adjacent and other in adjacent:
                adjacent[zone].add(other)
                adjacent[other].add(zone)
    return {zone: sorted(others) for zone, others in adjacent.items()}


def _nearest(start, candidates, adjacent):
    """The candidate zone fewest steps from `start` (alphabetical among equals), or None."""
    distance = {start: 0}
    queue = [start]
    for zone in queue:
        for other in adjacent[zone]:
            if other not in distance:
                distance[other] = distance[zone] + 1
                queue.append(other)
    reachable = [zone for zone in candidates if zone in distance]
    return min(reachable, key=lambda zone: (distance[zone], zone)) if reachable else None


def _estimate(rng, strength):
    """Intelligence's estimate: the truth give or take INTEL_NOISE, never below 1 if any are there."""
    if strength <= 0:
        return 0
    return max(1, round(strength * (1 + rng.uniform(-INTEL_NOISE, INTEL_NOISE))))


def _title(objective, zone):
    """The offer's title; a plan generated from the offer carries the same one."""
    data = content()
    return data.titles[objective].format(zone=data.zone_name(zone))


def _attack(zone, seed, strength, exact, lieutenant=False):
    """An attack on a Sound zone; `lieutenant`: the story's lieutenant lives, and may lead it."""
    data = content()
    rng = stream(seed, "offer")
    choices = [key for key, objective in data.objectives.items() if objective.kind is RaidKind.ATTACK]
    favoured = data.zones[zone].favoured
    objective = weighted(
        rng, choices, [data.objectives[key].weight * (2 if key in favoured else 1) for key in choices]
    )
    estimate = round(strength) if exact else _estimate(rng, strength)
    band = data.band_for(estimate).key
    return RaidOffer(
        kind=str(RaidKind.ATTACK),
        zone=zone,
        source_zone=zone,
        objective=objective,
        title=_title(objective, zone),
        estimated_strength=estimate,
        exact=exact,
        difficulty=band,
        seed=seed,
        lieutenant=lieutenant and data.lieutenant.leads(zone, band),
    )


def _defence(objective, zone, source, seed, strength):
    data = content()
    estimate = _estimate(stream(seed, "offer"), min(strength, data.raiding_party))
    return RaidOffer(
        kind=str(RaidKind.DEFENCE),
        zone=zone,
        source_zone=source,
        objective=objective,
        title=_title(objective, zone),
        estimated_strength=estimate,
        exact=False,
        difficulty=data.band_for(estimate).key,
        seed=seed,
    )


@dataclass(frozen=True)
class Threat:
    """
    A Sound offensive under way, as the board reads it.

    Args:
        offensive (int): Its id in the war.
        zone (str): The Leaf zone it will strike.
        force (float): Ninja it will land with.
    """

    offensive: int
    zone: str
    force: float


# The missions the board offers against each offensive, in the order listed.
COUNTER_MISSIONS = ("defend_zone", "evacuate", "hold_gate")


def _counters(threat, holders, adjacent, sound_strength, seed_base, counts):
    """The missions against one offensive: its vanguard comes from the strongest Sound neighbour."""
    data = content()
    sources = [zone for zone in adjacent.get(threat.zone, ()) if holders.get(zone) in ("sound", "contested")]
    if holders.get(threat.zone) != "leaf" or not sources:
        return []
    source = max(sorted(sources), key=lambda zone: sound_strength.get(zone, 0))
    vanguard = min(threat.force * data.vanguard_share, sound_strength.get(source, 0))
    offers_ = []
    for objective in COUNTER_MISSIONS:
        seed = f"{seed_base}/{objective}/{threat.offensive}/{threat.zone}/{counts.get(threat.zone, 0)}"
        estimate = _estimate(stream(seed, "offer"), vanguard)
        offers_.append(
            RaidOffer(
                kind=str(RaidKind.DEFENCE),
                zone=threat.zone,
                source_zone=source,
                objective=objective,
                title=_title(objective, threat.zone),
                estimated_strength=estimate,
                exact=False,
                difficulty=data.band_for(estimate).key,
                seed=seed,
                offensive=threat.offensive,
            )
        )
    return offers_


def _opening(holders, adjacent, sound, sound_strength, seed_base):
    """The story's opening raid; its column marches from the flank or from the nearest Sound zone."""
    data = content()
    story = data.opening
    if holders.get(story.zone) in ("sound", "contested"):
        source = story.zone
    elif holders.get(story.source) == "sound":
        source = story.source
    else:
        source = (_nearest(story.zone, sound, adjacent) if story.zone in adjacent else None) or sound[0]
    estimate = min(story.estimate, round(sound_strength.get(source, 0)))
    return RaidOffer(
        kind=str(RaidKind.OPENING),
        zone=story.zone,
        source_zone=source,
        objective=story.objective,
        title=story.title,
        estimated_strength=estimate,
        exact=False,
        difficulty=data.band_for(estimate).key,
        seed=f"{seed_base}/opening",
        story="opening",
    )


def _skirmish(kind, zone, source, seed):
    """The small task the board always offers: a patrol out of `source`, met in `zone`."""
    data = content()
    objective = "ambush" if kind is RaidKind.ATTACK else "defend"
    return RaidOffer(
        kind=str(kind),
        zone=zone,
        source_zone=source,
        objective=objective,
        title=data.titles[SKIRMISH].format(zone=data.zone_name(zone)),
        estimated_strength=0,
        exact=False,
        difficulty=SKIRMISH,
        seed=seed,
    )


def _check(holders, sound_strength):
    zones = content().zones
    for zone, holder in holders.items():
        if zone not in zones:
            raise RaidError(f"The raid board does not know the zone {zone!r}.")
        if holder not in HOLDERS:
            raise RaidError(f"Zone {zone} is held by {holder!r}; holders are {', '.join(HOLDERS)}.")
    for zone, strength in sound_strength.items():
        if not isinstance(strength, int | float) or not math.isfinite(strength) or strength < 0:
            raise RaidError(f"Zone {zone} has a Sound strength of {strength!r}.")


def offers(
    holders,
    neighbours,
    sound_strength,
    seed_base,
    opening_done,
    *,
    raid_counts=None,
    revealed=(),
    threats=(),
    lieutenant=False,
):
    """
    The raids the strategist offers now.

    Args:
        holders (dict): zone key -> "leaf", "sound" or "contested".
        neighbours (dict): zone key -> neighbouring zone keys (read both ways).
        sound_strength (dict): zone key -> the Sound's ninja there (a missing zone has none).
        seed_base (str): Stands for this timeline (e.g. its number); part of every seed.
        opening_done (bool): True once the story's opening raid has been completed.
        raid_counts (dict or None): zone key -> raids launched into it so far in this
            timeline; changes the seed (and so the offer) after each raid.
        revealed (iterable): zones whose exact strength the Leaf knows (scouted).
        threats (iterable of Threat): the Sound's offensives under way, soonest first.
        lieutenant (bool): the story's lieutenant lives in this timeline: once the opening is
            done he leads the attacks story.yaml gives him.

    Returns:
        list[RaidOffer]: The opening raid (if not done), then the missions against each
            offensive under way (defend, evacuate, hold the gate), then attacks sorted by
            estimated strength (weakest first), or defensive missions when no attack is
            possible. Empty when the Sound holds nothing.

    Raises:
        RaidError: On an unknown zone or holder, or a negative strength.
    """
    _check(holders, sound_strength)
    data = content()
    counts = raid_counts or {}
    revealed = set(revealed)
    adjacent = _adjacency(holders, neighbours)
    sound = sorted(zone for zone, holder in holders.items() if holder in ("sound", "contested"))
    if not sound:
        return []
    leaf_lines = {zone for zone, holder in holders.items() if holder in ("leaf", "contested")}
    result = []
    if not opening_done:
        result.append(_opening(holders, adjacent, sound, sound_strength, seed_base))
    for threat in threats:
        result += _counters(threat, holders, adjacent, sound_strength, seed_base, counts)

    footholds = [zone for zone in sound if zone not in data.staging_zones]
    targets = [
        zone
        for zone in (sound if footholds else [])
        if holders[zone] == "contested" or leaf_lines.intersection(adjacent[zone])
    ]
    if targets:
        attacks = [
            _attack(
                zone,
                f"{seed_base}/{zone}/{counts.get(zone, 0)}",
                sound_strength.get(zone, 0),
                zone in revealed,
                lieutenant and opening_done,
            )
            for zone in targets
        ]
        attacks.sort(key=lambda offer: (offer.estimated_strength, offer.zone))
        edge = attacks[0].zone
        seed = f"{seed_base}/skirmish/{edge}/{counts.get(edge, 0)}"
        patrol = _skirmish(RaidKind.ATTACK, edge, edge, seed)
        return [*result, patrol, *attacks]

    defences = []
    for zone in sorted(leaf_lines):
        raiders = [other for other in adjacent[zone] if other in sound]
        if raiders:
            seed = f"{seed_base}/defend/{zone}/{counts.get(zone, 0)}"
            defences.append(_defence("defend", zone, raiders[0], seed, sound_strength.get(raiders[0], 0)))
    for zone in data.mission_zones:
        source = _nearest(zone, sound, adjacent) if holders.get(zone) == "leaf" else None
        if source:
            seed = f"{seed_base}/escort/{zone}/{counts.get(zone, 0)}"
            defences.append(_defence("escort", zone, source, seed, sound_strength.get(source, 0)))
    if defences:
        edge = defences[0]
        seed = f"{seed_base}/skirmish/{edge.zone}/{counts.get(edge.zone, 0)}"
        defences.insert(0, _skirmish(RaidKind.DEFENCE, edge.zone, edge.source_zone, seed))
    return result + defences


def custom_offer(zone, seed, strength):
    """
    An attack on a chosen zone with a chosen seed (a game master's raid), its objective and
    difficulty picked by the board's rules; the strength is known exactly.

    Args:
        zone (str): The zone key.
        seed (str): The seed.
        strength (float): The Sound's ninja in the zone.

    Returns:
        RaidOffer

    Raises:
        RaidError: On an unknown zone or a bad strength.
    """
    _check({zone: "sound"}, {zone: strength})
    return _attack(zone, str(seed), strength, True)


def render(offer_list, odds=None, note=None):
    """
    The board as the strategist presents it (the text of the `raid` command).

    Args:
        offer_list (list[RaidOffer]): From `offers()`.
        odds (callable, optional): odds(offer) -> the asking team's Odds or None.
        note (callable, optional): note(offer) -> a line to add under the offer, or None
            (the rank a raid needs: world/raids/promotion.py).

    Returns:
        str: The strategist's words and the numbered offers.
    """
    text = content().board_text
    if not offer_list:
        return text["empty"]
    intro = text["intro"]
    if any(offer.offensive is not None for offer in offer_list) and "offensive_intro" in text:
        intro = f"{intro}\n{text['offensive_intro']}"
    if any(offer.kind == RaidKind.DEFENCE and offer.offensive is None for offer in offer_list):
        intro = f"{intro}\n{text['defence_intro']}"
    lines = []
    for number, offer in enumerate(offer_list, start=1):
        lines.append(offer.describe(number, odds(offer) if odds else None))
        extra = note(offer) if note else None
        if extra:
            lines.append(extra)
    return "\n".join([intro, "", *lines])

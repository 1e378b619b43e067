"""
What players read about the war: the `war` table, the `map`, the `warlog` and the
strategist's `forecast`, rendered as plain strings with Evennia colour codes.

Many players ask for these at once, so they are built with string formatting (Evennia's
EvTable costs milliseconds a row on the game thread) and cached by the war service. Every
holder is also named in words or letters, never by colour alone; `plain=True` gives the
screen-reader form (no colour, no drawing).
"""

from world.ninja.ranks import Faction
from world.war.clock import year_text
from world.war.offensive import pending, siege_of
from world.war.queries import strengths_by_zone, totals, trends_by_zone, village_share

HOLDER_COLOUR = {Faction.LEAF: "|g", Faction.SOUND: "|m", "contested": "|y"}
HOLDER_WORD = {Faction.LEAF: "Leaf", Faction.SOUND: "Sound", "contested": "contested"}
# Map cell letters: the holder in one letter, so the map reads without colour too.
HOLDER_LETTER = {Faction.LEAF: "L", Faction.SOUND: "S", "contested": "!"}
CELL = 11
# Map mark of a zone the Sound has an offensive prepared against.
OFFENSIVE_MARK = ">"


def holder_key(zone_state):
    """Returns: Faction or "contested": how a zone shows on the map and in tables."""
    return "contested" if zone_state.contested else zone_state.holder


def holder_label(zone_state):
    """Returns: str: "leaf", "sound" or "contested", as room descriptions key them."""
    key = holder_key(zone_state)
    return key if key == "contested" else key.value


def _paint(text, key, plain):
    return text if plain else f"{HOLDER_COLOUR[key]}{text}|n"


def _trend_mark(value):
    if value > 0.05:
        return "rising"
    if value < -0.05:
        return "falling"
    return "steady"


def war_table(state, now, config, plain=False):
    """
    Every zone with its holder, garrisons and trend, then both sides' totals.

    Args:
        state (WarState): The war.
        now (float): Wall time.
        config (WarConfig): For zone names.
        plain (bool): Screen-reader form.

    Returns:
        str: The table.
    """
    lines = [f"The war, {year_text(state.clock.story_year(now))} (timeline {state.timeline})"]
    if not plain:
        lines.append(f"{'Zone':<34}{'Holder':<11}{'Leaf':>6}{'Sound':>7}  Trend")
    forces, trends = strengths_by_zone(state, now), trends_by_zone(state, now)
    for key, info in sorted(config.zones.items(), key=lambda item: _front_order(state, item)):
        zone = state.zones[key]
        hk = holder_key(zone)
        power = forces[key]
        change = trends[key][zone.holder]
        leaf, sound = round(power[Faction.LEAF]), round(power[Faction.SOUND])
        if plain:
            lines.append(
                f"{info.name}: held by {HOLDER_WORD[hk]}; Leaf {leaf}, Sound {sound}; holder {_trend_mark(change)}."
            )
        else:
            holder = _paint(f"{HOLDER_WORD[hk]:<11}", hk, plain)
            lines.append(f"{info.name[:33]:<34}{holder}{leaf:>6}{sound:>7}  {_trend_mark(change)}")
    total = totals(state, now)
    share = village_share(state, Faction.SOUND)
    lines.append(
        f"Leaf ninja: {round(total[Faction.LEAF])}.  Sound ninja: {round(total[Faction.SOUND])}.  "
        f"The Sound holds {share:.0%} of the village."
    )
    if state.fallen:
        lines.append("The Leaf has fallen.")
    return "\n".join(lines)


def _front_order(state, item):
    """Contested zones first, then the Leaf's, then the Sound's; by name within each."""
    zone = state.zones[item[0]]
    rank = 0 if zone.contested else (1 if zone.holder is Faction.LEAF else 2)
    return rank, item[1].name


def war_map(state, zones, here=None, plain=False):
    """
    The zones on their grid, each cell naming the zone and its holder's letter.

    Args:
        state (WarState): The war.
        zones (dict): Zone key -> layout ZoneSpec (names and coords).
        here (str, optional): The viewer's zone, marked with * (and said in words).
        plain (bool): Screen-reader form: one sentence per zone.

    Returns:
        str: The map.
    """
    targets = {offensive.zone for offensive in pending(state)}
    if plain:
        lines = ["The village, zone by zone, north to south:"]
        for spec in sorted(zones.values(), key=lambda z: (-z.coords[1], z.coords[0])):
            hk = holder_key(state.zones[spec.key])
            mark = " You are here." if spec.key == here else ""
            if spec.key in targets:
                mark += " The Sound is preparing an offensive on it."
            lines.append(f"{spec.name}: {HOLDER_WORD[hk]}.{mark}")
        return "\n".join(lines)
    xs = [z.coords[0] for z in zones.values()]
    ys = [z.coords[1] for z in zones.values()]
    at = {z.coords: z for z in zones.values()}
    rows = []
    for y in range(max(ys), min(ys) - 1, -1):
        cells = []
        for x in range(min(xs), max(xs) + 1):
            spec = at.get((x, y))
            if spec is None:
                cells.append(" " * CELL)
                continue
            hk = holder_key(state.zones[spec.key])
            star = "*" if spec.key == here else " "
            label = f"{HOLDER_LETTER[hk]}{star}{spec.short}{OFFENSIVE_MARK if spec.key in targets else ''}"
            cells.append(_paint(f"{label:<{CELL}}", hk, plain))
        rows.append("".join(cells).rstrip())
    legend = (
        f"{_paint('L', Faction.LEAF, plain)} Leaf   {_paint('S', Faction.SOUND, plain)} Sound   "
        f"{_paint('!', 'contested', plain)} contested   * you"
        + (f"   {OFFENSIVE_MARK} Sound offensive coming" if targets else "")
    )
    where = f"  You are in {zones[here].name}." if here in zones else ""
    return "\n".join(["North", *rows, "South", legend + where])


def warlog_lines(events, plain=False):
    """
    Args:
        events (iterable): WarEvent model rows (newest last).

    Returns:
        str: One line per event with its story date.
    """
    lines = [f"{year_text(e.story_year)}: {e.text}" for e in events]
    return "\n".join(lines) if lines else "Nothing has happened in this war yet."


def forecast_text(state, now, projection, zones):
    """
    The strategist's projection, in his voice.

    Args:
        state (WarState): The war.
        now (float): Wall time.
        projection (Forecast): From the engine.
        zones (dict): Zone key -> name.

    Returns:
        str: A few sentences.
    """
    if state.fallen:
        return "Shikamaru does not look up from the ashes of the map. 'There is nothing left to forecast.'"
    lines = ["Shikamaru moves a few pins on the map and sighs. 'If nothing changes...'"]
    if projection.next_zone:
        name = zones.get(projection.next_zone, projection.next_zone)
        verb = "is ours again" if projection.next_zone_taker is Faction.LEAF else "falls to the Sound"
        lines.append(
            f"  Next: {name} {verb} around {year_text(projection.next_zone_year)}"
            f" ({_in_real_time(state, now, projection.next_zone_year)})."
        )
    else:
        lines.append("  No zone changes hands in the next three years.")
    if projection.fall_year is not None:
        lines.append(
            f"  The Leaf falls around {year_text(projection.fall_year)}"
            f" ({_in_real_time(state, now, projection.fall_year)})."
        )
    else:
        lines.append("  The Leaf holds for at least three more years.")
    coming = offensives_text(state, now, zones)
    return "\n".join([*lines, coming] if coming else lines)


def offensives_text(state, now, zones):
    """
    The Sound's offensives under way, as the strategist reads them off his map.

    Args:
        state (WarState): The war.
        now (float): Wall time.
        zones (dict): Zone key -> name.

    Returns:
        str: A line per offensive, soonest first (empty when none is under way).
    """
    lines = []
    siege = siege_of(state)
    for offensive in pending(state):
        year = offensive.landing_year(state)
        when = f"{year_text(year)} ({_in_real_time(state, now, year)})"
        if offensive is siege:
            held = " while the defenders hold" if offensive.engaged else ""
            lines.append(
                f"  The siege: about {round(offensive.force)} Sound ninja storm the headquarters around "
                f"{when}{held}. Every ninja to its defence: |wsiege join|n there."
            )
            continue
        name = zones.get(offensive.zone, offensive.zone)
        lines.append(
            f"  The Sound prepares an offensive on {name}: about {round(offensive.force)} ninja, "
            f"landing around {when}. The raid board has missions to meet it."
        )
    return "\n".join(lines)


def _in_real_time(state, now, year):
    seconds = max(0.0, state.clock.wall_time_of(year) - now)
    if seconds < 3600:
        return f"in about {max(1, round(seconds / 60))} real minutes"
    if seconds < 48 * 3600:
        return f"in about {seconds / 3600:.1f} real hours"
    return f"in about {seconds / 86400:.1f} real days"

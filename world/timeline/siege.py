"""
The siege of the hidden headquarters as a server event: the story's end, told to everyone.

The war prepares the siege once the Sound has found the headquarters (`world.war.offensive`)
and lands it on its clock; the defenders fight it as a raid of its own (`world.raids.siege`,
`siege join` at the headquarters). Here is what makes it the server's event:

- the call: when the siege is prepared every connected session is told (telnet, webclient, the
  login screen), with when it lands and how to join; when it strikes, and when it is broken
  (the reprieve), everyone is told too. `on_war_events` is a war-service listener;
- the fall: a lost siege takes the headquarters and the Leaf falls (LEAF_FALLEN); the Second
  Chance service, which listens for the fall, starts its countdown and the ritual;
- a game master's order (`call_siege`): the Sound finds the headquarters now and its siege
  lands in a chosen number of real seconds. Audited like every war change.
"""

from world.ninja.refusal import Refusal
from world.timeline import announce
from world.war import offensive
from world.war.clock import DAYS_PER_YEAR
from world.war.events import EventKind, EventLog
from world.war.service import WAR
from world.war.state import OffensiveKind

# Shortest and longest wait a game master may give the siege, in real seconds.
LEAST_SECONDS, MOST_SECONDS = 10, 24 * 3600


class SiegeOrderError(Refusal, ValueError):
    """A siege order that cannot be carried out; the message says why."""


def _in_words(seconds):
    minutes = round(seconds / 60)
    return (
        f"{max(1, minutes)} minute{'s' if minutes != 1 else ''}"
        if seconds >= 90
        else f"{round(seconds)} seconds"
    )


def _siege_events(events):
    return [e for e in events if e.data.get("attack") == OffensiveKind.SIEGE.value]


def on_war_events(events):
    """
    A war-service listener: tell everyone of the siege's call, its assault and its end.

    Returns:
        int: How many announcements were made.
    """
    told = 0
    for event in _siege_events(events):
        if event.kind is EventKind.OFFENSIVE_PREPARED:
            left = event.data["landing_wall"] - WAR.clock()
            text = (
                f"|r[The Hokage's office] {event.text}|n The siege lands in about {_in_words(left)}. "
                "Come to the headquarters and |wsiege join|n to hold it."
            )
        elif event.kind is EventKind.OFFENSIVE_LANDED:
            text = f"|r[The Hokage's office] {event.text}|n"
        elif event.kind is EventKind.OFFENSIVE_REPELLED:
            text = f"|g[The Hokage's office] {event.text}|n"
        else:
            continue
        announce.tell_all(text)
        told += 1
    return told


def call_siege(actor, seconds):
    """
    A game master's order: the Sound finds the headquarters now, and its siege lands in
    `seconds` real seconds (at least one story day's tick).

    Args:
        actor (Account or Object): The game master (audited).
        seconds (float): Real seconds until it lands.

    Returns:
        Offensive: The siege.

    Raises:
        SiegeOrderError: No headquarters in this timeline, a siege already under way, the Leaf
            fallen, or a time out of range.
    """
    if not LEAST_SECONDS <= seconds <= MOST_SECONDS:
        raise SiegeOrderError(f"Give the siege {LEAST_SECONDS} seconds to {MOST_SECONDS // 3600} hours.")

    def apply(state, now, config):
        if state.fallen:
            raise SiegeOrderError("The Leaf has fallen already.")
        if not state.hq_exists or state.zones[config.hq.zone].holder.value != "leaf":
            raise SiegeOrderError("There is no hidden headquarters in this timeline to besiege.")
        if offensive.siege_of(state) is not None:
            raise SiegeOrderError("The siege is under way already (see |wsiege|n).")
        state.hq_found, state.discovery = True, 1.0
        log = EventLog(state.last_tick, state.clock.story_year(now), now)
        day = state.clock.seconds_per_year / DAYS_PER_YEAR
        # Counted from the last tick, which is in the past: the siege lands on the first tick
        # at least `seconds` from now, never sooner than the game master said.
        since_tick = now - state.clock.wall_time_of(state.last_tick * state.tick_days / DAYS_PER_YEAR)
        lead = (seconds + max(0.0, since_tick)) / day
        offensive.prepare_siege(state, config, log, state.last_tick, lead_days=lead)
        return log.events

    def view(state, now):
        siege = offensive.siege_of(state)
        return {"hq_found": state.hq_found, "siege": siege.to_dict() if siege else None}

    WAR.change(apply, actor, "siege start", "headquarters", view)
    return offensive.siege_of(WAR.state)


def subscribe():
    """Wire the call to the war (at server start, beside the other listeners)."""
    WAR.subscribe(on_war_events)

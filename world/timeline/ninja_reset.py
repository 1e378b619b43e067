"""
The player ninja's part in the Second Chance: every account's latest ninja, living or dead,
returns at the epoch's start room as a ninja of the Leaf at the start of the war, and what the
account remembers of earlier timelines gives it its legacy. Earlier ninja stay as they fell
(the chronicle names them).

For each latest ninja (see `owners`), in one pass of row writes:
- alive again: its `death` Attribute removed, and any lingering `poison`;
- the Leaf's, at its starting rank: genin, or higher if its legacy grants it;
- full health and chakra: the `health` and `chakra` gauges replaced by fresh ones for the rank
  (the traits' stored data, as a new ninja has it); other traits are kept;
- no path yet: each new timeline the player chooses one again (`path <name>`, offered as the
  ninja wakes); until then it knows the default path's techniques, plus any its legacy
  grants, and the starting pouch;
- its legacy title, or none;
- no rank points, deeds or exam records (`promotion.RESET_ATTRS`): the village of the new
  timeline has seen none of it, so every rank above the legacy's is earned again;
- home and where it wakes (`prelogout_location`, which Evennia puts a returning ninja in) set
  to the start room; a ninja standing in the world now (a puppet, or one never yet played)
  is moved there. Offline ninja stay out of the world as Evennia keeps them.

After the commit the cached objects are brought in line with the database (`dbsync.refresh`),
players whose ninja was reset are shown where they woke and their state (see `Wake`: worked
out once per room, not once per player), and a connected player whose latest ninja had fallen
is put back into it.
"""

import functools
from dataclasses import dataclass, field

import evennia
from evennia.contrib.rpg.traits.traits import GaugeTrait
from evennia.objects.models import ObjectDB
from evennia.utils import logger

from server import fanout
from world.clients import gmcp, notify
from world.combat import paths
from world.combat.bridge import PATH, POISON, POUCH, TECHNIQUES
from world.combat.catalog import get_catalog
from world.ninja.death import DEATH_ATTR
from world.ninja.ranks import RANK_STATS, Faction, Rank
from world.raids import promotion
from world.timeline import carryover, chronicle, dbsync
from world.timeline.dbsync import DELETE, AttributeOp
from world.timeline.participants import Participant, RollbackError, Section
from world.village.builder import room_by_id
from world.village.crowd import crowd_line, is_crowd

NAME = "ninja"
TRAITS = ("traits", "traits")
PRELOGOUT = "prelogout_location"
# Attributes read from each ninja (key, category).
READ = ((DEATH_ATTR, None), (TRAITS[0], TRAITS[1]), ("rank", None))
# Ninja listed one by one in the report; the rest are counted.
DETAIL = 20


@dataclass(frozen=True)
class NinjaReset:
    """What happens to one ninja."""

    id: int
    key: str
    account_id: int
    account: str
    was_dead: bool
    in_world: bool
    rank_before: str
    rank: Rank
    path: str
    techniques: tuple
    title: str | None
    legacy: tuple = ()


@dataclass
class NinjaPlan:
    """The section's data: the start room, each ninja's reset, and the attribute writes."""

    room_id: int
    room_key: str
    resets: list = field(default_factory=list)
    ops: list = field(default_factory=list)
    old_locations: tuple = ()
    earlier: int = 0


def gauge(label, top, regen):
    """
    Returns:
        dict: A full gauge trait's stored data, as `traits.add` makes it and a refill leaves
        it: current at the maximum, its regeneration timer stopped (the contrib restarts it
        when the gauge drops), so the data does not depend on the moment it was made.
    """
    return dict(_gauge(label, top, regen))


@functools.cache
def _gauge(label, top, regen):
    # Validated once per kind of gauge: thousands of ninja share a few.
    data = {"name": label, "trait_type": "gauge", "base": top, "rate": regen, "min": 0, "last_update": None}
    data = GaugeTrait.validate_input(GaugeTrait, data)
    data["current"] = top
    return data


def fresh_traits(traits, rank):
    """
    Args:
        traits (dict or None): The ninja's stored traits.
        rank (Rank): Its rank from now on.

    Returns:
        dict: The traits with full health and chakra gauges for `rank`; other traits kept.
    """
    stats = RANK_STATS[rank]
    fresh = dict(traits or {})
    fresh["health"] = gauge("Health", stats.health, stats.health_regen)
    fresh["chakra"] = gauge("Chakra", stats.chakra, stats.chakra_regen)
    return fresh


def plan(ctx):
    """The player ninja's section of the plan (see the module docstring)."""
    room = room_by_id(ctx.start_room_id)
    if room is None:
        raise RollbackError(
            f"The start room of the {ctx.epoch} epoch (room {ctx.start_room_id}) is not built."
        )
    latest = ctx.ownership.latest()
    ids = [n.id for n in latest.values()]
    stored = dbsync.read_values(ids, READ)
    counts = carryover.memory_counts(latest.keys(), ctx.new_timeline, extra=ctx.memories)
    legacies = {}
    catalog = get_catalog()
    data = NinjaPlan(room_id=room.id, room_key=room.key, earlier=len(ctx.ownership.earlier()))
    olds = set()
    for account_id, ninja in sorted(latest.items(), key=lambda item: item[1].id):
        carried = _legacy(legacies, counts[account_id])
        rank = carried.rank or Rank.GENIN
        path = catalog.paths.default  # until the player chooses again (`path <name>`)
        techniques = tuple(catalog.starting_techniques[path])
        techniques += tuple(t for t in carried.techniques if t not in techniques)
        data.resets.append(
            NinjaReset(
                id=ninja.id,
                key=ninja.key,
                account_id=account_id,
                account=ctx.ownership.accounts[account_id],
                was_dead=bool(stored.get((ninja.id, DEATH_ATTR, None))),
                in_world=ninja.location_id is not None,
                rank_before=str(stored.get((ninja.id, "rank", None)) or Rank.GENIN.value),
                rank=rank,
                path=path,
                techniques=techniques,
                title=carried.title,
                legacy=tuple(e.key for e in carried.effects),
            )
        )
        olds.add(ninja.location_id)
        traits = stored.get((ninja.id, *TRAITS))
        data.ops += [
            AttributeOp(ninja.id, DEATH_ATTR, None, DELETE),
            AttributeOp(ninja.id, POISON, None, DELETE),
            AttributeOp(ninja.id, "faction", None, Faction.LEAF.value),
            AttributeOp(ninja.id, "rank", None, rank.value),
            AttributeOp(ninja.id, *TRAITS, fresh_traits(traits, rank)),
            AttributeOp(ninja.id, PATH, None, DELETE),
            AttributeOp(ninja.id, TECHNIQUES, None, list(techniques)),
            AttributeOp(ninja.id, POUCH, None, dict(catalog.starting_pouch)),
            AttributeOp(ninja.id, carryover.TITLE_ATTR, None, carried.title or DELETE),
            AttributeOp(ninja.id, PRELOGOUT, None, room),
            *(AttributeOp(ninja.id, key, None, DELETE) for key in promotion.RESET_ATTRS),
        ]
    data.old_locations = tuple(sorted(i for i in olds if i is not None))
    return Section("Player ninja", _resets(data, ctx), _keeps(data), data=data, chronicle=_chronicle(ctx))


def _legacy(legacies, counts):
    """An account's legacy, combined once per distinct count of memories (most accounts share one)."""
    key = tuple(sorted(counts.items()))
    if key not in legacies:
        legacies[key] = carryover.combine(counts)
    return legacies[key]


def _chronicle(ctx):
    return {"fallen": chronicle.fallen_ninja(ctx.old_timeline, ctx.ownership)}


def _resets(data, ctx):
    resets = data.resets
    dead = sum(r.was_dead for r in resets)
    lines = [
        f"{len(resets)} player ninja (each account's latest) return to {data.room_key} as at the {ctx.epoch} "
        f"epoch: {dead} fallen brought back, {len(resets) - dead} living; full health and chakra, their "
        "a path to choose again (the default path's techniques until then) and the starting pouch; "
        f"{sum(r.in_world for r in resets)} now in the world are moved there, the rest wake there.",
    ]
    raised = [r for r in resets if r.legacy]
    if raised:
        lines.append(f"Legacy of earlier timelines for {len(raised)} of them (rank, techniques, title).")
    for r in resets[:DETAIL]:
        carried = f"; legacy: {', '.join(r.legacy)}" if r.legacy else ""
        lines.append(
            f"  {r.key} ({r.account}): {'fallen' if r.was_dead else 'alive'} -> alive, "
            f"{r.rank_before} -> {r.rank.value}, {r.path} path{carried}"
        )
    if len(resets) > DETAIL:
        lines.append(f"  ... and {len(resets) - DETAIL} more.")
    return lines


def _keeps(data):
    return [f"{data.earlier} earlier ninja stay as they fell (the chronicle names them)."]


def reset(ctx, section):
    """Write every ninja's reset as rows (inside the rollback's transaction)."""
    data = section.data
    moved = [r.id for r in data.resets if r.in_world]
    away = [r.id for r in data.resets if not r.in_world]
    if moved:
        ObjectDB.objects.filter(id__in=moved).update(db_location_id=data.room_id, db_home_id=data.room_id)
    if away:
        ObjectDB.objects.filter(id__in=away).update(db_home_id=data.room_id)
    ctx.applied[NAME] = dbsync.write_attributes(data.ops)


def after_commit(ctx, section):
    """Refresh the cached ninja and rooms, then show each player where they woke."""
    data = section.data
    resets = {r.id: r for r in data.resets}
    dbsync.refresh(resets, ctx.applied[NAME], rooms=(*data.old_locations, data.room_id))
    latest = {r.account_id: r.id for r in data.resets}
    wake = Wake(resets, ctx.new_timeline)
    for session in evennia.SESSION_HANDLER.get_sessions():
        try:
            _show(session, wake, latest)
        except Exception:
            logger.log_trace(f"Second Chance: could not bring session {session.sessid} into the new timeline")
    try:
        wake.send()
    except Exception:
        logger.log_trace("Second Chance: could not show the players where they woke")


def _show(session, wake, latest):
    puppet = session.puppet
    if puppet is not None:
        if puppet.id in wake.resets:
            wake.add(session, puppet)
        return
    account = session.account
    ninja_id = latest.get(account.id) if account is not None else None
    if ninja_id is not None:
        account.puppet_object(session, ObjectDB.objects.get(id=ninja_id))


@dataclass(frozen=True)
class RoomView:
    """What everyone waking in one room is shown alike."""

    parts: dict
    crowd: str | None
    info: object


class Wake:
    """
    What a player whose ninja was reset is shown: the room it woke in, as a look shows it, and
    its state (GMCP Char.Vitals, Char.Status, Room.Info, War.Zones), and how to choose a path for
    the new life.

    Hundreds wake at once, most of them in one room, so each part is worked out once: the
    room's name, description, exits and things once per room, with the crowd counted once
    (everyone else woke there too) where a look would list it for each looker, which costs the
    whole crowd's square; Room.Info once per room; vitals and status from the reset itself
    (full gauges of the ninja's rank, of the Leaf, in the new timeline) rather than read back
    from every ninja's reloaded Attributes. And what many sessions are shown alike goes to the
    portal once, with their ids (`server.fanout`), not once per session.

    Args:
        resets (dict): Ninja id -> its NinjaReset.
        timeline (int): The timeline that begins.
    """

    def __init__(self, resets, timeline):
        self.resets = resets
        self.timeline = timeline
        self._rooms = {}
        self._vitals = {}
        self._texts = {}  # text -> sessions
        self._messages = {}  # id of a gmcp.Message -> (message, sessions)
        catalog = get_catalog()
        self._offer = paths.offer(catalog.paths)  # every reset ninja chooses a path again
        self._path = catalog.paths.paths[catalog.paths.default]  # and walks the default one till then

    def add(self, session, puppet):
        """
        Work out what one session is shown (sent by `send`).

        Args:
            session (ServerSession): The session.
            puppet (Character): Its ninja, one of the reset.
        """
        room = puppet.location
        if room is None:
            return
        view = self._room(room, puppet)
        text = room.format_appearance(
            room.appearance_template.format(
                characters=view.crowd if view.crowd is not None else room.get_display_characters(puppet),
                **view.parts,
            ),
            puppet,
        )
        text += "\n" + self._offer
        self._texts.setdefault(text, []).append(session)
        reset = self.resets[puppet.id]
        status = gmcp.char_status(
            reset.key,
            reset.rank,
            Faction.LEAF,
            zone=view.info.payload.get("zone"),
            area=view.info.payload.get("area"),
            timeline=self.timeline,
            path=self._path,
        )
        for message in (self._vitals_of(reset.rank), status, view.info, notify.war_message()):
            if message is not None:
                self._messages.setdefault(id(message), (message, []))[1].append(session)

    def send(self):
        """Send what `add` worked out: each text, then each GMCP message, once to all its sessions."""
        for text, sessions in self._texts.items():
            fanout.send(sessions, text=(text, {"type": "look"}))
        for message, sessions in self._messages.values():
            notify.send(sessions, message)

    def _room(self, room, looker):
        view = self._rooms.get(room.id)
        if view is None:
            others = len(room.contents_get(content_type="character")) - 1
            view = self._rooms[room.id] = RoomView(
                parts={
                    "header": room.get_display_header(looker),
                    "name": room.get_display_name(looker),
                    "extra_name_info": "",
                    "desc": room.get_display_desc(looker),
                    "exits": room.get_display_exits(looker),
                    "things": room.get_display_things(looker),
                    "footer": room.get_display_footer(looker),
                },
                crowd=crowd_line([], others) if is_crowd(others) else None,
                info=notify.room_message(room),
            )
        return view

    def _vitals_of(self, rank):
        if rank not in self._vitals:
            stats = RANK_STATS[rank]
            self._vitals[rank] = gmcp.char_vitals(
                {
                    "health": stats.health,
                    "health_max": stats.health,
                    "chakra": stats.chakra,
                    "chakra_max": stats.chakra,
                }
            )
        return self._vitals[rank]


PARTICIPANT = Participant(NAME, plan, reset, after_commit, order=200)

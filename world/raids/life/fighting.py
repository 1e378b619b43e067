"""
Fights inside a raid: rounds of the combat rules, room by room.

Each room with Sound ninja has its own fight (`state.Fight`): the members standing there
are its Leaf fighters, the room's enemies its Sound fighters. Players choose actions with
the combat commands; a round resolves as soon as every conscious player of the fight who is
connected has chosen, or when its deadline passes (settings.RAID_ROUND_SECONDS, 15 s by
default): whoever has not chosen waits. The deadline is wall time kept in the raid's row,
and the raid clock (one persistent Script) checks it every second, so a reload only delays
a round.

The promises the fight makes, kept here:

- **Downed means the whole window.** A downed member's rounds run on their deadline even
  when nobody of the Leaf stands in that fight any more (a teammate from another room, or one
  who joins, may still come and revive them); only an empty window kills.
- **A team all down fails at once.** When every member inside lies downed, nobody is left to
  save anyone: the raid ends there, failed, and the Sound, holding the field, leave the fallen
  for dead. A Leaf patrol brings them to the infirmary on their last breath (their pouch,
  health and poison as they fell). Nobody dies of it; the war pays for the failure.
- **A dropped player is covered for `COVER_ROUNDS`.** A member who disconnects in a fight
  stays in it (waiting each round) while the team covers them; after that many rounds
  they are pulled out, alive, to the infirmary, and read what happened when they return. A
  fight with nobody connected left in it is held until someone comes back.

After a round: every message goes to each fighter as the combat rules word it for them (and
the onlookers' text to anyone else in the room, and to watching game masters); the report
counts damage, kills and falls; players' health, chakra, pouch and poison are written back
to their Characters; a ninja whose revive window ran out dies for the timeline
(`world.ninja.death.kill`); a ninja who fled falls back to the room they came from, and a
ninja carried out (with the one carrying them) is taken to the infirmary. A won fight
clears the room; a lost one leaves its surviving enemies waiting there.
"""

from django.conf import settings

from world.clients import items
from world.combat import bridge
from world.combat.actions import ActionKind
from world.combat.catalog import get_catalog
from world.combat.encounter import Outcome
from world.combat.errors import CombatError
from world.combat.fighter import Side, Status
from world.combat.messages import MessageKind
from world.combat.rounds import resolve_round
from world.ninja.death import kill
from world.raids import lieutenants, teams, teamstore
from world.raids.content import Condition
from world.raids.encounters import round_rng
from world.raids.generator import MARK_ID
from world.raids.life.crowd import RoundDigest
from world.raids.life.state import MemberStatus
from world.raids.life.telling import INFIRMARY, by_id, hq_room
from world.raids.npcs import hq_built, place_npcs
from world.raids.siege import siege_content
from world.raids.terrain import feature_of, take_cover

DEFAULT_ROUND_SECONDS = 15
CHOICES = "attack, jutsu, use, revive, carry, flee or wait"
COVER_ROUNDS = 3
# Attribute holding what a member pulled out while disconnected reads when they return.
NOTICE = "raid_notice"
LEFT_FOR_DEAD = (
    "|rNobody of your team is left standing.|n The Sound leave you for dead. Hours later a Leaf "
    "patrol finds you and carries you to the headquarters' infirmary, barely breathing."
)
COVERED = (
    "Your team covered you for {rounds} rounds while you were gone, then got you out: you are "
    "back at the headquarters' infirmary."
)


def round_seconds():
    """Seconds a round waits for its players (settings.RAID_ROUND_SECONDS)."""
    return float(getattr(settings, "RAID_ROUND_SECONDS", DEFAULT_ROUND_SECONDS))


def take_notice(character):
    """
    Returns:
        str or None: What happened in the raid while the player was gone (once), if anything.
    """
    notice = character.attributes.get(NOTICE)
    if notice:
        character.attributes.remove(NOTICE)
    return notice


def fighter_id(character):
    return bridge.fighter_id_of(character)


def _line(fighter):
    tags = fighter.status_tags()
    extra = f" ({', '.join(tags)})" if tags else ""
    return f"{fighter.name} [{fighter.health}/{fighter.health_max}]{extra}"


class Fighting:
    """The fight half of the raid service (mixed into RaidService)."""

    # ------------------------------------------------------------------ joining and showing

    def join_fight(self, raid, room_id, character):
        """Put a member standing in the room into its fight (started if need be)."""
        fight = raid.fights.get(room_id) or raid.encounter_for(room_id)
        fid = fighter_id(character)
        existing = fight.encounter.get(fid)
        if existing is not None and existing.status in (Status.ACTIVE, Status.DOWNED):
            return fight
        fight.encounter.fighters.pop(fid, None)
        fighter = fight.encounter.add(bridge.fighter_from_character(character))
        if take_cover(fighter, feature_of(raid.plan, room_id)):
            character.msg("You take cover: the first blow aimed at you here will find only the ground.")
        if fight.deadline is None:
            fight.deadline = self.clock() + round_seconds()
        return fight

    def fight_text(self, raid, room_id, viewer=None):
        """The fight in a room as a member reads it (the `fight` command)."""
        fight = raid.fights.get(room_id)
        if fight is None or not fight.ongoing:
            return "There is no fight here."
        encounter = fight.encounter
        lines = [f"|wFight, round {encounter.round + 1}|n"]
        lines.append("  Sound: " + "; ".join(_line(f) for f in fight.enemies()))
        lines.append("  Leaf:  " + "; ".join(_line(f) for f in fight.players()))
        waiting = [
            f.name
            for f in fight.players()
            if f.active and f.id not in fight.pending and self.fighter_connected(f.id)
        ]
        if viewer is not None and fighter_id(viewer) in fight.pending:
            lines.append(
                f"  You have chosen: {self.describe_action(fight, fight.pending[fighter_id(viewer)])}."
            )
        if waiting:
            left = max(0, round((fight.deadline or self.clock()) - self.clock()))
            lines.append(f"  Waiting for: {', '.join(waiting)} (the round goes ahead in {left} s).")
        return "\n".join(lines)

    def describe_action(self, fight, action):
        """What a chosen action will do, after "You will ..."."""
        if action.kind is ActionKind.WAIT:
            return "catch your breath"
        if action.kind is ActionKind.FLEE:
            return "break away and flee"
        catalog = get_catalog()
        if action.kind is ActionKind.ITEM:
            name = f"a {catalog.items[action.key].name}"
        else:
            name = catalog.techniques[action.key].name
        target = fight.encounter.get(action.target) if action.target else None
        if target is not None and target.id != action.actor:
            return f"use {name} on {target.name}"
        return f"use {name}"

    # ------------------------------------------------------------------ choosing

    def choose(self, character, planner):
        """
        File a member's action for the next round of their fight.

        Args:
            character (Character): Who acts.
            planner (callable): planner(encounter, fighter_id) -> Action (a combat `plan_*`).

        The player is told what they chose before any round their choice completes.

        Raises:
            CombatError: With a sentence for the player.
        """
        raid = self.raid_of(character)
        room_id = raid.member(character)["room"] if raid else None
        fight = raid.fights.get(room_id) if raid else None
        fid = fighter_id(character)
        if fight is None or not fight.ongoing or fight.encounter.get(fid) is None:
            raise CombatError("There is nothing to fight here.")
        action = planner(fight.encounter, fid)
        fight.pending[fid] = action
        character.msg(f"You will {self.describe_action(fight, action)} this round.")
        if self.ready(fight):
            self.resolve(raid, room_id)
        else:
            raid.save()

    def ready(self, fight):
        """True when every connected, standing player has chosen (and someone is connected)."""
        standing = [f for f in fight.encounter.side(Side.LEAF) if f.active]
        present = [f for f in standing if self.fighter_connected(f.id)]
        return bool(present) and all(f.id in fight.pending for f in present)

    # ------------------------------------------------------------------ the clock

    def tick(self, now=None):
        """Resolve every round whose deadline has passed (the raid clock's call), and move
        the Leaf's command once the headquarters comes to exist (or is gone after a Second
        Chance); the siege's crowd is told who joined it this second; raids nobody plays any more
        are ended (`bring_home_unattended`)."""
        now = self.clock() if now is None else now
        self.tell_joins()
        self.bring_home_unattended(now)
        built = hq_built()
        if getattr(self, "_command_placed", None) is not built:
            place_npcs()
            self._command_placed = built
        for raid in list(self.running()):
            for room_id in list(raid.fights):
                if raid.id not in self.raids:
                    break
                fight = raid.fights.get(room_id)
                if fight is None or not fight.ongoing or fight.deadline is None or fight.deadline > now:
                    continue
                leaf = fight.encounter.side(Side.LEAF)
                if any(f.downed for f in leaf) or any(
                    f.active and self.fighter_connected(f.id) for f in leaf
                ):
                    self.resolve(raid, room_id)
                else:
                    fight.deadline = now + round_seconds()
                    raid.save()

    # ------------------------------------------------------------------ a round

    def resolve(self, raid, room_id):
        """Play the next round of a room's fight and deal with everything it did."""
        fight = raid.fights[room_id]
        encounter = fight.encounter
        rng = round_rng(raid.plan.seed, room_id, encounter.round)
        result = resolve_round(encounter, dict(fight.pending), rng)
        fight.pending.clear()
        self._deliver_round(raid, room_id, result)
        self._count(raid, room_id, result)
        self._settle_lieutenants(raid, encounter, result)
        for fighter in encounter.side(Side.LEAF):
            char = by_id(int(fighter.id[1:]))
            if char is not None:
                bridge.write_back(fighter, char)
                items.sync(char)  # the pouch may have changed
        for fid in result.died:
            self._die(raid, room_id, fid)
        escaped = list(dict.fromkeys(result.escaped))
        leaf_escaped = [
            fid for fid in escaped if fid.startswith("#")
        ]  # a Sound foe who slips away is no ninja
        carried = {m.target for m in result.messages if m.kind is MessageKind.CARRIED}
        carried |= {m.actor for m in result.messages if m.kind is MessageKind.CARRIED}
        for fighter in encounter.side(Side.LEAF):
            if fighter.status is Status.DEAD:
                encounter.fighters.pop(fighter.id)
        for fid in escaped:
            encounter.fighters.pop(fid, None)
        covered = self._cover_absent(fight)
        self.held_the_gate(raid, room_id)
        outcome = encounter.outcome
        if outcome is Outcome.ONGOING:
            fight.deadline = self.clock() + round_seconds()
            self._prompt_round(raid, room_id)
        elif outcome is Outcome.VICTORY and self.next_wave(raid, room_id):
            pass  # the siege's next wave is in the room: the fight goes on
        elif outcome is Outcome.VICTORY:
            del raid.fights[room_id]
            raid.progress.cleared.add(room_id)
            self.tell(raid, "|gThe fight is over: no Sound ninja stands here.|n", room_id)
            for _, char in self.characters(raid, room_id):
                self.on_clear_ground(raid, room_id, char)
        else:
            fight.deadline = None
        for fid in leaf_escaped:
            char = by_id(int(fid[1:]))
            if char is not None:
                self._escape(raid, char, carried=fid in carried)
        for char in covered:
            self.leave_raid(raid, char, hq_room(INFIRMARY), save=False)
            char.attributes.add(NOTICE, COVERED.format(rounds=COVER_ROUNDS))
            self.tell(
                raid, f"{char.key} has been gone too long: the team gets them out of the fight.", room_id
            )
        raid.save()
        if raid.all_down():
            self.left_for_dead(raid)
            return
        self.send_status(raid)
        self.check_end(raid)

    def _cover_absent(self, fight):
        """Count a round for each disconnected standing member; those covered long enough leave."""
        out = []
        for fighter in fight.encounter.side(Side.LEAF):
            if not fighter.active or self.fighter_connected(fighter.id):
                fight.absent.pop(fighter.id, None)
                continue
            fight.absent[fighter.id] = fight.absent.get(fighter.id, 0) + 1
            if fight.absent[fighter.id] >= COVER_ROUNDS:
                fight.absent.pop(fighter.id)
                char = by_id(int(fighter.id[1:]))
                if char is not None:
                    out.append(char)
        return out

    def left_for_dead(self, raid):
        """The whole team is down: the raid fails now, the fallen are brought home alive."""
        infirmary = hq_room(INFIRMARY)
        floor = get_catalog().rules.carried_out_health
        for _, char in self.characters(raid):
            char.traits.health.current = max(floor, int(char.traits.health.current))
            self.leave_raid(raid, char, infirmary, save=False)
            char.msg(LEFT_FOR_DEAD)
        return self.finish(raid, ended_by="the whole team was down", failed=True)

    def _prompt_round(self, raid, room_id):
        fight = raid.fights[room_id]
        for cid, char in self.characters(raid, room_id):
            fighter = fight.encounter.get(f"#{cid}")
            if fighter is not None and fighter.active:
                prompt = char.ndb.prompted = char.prompt_text()
                char.msg(
                    f"|wRound {fight.encounter.round + 1}:|n choose ({CHOICES}); "
                    f"the round goes ahead in {round(round_seconds())} s.",
                    prompt=prompt,
                )

    def _deliver_round(self, raid, room_id, result):
        """Each round's messages, worded for each reader, as one block per reader."""
        room = self.instance_room(raid, room_id)
        encounter = raid.fights[room_id].encounter
        readers = [obj for obj in (room.contents if room else []) if self.connected(obj)]
        header = f"|w-- Round {result.round} --|n"
        digest = None
        if len(encounter.side(Side.LEAF)) > siege_content().crowd_fight:
            digest = RoundDigest(result.messages, encounter)
        for reader in readers:
            fid = fighter_id(reader) if encounter.get(fighter_id(reader)) else None
            if digest is not None:
                lines = digest.block(fid)
            else:
                lines = [text for text in (m.text_for(fid) for m in result.messages) if text]
            reader.msg("\n".join([header, *lines]))
        self.watch(raid, "\n".join([header, *(m.to_others for m in result.messages if m.to_others)]))

    def _count(self, raid, room_id, result):
        """Damage, kills, blame and the boss's death or escape, from a round's messages."""
        report, progress = raid.report, raid.progress
        encounter = raid.fights[room_id].encounter
        for message in result.messages:
            actor, target = message.actor, message.target
            if message.kind is MessageKind.DAMAGE or message.kind is MessageKind.POISON_TICK:
                report.damage(
                    raid.name_of(actor) if actor else "poison", raid.name_of(target), message.amount
                )
            if message.kind is MessageKind.POISONED and target and target.startswith("#"):
                progress.poisoner[target] = raid.name_of(actor)
            if target and target.startswith("#"):
                if message.kind is MessageKind.DAMAGE and actor and not actor.startswith("#"):
                    progress.blame[target] = {"by": raid.name_of(actor), "poison": False}
                elif message.kind is MessageKind.POISON_TICK:
                    progress.blame[target] = {"by": progress.poisoner.get(target, "poison"), "poison": True}
            if message.kind is MessageKind.KILLED and target and not target.startswith("#"):
                enemy = raid.enemy(target)
                killer = actor if actor and actor.startswith("#") else None
                if killer is None:
                    killer = next((f.id for f in encounter.side(Side.LEAF)), None)
                if enemy is not None:
                    report.kill(raid.name_of(killer), enemy)
                if (
                    enemy is not None
                    and enemy.id == raid.plan.boss.id
                    and raid.condition is Condition.KILL_BOSS
                ):
                    self.complete_objective(raid, f"{enemy.name} is dead.")
                if enemy is not None and enemy.id == MARK_ID and raid.condition is Condition.KILL_MARK:
                    self.complete_objective(raid, f"{enemy.name} is dead: the Sound are blind here.")
            if (
                message.kind in (MessageKind.SLIPPED, MessageKind.FLED)
                and target == raid.plan.boss.id
                and raid.condition is Condition.KILL_BOSS
            ):  # a recurring boss beaten off (world/combat/recurring.py): he lives, his men do not
                self.complete_objective(raid, f"{raid.name_of(target)} is beaten and slips away.")
            if (
                message.kind is MessageKind.MARKED
                and target == raid.plan.boss.id
                and raid.condition is Condition.MARK_BOSS
            ):
                self.complete_objective(
                    raid, f"The tracking seal is on {raid.name_of(target)}: the Leaf's sensors will follow."
                )

    def _settle_lieutenants(self, raid, encounter, result):
        """A story lieutenant who slipped away or died this round: his record, and the team told."""
        ended = (MessageKind.SLIPPED, MessageKind.FLED, MessageKind.KILLED)
        gone = dict.fromkeys(m.target for m in result.messages if m.kind in ended and m.target)
        for fid in gone:
            fighter = encounter.get(fid)
            if fighter is not None and fighter.recurring and fighter.status in (Status.ESCAPED, Status.DEAD):
                self.tell(raid, lieutenants.settle(fighter, raid.row.timeline, get_catalog()))

    def cause_of_death(self, raid, fid, room_id):
        """How a member died, as a fragment after their name."""
        blame = raid.progress.blame.get(fid) or {}
        where = f"in {raid.plan.room(room_id).name} ({raid.plan.title})"
        if blame.get("poison"):
            return f"died of {blame.get('by', 'the Sound')}'s poison {where}"
        return f"was cut down by {blame.get('by', 'the Sound')} {where}"

    def _die(self, raid, room_id, fid):
        cid = int(fid[1:])
        info = raid.members.get(cid)
        char = by_id(cid)
        if info is None or char is None:
            return
        cause = self.cause_of_death(raid, fid, room_id)
        raid.report.fall(info["name"], cause)
        info["status"] = MemberStatus.DEAD
        timeline = raid.row.timeline
        kill(char, cause, timeline, now=self.clock(), raid=raid.id, seed=raid.plan.seed)
        record = teamstore.team_of(char)
        if record is not None:
            teamstore.store(record, teams.leave(record.team, char.key))

    def _escape(self, raid, char, carried):
        """A fighter left the fight alive: fled back a room, or carried out of the raid."""
        info = raid.member(char)
        if info is None or info["status"] != MemberStatus.IN:
            return
        if carried:
            self.leave_raid(raid, char, hq_room(INFIRMARY))
            char.msg("You are out of the raid and back at the headquarters' infirmary.")
            self.tell(raid, f"{info['name']} is out of the raid, back at the headquarters.")
            return
        back = info.get("came_from")
        if back is None or back == info["room"]:
            back = raid.plan.entry
        info["came_from"], info["room"] = info["room"], back
        self.move(char, self.instance_room(raid, back))
        char.msg(f"You fall back to {raid.plan.room(back).name}.")
        self.arrive(raid, char, back)

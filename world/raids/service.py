"""
The raids in the game: the board, launching, moving through an instance, loot, objectives,
leaving, and the game masters' hold on running raids. `RAIDS` is the one service.

A raid lives in its `Raid` row (see models.py); the service keeps a `RunningRaid` per running
raid in memory, loaded from the rows on first use (so after a reload they come back by
themselves), and saves it after every change. Launching builds the instance: one room per
room of the seeded plan (4 to 10), tagged with the raid's id, joined by exits that agree
with the plan's grid, an object per turn of the reactor while the team sets out
(life/grounds.py); ending it deletes them (life/ending.py). Fights are in life/fighting.py,
the objective and loot in life/objective.py, the game masters' tools in life/oversight.py.

Inside, the team walks together: when the leader takes an exit, every member in the room
with them who follows (the default) and is connected walks too, and they arrive at once, so
a fight starts with all of them in it. A member who walks on their own splits off (they
stop following until `team follow`); `team stay` holds back on purpose.

Who may raid: a strike team's leader launches from the headquarters (alone, a ninja is a
team of one), and takes every teammate who is online and at the headquarters; a teammate
left behind may `raid join` the running raid while it has room. A raid of the hardest bands
needs a ninja of a rank in the team going (`promotion.check_gate`; the board says so beside
it). Every refusal is a `RaidRefusal` whose message is for the player.
"""

import time

from evennia.scripts.models import ScriptDB
from evennia.utils.create import create_script
from evennia.utils.utils import delay

from world.combat import bridge
from world.combat.catalog import get_catalog
from world.ninja.death import is_dead
from world.ninja.ranks import Faction
from world.raids import advancement, lieutenants, promotion
from world.raids.board import Threat, offers, render
from world.raids.content import Condition, content
from world.raids.generator import RaidError
from world.raids.life.ending import Ending
from world.raids.life.fighting import CHOICES, Fighting, round_seconds
from world.raids.life.grounds import Instance, next_turn
from world.raids.life.objective import Objectives
from world.raids.life.oversight import Oversight
from world.raids.life.state import MemberStatus, RunningRaid
from world.raids.life.telling import BRIEFING_ROOM, Delivery, by_id, hq_room
from world.raids.models import Raid, RaidStatus
from world.raids.models import RaidReport as ReportRow
from world.raids.odds import odds_for
from world.raids.refusal import RaidRefusal
from world.raids.report import RaidReport
from world.raids.siege import Siege
from world.raids.teams import Team
from world.raids.teamstore import team_of
from world.raids.terrain import feature_of, set_foot, strikes
from world.village.layout import current_layout
from world.war.offensive import pending
from world.war.queries import strengths_by_zone
from world.war.service import WAR
from world.war.state import OffensiveKind

CLOCK_TYPECLASS = "typeclasses.raids.RaidClock"
CLOCK_KEY = "raid_clock"
# Seconds after a reconnection before the player is greeted (the puppeting must finish first).
WELCOME_DELAY = 0.5
# A member's flag (in the raid's member record): walks with the leader.
FOLLOWS = "follows"


def at_headquarters(character):
    """True where raids set out: the zone of the Leaf's command in this epoch."""
    location, post = character.location, hq_room()
    return bool(location and post and WAR.ready and location.db.zone == post.db.zone)


def way_to_the_board(character):
    """
    Returns:
        str: Where raids set out from, and the way there from where the character stands.
    """
    post = hq_room()
    if post is None:  # a world without the village's rooms (a bare test world)
        return "Raids set out from the Leaf's command, where Shikamaru hands them out."
    zone = current_layout().zones.get(post.db.zone)
    text = f"Raids set out from the {post.key} ({zone.name if zone else post.db.zone}), where Shikamaru hands them out."
    here = getattr(character.location, "db", None) and character.location.db.room_id
    steps = current_layout().way(here, post.db.room_id) if here is not None and post.db.room_id else None
    if steps:
        text += f" The way from here: {', '.join(steps)}."
    return text


class RaidService(Delivery, Fighting, Instance, Ending, Objectives, Oversight, Siege):
    """
    Args:
        clock (callable): Wall time; tests inject a fake clock.
        later (callable): later(callback, *args) runs the callback at a later turn of the
            reactor (life.grounds.next_turn); tests inject their own turns.
    """

    def __init__(self, clock=time.time, later=next_turn):
        self.clock = clock
        self.later = later
        self.raids = {}
        self._loaded = False
        self.building = set()  # ids of raids whose instance is being built in this process
        self.ending = set()  # ids of raids whose end is under way in this process
        self.joined = {}  # siege raid id -> names of defenders who joined since the last line
        self.unattended = {}  # raid id -> since when nobody inside has been connected

    # ------------------------------------------------------------------ finding raids

    def running(self):
        """Every running raid (loaded from the database on first use)."""
        if not self._loaded:
            for row in Raid.objects.filter(status=RaidStatus.RUNNING):
                if row.id not in self.raids:
                    self.raids[row.id] = RunningRaid(row)
            self._loaded = True
        return list(self.raids.values())

    def get(self, raid_id):
        """The running raid with this id, or None."""
        self.running()
        return self.raids.get(raid_id)

    def raid_of(self, character):
        """The running raid the character is inside, or None."""
        for raid in self.running():
            info = raid.member(character)
            if info and info["status"] == MemberStatus.IN:
                return raid
        return None

    def forget(self):
        """Drop the raids held in memory: the next use loads them from the rows (as after a reload)."""
        self.raids = {}
        self._loaded = False

    def ensure_clock(self):
        """Make sure the raid clock (one persistent Script for every raid) exists and runs."""
        script = ScriptDB.objects.filter(db_key=CLOCK_KEY).first()
        if script is None:
            create_script(CLOCK_TYPECLASS, key=CLOCK_KEY, persistent=True, autostart=True)
        elif not script.is_active:
            script.start()

    # ------------------------------------------------------------------ the board

    def board(self):
        """The raids the strategist offers now (board.offers, from the running war)."""
        state, now, config = WAR.state, WAR.clock(), WAR.config
        holders = {key: "contested" if z.contested else z.holder.value for key, z in state.zones.items()}
        neighbours = {key: info.neighbours for key, info in config.zones.items()}
        strength = {key: forces[Faction.SOUND] for key, forces in strengths_by_zone(state, now).items()}
        reports = list(ReportRow.objects.filter(timeline=state.timeline))
        opening_done = any(r.story == "opening" and r.result == "success" for r in reports)
        counts = {}
        for zone in Raid.objects.filter(timeline=state.timeline).values_list("zone", flat=True):
            counts[zone] = counts.get(zone, 0) + 1
        revealed = [
            r.zone
            for r in reports
            if r.result == "success" and any(e.get("effect") == "reveal" for e in r.data.get("effects", ()))
        ]
        threats = [
            Threat(attack.id, attack.zone, attack.force)
            for attack in pending(state)
            if attack.kind is OffensiveKind.ASSAULT
        ]
        return offers(
            holders,
            neighbours,
            strength,
            f"{state.timeline}.{state.seed}",
            opening_done,
            raid_counts=counts,
            revealed=revealed,
            threats=threats,
            lieutenant=lieutenants.alive(state.timeline, get_catalog()),
        )

    def board_text(self, asking=None):
        """
        The board as `asking` reads it: each raid labelled by its simulated odds for the
        character's strike team (or for them alone), when there is someone asking.
        """
        if asking is None:
            return render(self.board())
        ranks = [member.rank for member in self.team_members(asking)]
        text = render(
            self.board(),
            lambda offer: odds_for(offer, ranks),
            lambda offer: promotion.gate_note(offer, ranks),
        )
        return text if at_headquarters(asking) else f"{text}\n\n{way_to_the_board(asking)}"

    def team_members(self, character):
        """The characters of the character's strike team (themselves first), or just them."""
        record = team_of(character)
        others = record.members() if record is not None else []
        return [character, *(c for c in others if c != character and not is_dead(c))]

    # ------------------------------------------------------------------ launching

    def _team_for(self, leader):
        """The characters a leader takes on a raid, and the names of teammates left behind."""
        record = team_of(leader)
        if record is None:
            return [leader], [], None
        if record.team.leader != leader.key:
            raise RaidRefusal(f"Only your team's leader, {record.team.leader}, can launch a raid.")
        going, behind = [leader], []
        for char in record.members():
            if char is leader:
                continue
            if (
                self.connected(char)
                and at_headquarters(char)
                and self.raid_of(char) is None
                and not is_dead(char)
            ):
                going.append(char)
            else:
                behind.append(char.key)
        return going, behind, record.id

    def _check_launcher(self, leader):
        if not WAR.ready:
            raise RaidRefusal("The war has not started yet: try again in a moment.")
        if self.raid_of(leader) is not None:
            raise RaidRefusal("You are already on a raid (|wraid leave|n to go home).")
        if not at_headquarters(leader):
            raise RaidRefusal(way_to_the_board(leader))

    def launch(self, leader, number):
        """
        Launch the board's raid number `number` (counted from 1) with the leader's team.

        Returns:
            RunningRaid: The raid, its team setting out (in its entry room once it is built).

        Raises:
            RaidRefusal: Not the leader, not at the headquarters, no such raid, and so on.
        """
        self._check_launcher(leader)
        going, behind, team_id = self._team_for(leader)
        board = self.board()
        if not board:
            raise RaidRefusal("There is nothing on the board to launch.")
        if not 1 <= number <= len(board):
            raise RaidRefusal(
                f"There is no raid {number} on the board: choose 1 to {len(board)} (see |wraid|n)."
            )
        promotion.check_gate(board[number - 1], going)
        raid = self.start(board[number - 1], going, team_id)
        if behind:
            leader.msg(f"Left behind (not here or not online): {', '.join(behind)}. They can |wraid join|n.")
        return raid

    def start(self, offer, characters, team_id=None, plan=None):
        """
        Start a raid from an offer: its row now, its instance over the next turns, after which
        the team enters it (instance.py).

        Args:
            offer (RaidOffer): What to raid (from the board, or a game master's choice).
            characters (list of Character): The members, the leader first (1 to 4).
            team_id (int, optional): The team's row id, for `raid join`.
            plan (RaidPlan, optional): The raid's plan, made already (the siege's); by
                default the offer generates it from its zone's squads.

        Returns:
            RunningRaid: The raid, setting out.

        Raises:
            RaidRefusal: If the plan cannot be generated.
        """
        now, state = self.clock(), WAR.state
        squads = [
            (squad.id, squad.rank, squad.strength_at(WAR.clock()))
            for squad in state.squads.values()
            if squad.zone == offer.source_zone and squad.faction is Faction.SOUND
        ]
        try:
            plan = plan or offer.generate(squads, len(characters))
        except RaidError as err:
            raise RaidRefusal(str(err)) from None
        team = Team(leader=characters[0].key, members=tuple(char.key for char in characters))
        report = RaidReport.start(plan, team, offer.source_zone, now)
        row = Raid.objects.create(
            timeline=state.timeline,
            seed=plan.seed,
            zone=plan.zone,
            source_zone=offer.source_zone,
            title=plan.title,
            story=plan.story or "",
            team_id=team_id,
            offer=offer.to_dict(),
            plan=plan.to_dict(),
            report=report.to_dict(),
            members={
                str(char.id): {
                    "name": char.key,
                    "room": plan.entry,
                    "came_from": None,
                    "status": MemberStatus.IN,
                }
                for char in characters
            },
            started_at=now,
        )
        raid = RunningRaid(row)
        raid.progress.loot = {room.id: {d.item: d.qty for d in room.loot} for room in plan.rooms if room.loot}
        raid.progress.setting_out = True
        self.running()
        self.raids[raid.id] = raid
        raid.save()
        self.ensure_clock()
        found = odds_for(offer, [char.rank for char in characters])
        label = f"{found.label} for your team" if found else content().band(plan.difficulty).label.lower()
        briefing = (
            f"|wRaid {raid.id}: {plan.title}|n ({label}, seed {plan.seed})\n"
            f"{plan.objective.briefing}\n|wObjective:|n {plan.objective.goal}\n"
            f"Move by the exits; |wraid|n shows how it goes, |wraid leave|n takes you home.\n"
            f"Your team sets out for {plan.room(plan.entry).name}..."
        )
        for char in characters:
            char.msg(briefing)
        issued = [advancement.item_name(key, qty) for key, qty in plan.objective.issued.items()]
        for key, qty in plan.objective.issued.items():
            advancement.add_to_pouch(characters[0], key, qty)
        if issued:
            characters[0].msg(f"Shikamaru hands you {', '.join(issued)} for the job.")
        self.build(raid)
        return raid

    # ------------------------------------------------------------------ joining and leaving

    def join(self, character):
        """
        Join your team's running raid at its entry.

        Raises:
            RaidRefusal: No team, no raid, a finished or full raid, already on one.
        """
        if self.raid_of(character) is not None:
            raise RaidRefusal("You are already on a raid.")
        record = team_of(character)
        if record is None:
            raise RaidRefusal("You are not in a strike team: launch a raid of your own with |wraid launch|n.")
        last = Raid.objects.filter(team_id=record.id).order_by("-id").first()
        if last is None:
            raise RaidRefusal("Your team is not on a raid.")
        raid = self.get(last.id)
        if raid is None:
            raise RaidRefusal(f"Your team's raid ({last.title}) is over.")
        if character.id in raid.members:
            raise RaidRefusal("You have already left that raid; it goes on without you.")
        if len(raid.members) >= content().max_team:
            raise RaidRefusal(f"That raid is full ({content().max_team} ninja).")
        if not at_headquarters(character):
            raise RaidRefusal("Set out from the headquarters to join your team.")
        entry = raid.plan.room(raid.plan.entry).name
        return self.add_member(
            raid,
            character,
            f"{character.key} catches up with the team setting out for {entry}.",
            f"{character.key} joins the raid at {entry}.",
        )

    def add_member(self, raid, character, setting_out_text, joined_text):
        """
        A ninja joins a running raid at its way in: with the team once it goes in (while it
        sets out), or into the instance now.

        Args:
            raid (RunningRaid): The raid.
            character (Character): Who joins.
            setting_out_text (str): What the raid is told while the team sets out.
            joined_text (str or None): What it is told once the raid is under way (None: the
                caller tells it, as the siege does in one line a second for a crowd).

        Returns:
            RunningRaid: The raid.
        """
        raid.members[character.id] = {
            "name": character.key,
            "room": raid.plan.entry,
            "came_from": None,
            "status": MemberStatus.IN,
        }
        raid.report.team.append(character.key)
        if raid.progress.setting_out:  # the whole team goes in together once the way is ready
            self.tell(raid, setting_out_text)
        else:
            if joined_text is not None:
                self.tell(raid, joined_text)
            self.move(character, self.instance_room(raid, raid.plan.entry))
            self.arrive(raid, character, raid.plan.entry)
        raid.save()
        self.send_status(raid)
        return raid

    def leave(self, character):
        """
        Walk out of the raid, back to the headquarters (the raid ends when the last one leaves).

        Raises:
            RaidRefusal: Not on a raid, or in a fight.
        """
        raid = self.raid_of(character)
        if raid is None:
            raise RaidRefusal("You are not on a raid.")
        if raid.fighting_room(character) is not None:
            raise RaidRefusal("You cannot walk away from a fight: |wflee|n first.")
        if raid.progress.setting_out:
            character.msg("You turn back before the team reaches the front.")
        elif raid.objective_done:
            character.msg("You slip away with the objective done and make for the headquarters.")
        else:
            character.msg("You abandon the raid and make your way back to the headquarters.")
        self.leave_raid(raid, character, hq_room(BRIEFING_ROOM))
        self.tell(raid, f"{character.key} has left the raid.")
        self.check_end(raid)
        return raid

    def leave_raid(self, raid, character, destination, save=True):
        """Take a member out of the instance alive."""
        self._mark_out(raid, character)
        if character.location is None:
            character.db.prelogout_location = destination
        elif character.location != destination:  # a team still setting out is there already
            self.move(character, destination)
        self.send_status(None, [character])
        if save:
            raid.save()

    # ------------------------------------------------------------------ moving inside

    def traverse(self, character, destination):
        """
        A member takes an exit of the instance.

        Returns:
            bool: False if this is not a member's move inside their raid (the exit then
                behaves as any exit).
        """
        raid = self.raid_of(character)
        if raid is None or destination.db.raid_id != raid.id:
            return False
        if raid.fighting_room(character) is not None:
            character.msg("You are in a fight: |wflee|n to break away, or finish it.")
            return True
        info = raid.member(character)
        here, leader = info["room"], raid.leader()
        party = [character]
        if character.key == leader:
            party += [
                char
                for cid, char in self.characters(raid, here)
                if char != character and self.follows(raid, cid)
            ]
        elif info.get(FOLLOWS, True):
            info[FOLLOWS] = False
            character.msg(f"You split from the team. (|wteam follow|n falls in behind {leader} again.)")
        room_id = destination.db.plan_room
        for char in party:
            member = raid.member(char)
            member["came_from"], member["room"] = here, room_id
            if char != character:
                char.msg(f"You follow {character.key}.")
            self.move(char, destination)
        self.arrive(raid, party, room_id)
        raid.save()
        self.send_status(raid)
        return True

    def follows(self, raid, character_id):
        """True if the member walks with the leader (the default; `team stay` ends it)."""
        return raid.members[character_id].get(FOLLOWS, True) and self.connected(by_id(character_id))

    def set_follow(self, character, follow):
        """
        `team follow` / `team stay` inside a raid.

        Returns:
            str: What the member is told.

        Raises:
            RaidRefusal: Not on a raid, or the leader.
        """
        raid = self.raid_of(character)
        if raid is None:
            raise RaidRefusal("You are not on a raid: |wfollow <ninja>|n follows someone about the village.")
        leader = raid.leader()
        if character.key == leader:
            raise RaidRefusal("You lead the team: the others follow you.")
        raid.member(character)[FOLLOWS] = follow
        raid.save()
        if not follow:
            return f"You hold back: {leader} walks on without you until you |wteam follow|n again."
        info = raid.member(character)
        leader_info = next((i for i in raid.members.values() if i["name"] == leader), None)
        if leader_info and leader_info["status"] == MemberStatus.IN and leader_info["room"] != info["room"]:
            where = raid.plan.room(leader_info["room"]).name
            return f"You will follow {leader} again once you reach them ({where})."
        return f"You fall in behind {leader}."

    def arrive(self, raid, characters, room_id):
        """
        Members are now in a room, together: the route, a fight, or the room's objective.

        Args:
            raid (RunningRaid): Their raid.
            characters (Character or list): Who arrived (a team walking with its leader).
            room_id (int): The plan room.
        """
        party = characters if isinstance(characters, list) else [characters]
        room = raid.plan.room(room_id)
        raid.report.enter(room)
        # game masters watching see the room as the members do
        who = ", ".join(c.key for c in party)
        self.watch(raid, f"{who} {'enters' if len(party) == 1 else 'enter'} |c{room.name}|n.\n{room.desc}")
        started = raid.untouched(room_id)
        self._tread(raid, party, room_id)
        if raid.hostile(room_id):
            for char in party:
                fight = self.join_fight(raid, room_id, char)
            if started:
                names = ", ".join(f.name for f in fight.enemies())
                self.tell(raid, f"|rSound ninja! {names}.|n", room_id, exclude=party)
            opening = "The Sound ninja here turn on you!" if started else "You join the fight!"
            for char in party:
                char.msg(f"|r{opening}|n\n{self.fight_text(raid, room_id, char)}\nChoose: {CHOICES}.")
            return
        raid.progress.cleared.add(room_id)
        for char in party:
            self.on_clear_ground(raid, room_id, char)

    def _tread(self, raid, party, room_id):
        """The room's ground strikes the first members to set foot there (terrain.py)."""
        feature = feature_of(raid.plan, room_id)
        if room_id in raid.progress.trodden or not strikes(feature, raid.hostile(room_id)):
            return
        raid.progress.trodden.add(room_id)
        for char in party:
            fighter = bridge.fighter_from_character(char)
            char.msg(set_foot(fighter, feature))
            bridge.write_back(fighter, char)

    def arrive_all(self, raid, room_id):
        party = [char for _, char in self.characters(raid, room_id)]
        if party:
            self.arrive(raid, party, room_id)

    def returned(self, character):
        """
        A member's ninja is back in the instance (its player reconnected): it takes its place
        in its room's fight again; the player is greeted once the puppeting is done.
        """
        raid = self.raid_of(character)
        if raid is None:
            return
        room_id = raid.member(character)["room"]
        fight = raid.fights.get(room_id)
        if fight is not None and fight.ongoing:
            self.join_fight(raid, room_id, character)
            fight.deadline = max(fight.deadline or 0, self.clock() + round_seconds())
        raid.save()
        delay(WELCOME_DELAY, self.welcome_back, character.id)

    def welcome_back(self, character_id):
        """Tell a reconnected member where they are (and send their Raid.Status)."""
        character = by_id(character_id)
        raid = self.raid_of(character) if character else None
        if raid is None:
            return
        character.msg(f"You are on raid {raid.id}, {raid.plan.title}: |wraid|n shows how it goes.")
        self.send_status(raid, [character])

    @staticmethod
    def _mark_out(raid, character):
        """A member is out of the raid, and out of the fight in their room."""
        info = raid.member(character)
        info["status"] = MemberStatus.OUT
        fight = raid.fights.get(info["room"])
        if fight is not None:
            fight.encounter.fighters.pop(f"#{character.id}", None)
            fight.pending.pop(f"#{character.id}", None)

    def slipped_out(self, character):
        """A member left the instance some other way (a game master moved them): out of the raid."""
        raid = self.raid_of(character)
        if raid is None:
            return
        self._mark_out(raid, character)
        raid.save()
        self.tell(raid, f"{character.key} is gone from the raid.")
        self.check_end(raid)

    # ------------------------------------------------------------------ what players read

    def describe(self, room_obj, looker):
        """The raid's part of an instance room's appearance: enemies, loot, the objective."""
        raid = self.get(room_obj.db.raid_id)
        if raid is None:
            return ""
        room_id = room_obj.db.plan_room
        lines = []
        fight = raid.fights.get(room_id)
        if fight is not None and fight.ongoing and fight.encounter.get(f"#{looker.id}") is not None:
            lines.append(f"{self.fight_text(raid, room_id, looker)}\nChoose: {CHOICES}.")
        elif fight is not None and fight.enemies():
            state = f"fighting, round {fight.encounter.round + 1}" if fight.ongoing else "waiting"
            enemies = "; ".join(f"{f.name} [{f.health}/{f.health_max}]" for f in fight.enemies())
            lines.append(f"|rSound ninja ({state}):|n {enemies}")
        elif raid.untouched(room_id):
            lines.append("|rSound ninja:|n " + ", ".join(e.name for e in raid.enemies_waiting(room_id)))
        loot = raid.loot_here(room_id)
        if loot and not raid.hostile(room_id):
            lines.append(
                "|yWithin reach:|n "
                + ", ".join(advancement.item_name(i, q) for i, q in loot.items())
                + " (|wloot|n)."
            )
        return "\n".join(lines)

    def status_text(self, raid):
        """The raid as its members read it (`raid` on a raid)."""
        plan = raid.plan
        lines = [
            f"|wRaid {raid.id}: {plan.title}|n"
            + ("" if plan.zone_name in plan.title else f" in {plan.zone_name}")
            + f" (seed {plan.seed})",
            f"Objective: {plan.objective.goal}" + (" |g(done)|n" if raid.objective_done else ""),
            f"Encounters cleared: {raid.encounters_done()} of {raid.encounters_total()}.",
            "Team:",
        ]
        if raid.progress.setting_out:
            lines.insert(1, f"Setting out for {plan.room(plan.entry).name}: you are almost there.")
        for info in raid.members.values():
            where = plan.room(info["room"]).name if info["status"] == MemberStatus.IN else info["status"]
            lines.append(f"  {info['name']}: {where}")
        if raid.progress.found:
            lines.append("The Leaf ninja you found are with you: bring them back to the way in.")
        if plan.objective.condition == Condition.VISIT_ROOMS:
            lines.append(
                f"Vantage points: {len(raid.progress.visited)} of {len(plan.objective.target_rooms)}."
            )
        if plan.objective.condition == Condition.SPEND_ITEMS:
            carried = sum(
                advancement.pouch_of(char).get(plan.objective.item, 0) for _, char in self.characters(raid)
            )
            needed = advancement.item_name(plan.objective.item, plan.objective.count)
            lines.append(f"Needed at the target: {needed}; the team carries {carried}.")
        if plan.objective.condition == Condition.RETRIEVE and raid.progress.found and not raid.objective_done:
            lines.append("You have what you came for: bring it back to the way in.")
        return "\n".join(lines)


RAIDS = RaidService()

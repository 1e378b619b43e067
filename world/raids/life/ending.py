"""
The end of a raid: its effect on the war, the survivors' rewards, the report, and the
instance taken down.

A raid ends when none of its members is left inside (each walked out, was carried out, or
died), or when a game master ends it. Its result follows the report's rules: a success if
the objective was done, a failure if everyone fell, abandoned otherwise. Then, in order:

1. `outcome.resolve()` turns the tally into effects, and one `WAR.change(...)` applies them
   (`war_effects.apply_effects`): the zone's squads lose the dead, the zone may be contested or
   flip, the Leaf pays for a failure; `war` and `warlog` show it at once and the Dispatches channel
   announces it. A flag in the row keeps a raid from being applied twice.
2. Survivors get their rank points and ryo (`advancement.reward`); a living leader of a won
   raid has its band counted as a deed for a field promotion (`promotion.record_lead`).
3. The report is finished and archived (`RaidReport` row), each member's account remembers
   the raid, and each member who is online reads the report.
4. Everyone still in the instance is brought back to the headquarters (members who are
   offline wake there), the row is marked ended, and the instance's exits and rooms are
   deleted one per turn of the reactor over the next turns (instance.py).

A raid nobody is left to play ends too: when every member inside has been disconnected for
`UNATTENDED_SECONDS` (their fights are held while nobody is there), they are brought home
alive and read why when they return. Without it a team whose last player dropped would keep
its raid, and a siege the war waits for, open until a game master ended it.

When the last member leaves, the end comes at the next turn of the reactor, not in the turn of
the command that emptied the raid: each then costs the game thread its own share. A raid that
a restart caught in between (nobody inside, still running) is ended at start-up.
"""

from django.db import transaction

from world.memories.models import MemoryKind
from world.memories.recall import remember
from world.ninja.death import owner_of
from world.ninja.ranks import Faction
from world.raids import advancement, promotion
from world.raids.encounters import SIEGE
from world.raids.life.fighting import NOTICE
from world.raids.life.outcome import RankPoints, Result, resolve, resolve_siege
from world.raids.life.state import MemberStatus
from world.raids.life.telling import BRIEFING_ROOM, by_id, hq_room
from world.raids.life.war_effects import FinishedRaid, apply_effects
from world.raids.models import RaidReport as ReportRow
from world.raids.models import RaidStatus
from world.raids.siege import siege_content
from world.war.queries import zone_strength
from world.war.service import WAR

# How long a raid may have nobody connected inside before its members are brought home.
UNATTENDED_SECONDS = 300
UNATTENDED = (
    "Nobody of your team was left to go on with the raid while you were gone: a Leaf patrol "
    "brought you back to the headquarters."
)


class Ending:
    """The end of a raid (mixed into RaidService)."""

    def bring_home_unattended(self, now):
        """
        End the raids nobody has played for `UNATTENDED_SECONDS` (the raid clock's call):
        their disconnected members are brought home alive, told on their return.

        Args:
            now (float): The raid clock's time.

        Returns:
            list of int: The ids of the raids so ended.
        """
        since = self.unattended
        ended = []
        for raid in self.running():
            members = self.characters(raid)
            if not members or raid.progress.setting_out or any(self.connected(c) for _, c in members):
                since.pop(raid.id, None)
                continue
            if now - since.setdefault(raid.id, now) < UNATTENDED_SECONDS:
                continue
            since.pop(raid.id)
            for _, char in members:
                self.leave_raid(raid, char, hq_room(BRIEFING_ROOM), save=False)
                char.attributes.add(NOTICE, UNATTENDED)
            raid.save()
            self.check_end(raid)
            ended.append(raid.id)
        return ended

    def check_end(self, raid):
        """End the raid at the next turn if nobody is left inside."""
        if raid.id in self.raids and not raid.inside() and raid.id not in self.ending:
            self.ending.add(raid.id)
            self.later(self._end_step, raid.id)

    def _end_step(self, raid_id):
        self.ending.discard(raid_id)
        raid = self.get(raid_id)
        if raid is not None and not raid.inside():  # nobody came back in meanwhile (`raid join`)
            self.finish(raid)

    def end_empty(self):
        """End the running raids nobody is inside (a restart came before their end). Returns: int: How many."""
        empty = [raid for raid in self.running() if not raid.inside()]
        for raid in empty:
            self.check_end(raid)
        return len(empty)

    def _effects(self, raid, tally):
        """The war effects of the tally, applied to the war once."""
        if not WAR.ready:
            return []
        state, now = WAR.state, WAR.clock()
        zone = state.zones.get(raid.plan.zone)
        holder = "contested" if zone and zone.contested else (zone.holder.value if zone else "sound")
        garrison = zone_strength(state, raid.plan.zone, now)[Faction.SOUND]
        if raid.plan.story == SIEGE:
            effects = resolve_siege(tally, siege_content().reprieve_discovery)
        else:
            effects = resolve(tally, garrison=garrison, holder=holder, offensive=raid.offer.offensive)
        if not raid.progress.war_applied:
            finished = FinishedRaid(
                raid.id, raid.plan.title, raid.plan.zone, str(tally.result), tuple(effects)
            )
            WAR.change(lambda s, at, config: apply_effects(s, at, config, finished))
            raid.progress.war_applied = True
            raid.save()
        return effects

    def finish(self, raid, ended_by=None, failed=False):
        """
        End a raid (see the module docstring).

        Args:
            raid (RunningRaid): The raid.
            ended_by (str, optional): Who or what ended it (a game master, the whole team down).
            failed (bool): The team was beaten (all down), not one that walked away.

        Returns:
            str: The result ("success", "failure" or "abandoned").
        """
        now = self.clock()
        briefing = hq_room()
        for _, char in self.characters(raid):
            self.leave_raid(raid, char, briefing, save=False)
        alive = [info for info in raid.members.values() if info["status"] != MemberStatus.DEAD]
        tally = raid.report.tally(abandoned=not (failed or raid.report.objective_done) and bool(alive))
        effects = self._effects(raid, tally)
        raid.report.finish(now, tally.result, effects)

        rewards = {}
        by_name = {info["name"]: cid for cid, info in raid.members.items()}
        for effect in effects:
            if isinstance(effect, RankPoints) and effect.player in by_name:
                char = by_id(by_name[effect.player])
                if char is not None:
                    rewards[char.id] = advancement.reward(char, effect.n)
        leader = by_name.get(raid.report.leader)
        if (
            tally.result is Result.SUCCESS
            and leader is not None
            and raid.members[leader]["status"] != MemberStatus.DEAD
        ):
            char = by_id(leader)
            if char is not None:  # the deed of a field promotion
                promotion.record_lead(char, raid.plan.difficulty)

        report = raid.report
        with transaction.atomic():
            ReportRow.objects.update_or_create(
                raid_id=raid.id,
                defaults={
                    "timeline": raid.row.timeline,
                    "seed": report.seed,
                    "zone": report.zone,
                    "title": report.title,
                    "story": raid.plan.story or "",
                    "result": report.result,
                    "leader": report.leader,
                    "team": list(report.team),
                    "started_at": report.started_at,
                    "ended_at": report.ended_at,
                    "data": report.to_dict(),
                },
            )
            raid.row.status = RaidStatus.ENDED
            raid.row.ended_at = now
            raid.row.result = report.result
            raid.save()
        self._remember(raid)
        self.take_down(raid, briefing)
        self.raids.pop(raid.id, None)

        text = report.render()
        heading = f"|wRaid {raid.id} is over: {report.result}.|n" + (f" ({ended_by})" if ended_by else "")
        for cid, info in raid.members.items():
            char = by_id(cid)
            if char is None:
                continue
            lines = [
                heading,
                text,
                *rewards.get(cid, []),
                f"(|wraidlog {raid.id}|n shows this report again.)",
            ]
            if info["status"] == MemberStatus.DEAD:
                account = owner_of(char)
                if account is not None:
                    account.msg("\n".join(lines))
                continue
            char.msg("\n".join(lines))
            self.send_status(None, [char])
        self.watch(raid, f"{heading}\n{text}")
        return report.result

    def _remember(self, raid):
        report = raid.report
        for cid, info in raid.members.items():
            char = by_id(cid)
            account = owner_of(char) if char is not None else None
            if account is not None:
                fate = "and did not come back" if info["status"] == MemberStatus.DEAD else "and came back"
                remember(
                    account,
                    MemoryKind.RAID,
                    raid.row.timeline,
                    f"{info['name']} went on {report.title} ({report.result}) {fate}.",
                    raid=raid.id,
                    seed=report.seed,
                    zone=report.zone,
                    result=report.result,
                )

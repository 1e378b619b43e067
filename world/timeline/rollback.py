"""
The Second Chance itself: one all-or-nothing step from a timeline's end back to the epoch of
the Chuunin exams.

`plan(cause, reason, ...)` reads the world and works out everything the rollback will do:
each participant's section (the war, the player ninja, and whatever other pillars registered,
see `participants`), the chronicle entry of the ending timeline, the memories every account
keeps of it, and the backup file. It writes nothing but the war's catch-up to now. The dry run
shows `plan.report()`; the real run is `execute(plan)` on a plan made the same way, so the dry
run shows what the real run does.

`execute(plan)`:
1. backs the database up (`backup.write_backup`: SQLite's VACUUM INTO or PostgreSQL's pg_dump,
   to a dated file); if that fails nothing else happens, unless the game master forced it;
2. in ONE transaction: every participant's `reset` (database writes only), the chronicle
   entry, the memories, the schedule marked fired, the audit entry of a game master's order;
3. after the commit (`transaction.on_commit`): tells everyone (and stops the clients'
   countdown), then every participant's `after_commit` (the war service runs the new war,
   cached objects are refreshed, players see where they woke).
If anything in step 2 fails, the transaction rolls back, the war is reloaded from the
database, and the old timeline stands whole. A crash anywhere leaves the database wholly
before (up to the commit) or wholly after; on the next start everything is loaded from it.
Each step calls `checkpoints.reach(step)` (a hook the crash test sets; nothing in production).

The raids, the war and the player ninja are registered here as participants.
"""

import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from django.db import transaction
from evennia.utils import logger

from world.gamemaster import audit
from world.memories.models import Memory, MemoryKind
from world.timeline import (
    announce,
    backup,
    checkpoints,
    chronicle,
    content,
    ninja_reset,
    owners,
    raids_reset,
    war_reset,
)
from world.timeline.checkpoints import Step
from world.timeline.models import Cause, ChronicleEntry, Schedule, ScheduleStatus
from world.timeline.participants import REGISTRY, RollbackContext, RollbackError, register
from world.war.events import EventKind
from world.war.models import Timeline, WarEvent
from world.war.service import WAR

# The epoch every Second Chance returns to.
EPOCH = "exams"
AUDIT_ACTION = "second chance"

# Every pillar's part, in one place: the raids (50) end before the war (100) and the ninja (200).
register(raids_reset.PARTICIPANT)
register(war_reset.PARTICIPANT)
register(ninja_reset.PARTICIPANT)


@dataclass(frozen=True)
class NewMemory:
    """A memory the rollback will write (planned before it exists)."""

    account_id: int
    account_name: str
    timeline: int
    kind: str
    text: str
    details: dict = field(default_factory=dict)


@dataclass
class Plan:
    """
    Everything one Second Chance will do.

    Args:
        ctx (RollbackContext): The rollback, with every participant's section.
        participants (list of Participant): In the order they run.
        chronicle (dict): The ending timeline's chronicle entry (fields of ChronicleEntry).
        backup_path (Path or None): Where the backup goes; None if the database is neither
            SQLite nor PostgreSQL.
        audited (bool): A game master ordered it: the audit log records it.
        kept (dict): What is kept, counted when the plan was made (memories, chronicle entries).
        seconds (float): How long planning took (the real run counts it in its total: the
            world waits for the plan as much as for the rest).
    """

    ctx: RollbackContext
    participants: list
    chronicle: dict
    backup_path: Path | None
    audited: bool = False
    kept: dict = field(default_factory=dict)
    seconds: float = 0.0

    def report(self, dry_run=False):
        """
        Returns:
            str: What the rollback resets and keeps, for the game master (the dry run) and the
            server log (the real run).
        """
        ctx = self.ctx
        lines = [
            f"|wSecond Chance{' (dry run: nothing changes)' if dry_run else ''}: "
            f"timeline {ctx.old_timeline} -> {ctx.new_timeline}|n",
            f"Why: {ctx.reason}",
            "First, a backup: "
            + (
                f"{self.backup_path} ({backup.METHODS[self.backup_path.suffix]})."
                if self.backup_path
                else "none (neither SQLite nor PostgreSQL: back the database up with its own tools)."
            ),
            "|wReset|n, in one transaction:",
        ]
        for participant in self.participants:
            section = ctx.sections[participant.name]
            lines.append(f"  {section.title}:")
            lines += [f"    {line}" for line in section.resets]
        lines.append("|wKept|n:")
        lines += [f"    {line}" for line in self._keeps()]
        for participant in self.participants:
            lines += [f"    {line}" for line in ctx.sections[participant.name].keeps]
        entry = self.chronicle
        lines.append(
            f'|wChronicle|n of timeline {ctx.old_timeline} ("{entry["ending"]}"): '
            f"{len(entry['zones_fallen'])} zones lost, {len(entry['fallen'])} player ninja fallen."
        )
        return "\n".join(lines)

    def _keeps(self):
        ctx = self.ctx
        kinds = sorted({m.kind for m in ctx.memories})
        return [
            f"Accounts: all {len(ctx.ownership.accounts)}.",
            f"Memories: all {self.kept['memories']} kept; {len(ctx.memories)} added "
            f"({', '.join(kinds) or 'none'}: what each account with a ninja keeps of timeline "
            f"{ctx.old_timeline}).",
            f"The chronicle: {self.kept['chronicle']} entries kept, timeline {ctx.old_timeline} added.",
            "The audit log and game masters' settings.",
        ]


@dataclass
class Result:
    """
    Args:
        plan (Plan): What was done.
        backup (Path or None): The backup written.
        backup_error (str): Why no backup was written, when the game master went on without one.
        timings (dict): Seconds taken: plan, backup, transaction, side_effects, and total (all
            of them: from the start of the plan until the players have been told).
    """

    plan: Plan
    backup: Path | None = None
    backup_error: str = ""
    timings: dict = field(default_factory=dict)


def plan(cause, reason, actor=None, now=None, registry=None):
    """
    Work out a Second Chance (see the module docstring). The war first catches up to `now`.

    Args:
        cause (Cause): Why it happens.
        reason (str): Why, as players read it.
        actor (Account or Object, optional): The game master who orders it, or the ninja who
            completed the forbidden jutsu.
        now (float, optional): Wall time; the war's clock by default.
        registry (participants.Registry, optional): The participants; the game's by default.

    Returns:
        Plan: What the rollback will do.

    Raises:
        RollbackError: If it cannot happen (no war yet, the epoch's start room missing).
    """
    started = time.monotonic()
    if not WAR.ready:
        raise RollbackError("The war has not started yet.")
    now = WAR.clock() if now is None else now
    WAR.resolve(now)
    state, config = WAR.state, WAR.config
    if EPOCH not in config.epochs:
        raise RollbackError(f"The war data has no {EPOCH} epoch to return to (world/war/data/epochs.yaml).")
    ctx = RollbackContext(
        now=now,
        old_timeline=state.timeline,
        new_timeline=state.timeline + 1,
        epoch=EPOCH,
        start_room_id=config.epochs[EPOCH].start_room,
        cause=Cause(cause).value,
        reason=reason,
        actor=actor,
    )
    ctx.ownership = owners.ownership()
    order = chronicle.fall_order(state.timeline, {key: info.name for key, info in config.zones.items()})
    ctx.memories = _memories(ctx, order)
    participants = (registry or REGISTRY).ordered()
    for participant in participants:
        ctx.sections[participant.name] = participant.plan(ctx)
    return Plan(
        ctx=ctx,
        participants=participants,
        chronicle=_chronicle(ctx, state, config, order),
        backup_path=backup.backup_path(state.timeline, now) if backup.supported() else None,
        audited=ctx.cause == Cause.GAMEMASTER and actor is not None,
        kept={"memories": Memory.objects.count(), "chronicle": ChronicleEntry.objects.count()},
        seconds=time.monotonic() - started,
    )


def _memories(ctx, order):
    """What every account with a ninja keeps of the ending timeline (and the ritual's performer)."""
    fell = ", then ".join(z["name"] for z in order[:5])
    text = f"Timeline {ctx.old_timeline} ended: {ctx.reason}" + (f" The Sound took {fell}." if order else "")
    details = {"zones_fallen": order, "cause": ctx.cause}
    accounts = ctx.ownership.accounts
    found = [
        NewMemory(
            account_id, accounts[account_id], ctx.old_timeline, MemoryKind.TIMELINE.value, text, details
        )
        for account_id in sorted(ctx.ownership.latest())
    ]
    performer = ctx.actor if ctx.cause == Cause.RITUAL else None
    owner = ctx.ownership.owner_of(performer.id) if performer is not None else None
    if owner is not None:
        found.append(
            NewMemory(
                owner,
                accounts[owner],
                ctx.old_timeline,
                MemoryKind.RITUAL.value,
                f"{performer.key} wove the fox's forbidden jutsu to its last seal and threw the world "
                "back to the Chuunin exams.",
                {"ninja": performer.key},
            )
        )
    return found


def _chronicle(ctx, state, config, order):
    started = Timeline.objects.filter(number=ctx.old_timeline).values_list("started_at", flat=True).first()
    fall_year = (
        WarEvent.objects.filter(timeline=ctx.old_timeline, kind=EventKind.LEAF_FALLEN.value)
        .values_list("story_year", flat=True)
        .first()
    )
    raids, top = chronicle.raids_remembered(ctx.old_timeline)
    entry = {
        "timeline": ctx.old_timeline,
        "epoch": state.epoch,
        "started_at": started if started is not None else ctx.now,
        "ended_at": ctx.now,
        "cause": ctx.cause,
        "ending": ctx.reason,
        "start_year": config.epochs[state.epoch].year if state.epoch in config.epochs else 0.0,
        "end_year": fall_year if fall_year is not None else state.clock.story_year(ctx.now),
        "fell": state.fallen,
        "zones_fallen": order,
        "raids": raids,
        "fallen": [],
        "top_raiders": top,
    }
    for section in ctx.sections.values():
        entry.update(section.chronicle)
    return entry


def backup_before(path, timeline):
    """
    The backup before a rollback: the whole database, with the Second Chance of `timeline`
    marked cancelled in the copy (restoring it undoes the Second Chance rather than firing it
    again at the next start).

    Returns:
        Path: The backup written.
    """
    cancel = backup.Override(
        Schedule,
        "status",
        ScheduleStatus.CANCELLED.value,
        {"timeline": timeline, "status": ScheduleStatus.PENDING.value},
    )
    return backup.write_backup(path, overrides=[cancel])


def execute(plan, checkpoint=checkpoints.reach, write_backup=None, force=False):
    """
    Carry out a planned Second Chance (see the module docstring).

    Args:
        plan (Plan): From `plan()`, made just before.
        checkpoint (callable): checkpoint(step), called at every step (the crash hook).
        write_backup (callable, optional): write_backup(path) -> Path, the backup;
            `backup_before` by default.
        force (bool): Go on without a backup if it fails (a game master's order; logged).

    Returns:
        Result: What was done and how long it took. Side effects run after the commit, which
        is at the end of this call unless it runs inside an outer transaction.

    Raises:
        BackupError: If the backup failed and `force` is not set (nothing else was done; the
            message says why and how to go on).
        Exception: Whatever failed inside the transaction (then rolled back, the war reloaded).
    """
    ctx = plan.ctx
    result = Result(plan, timings={"plan": plan.seconds})
    # The total runs from the start of the plan: the world waits for it as for the rest.
    started = time.monotonic() - plan.seconds
    checkpoint(Step.BEFORE_BACKUP)
    backup_begun = time.monotonic()
    if plan.backup_path:
        try:
            result.backup = (write_backup or partial(backup_before, timeline=ctx.old_timeline))(
                plan.backup_path
            )
        except backup.BackupError as err:
            if not force:
                raise backup.BackupError(
                    f"The backup before the Second Chance failed, so nothing was changed. {str(err).rstrip('.')}. "
                    "Fix that and try again, or go on without a backup: secondchance/now/force."
                ) from err
            result.backup_error = str(err)
            logger.log_err(f"Second Chance: going on without a backup, as forced: {err}")
    checkpoint(Step.AFTER_BACKUP)
    result.timings["backup"] = time.monotonic() - backup_begun
    begun = time.monotonic()
    try:
        with transaction.atomic():
            for participant in plan.participants:
                participant.reset(ctx, ctx.sections[participant.name])
                checkpoint(checkpoints.after(participant.name))
            ChronicleEntry.objects.create(**plan.chronicle, backup=str(result.backup or ""))
            Memory.objects.bulk_create(
                [
                    Memory(
                        account_id=m.account_id,
                        account_name=m.account_name,
                        timeline=m.timeline,
                        kind=m.kind,
                        text=m.text,
                        details=m.details,
                    )
                    for m in ctx.memories
                ]
            )
            Schedule.objects.filter(timeline=ctx.old_timeline).update(status=ScheduleStatus.FIRED)
            if plan.audited:
                audit.record(
                    ctx.actor,
                    AUDIT_ACTION,
                    f"timeline {ctx.old_timeline}",
                    {"timeline": ctx.old_timeline, "reason": ctx.reason},
                    {"timeline": ctx.new_timeline, "backup": str(result.backup or "")},
                )
            result.timings["transaction"] = time.monotonic() - begun
            checkpoint(Step.BEFORE_COMMIT)
            transaction.on_commit(lambda: _after_commit(result, checkpoint, started))
    except Exception:
        logger.log_trace(f"Second Chance: the rollback of timeline {ctx.old_timeline} failed and was undone.")
        _recover()
        raise
    return result


def _after_commit(result, checkpoint, started):
    """Side effects, once the new timeline is in the database. Never raises."""
    plan, ctx = result.plan, result.plan.ctx
    checkpoint(Step.AFTER_COMMIT)
    begun = time.monotonic()
    try:
        announce.tell_all(content.countdown().texts["fired"])
        announce.send_countdown(None, ctx.now, timeline=ctx.new_timeline)
    except Exception:
        logger.log_trace("Second Chance: telling the players failed")
    for participant in plan.participants:
        if participant.after_commit is None:
            continue
        try:
            participant.after_commit(ctx, ctx.sections[participant.name])
        except Exception:
            logger.log_trace(f"Second Chance: {participant.name} failed after the commit")
    result.timings["side_effects"] = time.monotonic() - begun
    result.timings["total"] = time.monotonic() - started
    logger.log_info(
        f"Second Chance: timeline {ctx.old_timeline} -> {ctx.new_timeline} in {result.timings['total']:.2f}s "
        f"(plan {result.timings['plan']:.2f}s, backup {result.timings['backup']:.2f}s, "
        f"transaction {result.timings['transaction']:.2f}s, after commit {result.timings['side_effects']:.2f}s); backup {result.backup}"
    )
    checkpoint(Step.AFTER_SIDE_EFFECTS)


def _recover():
    """After a failed transaction: the war in memory is the one in the database again."""
    try:
        WAR.install(WAR.store.load())
    except Exception:
        logger.log_trace("Second Chance: reloading the war after a failed rollback failed")

"""
The Second Chance in the running game: its schedule, the countdown, the forbidden jutsu, and
the firing.

The schedule is a database row (`models.Schedule`, one per timeline), so a countdown survives
a reload or a crash. Timers only drive the announcements: `start()` (called once the war has
started, at every server start) arms them again from the row, and a schedule found overdue
fires at once. Only the game's main thread calls in here (commands, timers, the war's
listeners).

What starts a countdown:
- the fall: the service listens to the war (`WAR.subscribe`) and schedules the Second Chance
  `TIMELINE_COUNTDOWN_SECONDS` (settings; 600) after LEAF_FALLEN, unless one is already
  scheduled sooner or a game master cancelled this timeline's;
- a game master (`schedule`, `cancel`, `fire_now`, `dry_run`; each written to the audit log).
A scheduled or forced Second Chance fires regardless of the ritual; a ritual completed in time
fires it early.

Clock and timers are injected (`clock`, `call_later`), so tests run countdowns without waiting.
"""

import time

from django.conf import settings
from django.db import transaction
from evennia.utils import logger
from evennia.utils.ansi import strip_ansi
from twisted.internet import reactor

from world.gamemaster import audit
from world.ninja.death import is_dead, kill, owner_of
from world.ninja.refusal import Refusal
from world.timeline import announce, carryover, content, countdown, ritual, rollback
from world.timeline.backup import BackupError
from world.timeline.models import Cause, Schedule, ScheduleStatus
from world.timeline.ritual import SealOutcome
from world.war.service import WAR, leaf_fell

MAX_SECONDS = 7 * 24 * 3600
# A timer may fire this early; the Second Chance still fires.
TOLERANCE = 0.5
FALL_DEATH = "was consumed by the forbidden jutsu"


class TimelineError(Refusal, ValueError):
    """An order or a seal that cannot be carried out; the message says why, for the player."""


def countdown_seconds():
    """
    Returns:
        float: The countdown after the Leaf falls: settings.TIMELINE_COUNTDOWN_SECONDS, or
            countdown.yaml's `default_seconds`.
    """
    return float(getattr(settings, "TIMELINE_COUNTDOWN_SECONDS", None) or content.countdown().default_seconds)


def _reactor_call_later(delay, callback):
    return reactor.callLater(max(0.0, delay), callback)


def _war():
    return WAR


class SecondChanceService:
    """
    Args:
        clock (callable, optional): Wall time; the war's clock by default.
        call_later (callable, optional): call_later(delay, callback) -> a handle with
            `cancel()`; Twisted's reactor by default.
        write_backup (callable, optional): write_backup(path) -> Path, the backup taken before
            each rollback; the rollback's own (`rollback.backup_before`) by default.
    """

    def __init__(self, clock=None, call_later=None, write_backup=None):
        self._clock = clock
        self.call_later = call_later or _reactor_call_later
        self.write_backup = write_backup
        self._timer = None
        self._target = None
        self._below = None

    def now(self):
        return (self._clock or _war().clock)()

    # ------------------------------------------------------------------ reading

    def row(self):
        """Returns: Schedule or None: the current timeline's Second Chance, whatever its status."""
        war = _war()
        return Schedule.objects.filter(timeline=war.state.timeline).first() if war.ready else None

    def pending(self):
        """Returns: Schedule or None: the current timeline's Second Chance, if counting down."""
        row = self.row()
        return row if row is not None and row.status == ScheduleStatus.PENDING else None

    # ------------------------------------------------------------------ life cycle

    def start(self):
        """
        At server start, once the war runs: listen for the fall, schedule the Second Chance if
        the Leaf fell while nobody listened, and arm the countdown from the schedule row (an
        overdue one fires at once).
        """
        war = _war()
        war.subscribe(self.on_war_events)
        self._below = None
        if war.state.fallen and self.row() is None:
            self.schedule(countdown_seconds(), Cause.FALL, "The Leaf has fallen.")
            return
        self._arm()

    def stop(self):
        """Disarm the timers (tests; the process ending disarms them anyway)."""
        self._cancel_timer()

    # ------------------------------------------------------------------ orders

    def schedule(self, seconds, cause=Cause.GAMEMASTER, reason=None, actor=None):
        """
        Schedule (or move) this timeline's Second Chance `seconds` from now and tell everyone.

        Args:
            seconds (float): Time until it fires.
            cause (Cause): Why.
            reason (str, optional): Why, as players read it.
            actor (Account or Object, optional): The game master (audited); None for the game.

        Returns:
            Schedule: The row.

        Raises:
            TimelineError: For a time out of range.
        """
        if not 1 <= seconds <= MAX_SECONDS:
            raise TimelineError(f"Schedule it between 1 second and {MAX_SECONDS // 86400} days from now.")
        war, now = _war(), self.now()
        cause = Cause(cause)
        reason = reason or _default_reason(cause, actor)
        with transaction.atomic():
            before = _row_view(self.row())
            row, _ = Schedule.objects.update_or_create(
                timeline=war.state.timeline,
                defaults={
                    "status": ScheduleStatus.PENDING,
                    "fires_at": now + seconds,
                    "cause": cause.value,
                    "reason": reason[:200],
                    "requested_by": _name(actor),
                    "requested_by_id": getattr(getattr(actor, "account", None) or actor, "id", None),
                    "created_at": now,
                    "ritual": {},
                },
            )
            if actor is not None:
                audit.record(
                    actor, "second chance schedule", f"timeline {row.timeline}", before, _row_view(row)
                )
        self._below = seconds
        texts = content.countdown().texts
        announce.tell_all(
            texts["scheduled"].format(time=countdown.time_words(seconds), reason=reason)
            + " "
            + texts["ritual_hint"]
        )
        announce.send_countdown(row.fires_at, now, reason=reason, timeline=row.timeline)
        self._arm()
        return row

    def cancel(self, actor=None):
        """
        Cancel this timeline's countdown (the row stays, cancelled, so a fallen world is not
        rescheduled at the next start).

        Returns:
            Schedule or None: The cancelled row; None if nothing was counting down.
        """
        row = self.pending()
        if row is None:
            return None
        with transaction.atomic():
            before = _row_view(row)
            row.status, row.ritual = ScheduleStatus.CANCELLED, {}
            row.save(update_fields=["status", "ritual"])
            if actor is not None:
                audit.record(
                    actor, "second chance cancel", f"timeline {row.timeline}", before, _row_view(row)
                )
        self._cancel_timer()
        announce.tell_all(content.countdown().texts["cancelled"])
        announce.send_countdown(None, self.now(), timeline=row.timeline)
        return row

    def dry_run(self, actor=None):
        """
        Returns:
            rollback.Plan: What a Second Chance now would do (nothing is changed; the request
            is audited).
        """
        plan = rollback.plan(Cause.GAMEMASTER, _default_reason(Cause.GAMEMASTER, actor), actor, self.now())
        if actor is not None:
            audit.record(
                actor,
                "second chance dry run",
                f"timeline {plan.ctx.old_timeline}",
                None,
                {"plan": plan.report()},
            )
        return plan

    def fire_now(self, actor, reason=None, force=False):
        """
        A game master's order: the Second Chance now, whatever is scheduled.

        Args:
            force (bool): Go on without a backup if it fails.
        """
        return self.fire(Cause.GAMEMASTER, reason or _default_reason(Cause.GAMEMASTER, actor), actor, force)

    def fire(self, cause, reason, actor=None, force=False):
        """
        Roll the world back now.

        Args:
            force (bool): Go on without a backup if it fails (only a game master forces it).

        Returns:
            rollback.Result: What was done.

        Raises:
            Exception: If the rollback failed (it was undone; everyone is told).
        """
        self._cancel_timer()
        try:
            plan = rollback.plan(cause, reason, actor, self.now())
            logger.log_info(strip_ansi(plan.report()))
            result = rollback.execute(plan, write_backup=self.write_backup, force=force)
        except Exception:
            announce.tell_all(content.countdown().texts["failed"])
            raise
        self._below = None
        return result

    # ------------------------------------------------------------------ the war

    def on_war_events(self, events):
        """A war-service listener: the Leaf's fall starts the countdown."""
        fall = leaf_fell(events)
        if fall is None:
            return
        row, seconds = self.row(), countdown_seconds()
        if row is None or (row.status == ScheduleStatus.PENDING and row.fires_at > self.now() + seconds):
            self.schedule(seconds, Cause.FALL, fall.text)

    # ------------------------------------------------------------------ the forbidden jutsu

    def begin_ritual(self, character):
        """
        A ninja unrolls the scroll and begins the chain of seals.

        Returns:
            str: The scroll, with the chain (shown this once).

        Raises:
            TimelineError: If the ninja cannot take part now.
        """
        row = self._ritual_row(character)
        data = content.ritual()
        carried = self._legacy(character)
        now = self.now()
        attempt = ritual.begin(data, now, carried.extra_seconds, carried.next_seal)
        row.ritual = {**row.ritual, str(character.id): attempt}
        row.save(update_fields=["ritual"])
        return ritual.scroll_text(data, carried.extra_seconds)

    def make_seal(self, character, text, tell):
        """
        A ninja makes one seal of the chain.

        Args:
            character (Character): The weaver.
            text (str): The seal as typed.
            tell (callable): tell(result) is called before the consequence (a death unpuppets
                the weaver; a completed chain fires the Second Chance).

        Returns:
            ritual.SealResult: What happened.

        Raises:
            TimelineError: If the ninja cannot make a seal now (nothing happens then).
        """
        row = self._ritual_row(character, begun=True)
        data = content.ritual()
        seal = data.find_seal(text)
        if seal is None:
            names = ", ".join(data.seal_name(s) for s in data.seals)
            raise TimelineError(f"'{text.strip()}' is not a hand seal. The twelve seals: {names}.")
        attempts = dict(row.ritual)
        result, after = ritual.make_seal(data, attempts.pop(str(character.id)), seal, self.now())
        if after is not None:
            attempts[str(character.id)] = after
        row.ritual = attempts
        row.save(update_fields=["ritual"])
        tell(result)
        if result.outcome is SealOutcome.WRONG:
            kill(character, FALL_DEATH, row.timeline, cause="ritual")
        elif result.outcome is SealOutcome.COMPLETE:
            self.fire(Cause.RITUAL, f"{character.key} completed the fox's forbidden jutsu.", character)
        return result

    def _ritual_row(self, character, begun=False):
        row = self.pending()
        if row is None:
            raise TimelineError("No Second Chance is counting down: there is no jutsu to weave.")
        if is_dead(character):
            raise TimelineError("The dead weave no seals.")
        zone = content.ritual().zone
        here = character.location.attributes.get("zone") if character.location else None
        if here != zone:
            name = _war().config.zones[zone].name if zone in _war().config.zones else zone
            raise TimelineError(f"The fox's chakra gathers at {name}: only there can the seals be woven.")
        if begun and str(character.id) not in row.ritual:
            raise TimelineError("You have not begun the jutsu: unroll the scroll with |writual|n first.")
        return row

    def _legacy(self, character):
        account = character.account or owner_of(character)
        return carryover.carryover_of(account, _war().state.timeline) if account else carryover.Carryover()

    # ------------------------------------------------------------------ timers

    def _cancel_timer(self):
        if self._timer is not None:
            try:
                self._timer.cancel()
            except Exception:  # already called or cancelled
                pass
        self._timer, self._target = None, None

    def _arm(self):
        """Set the timer for the next announcement, or for the firing."""
        self._cancel_timer()
        row = self.pending()
        if row is None:
            return
        left = row.fires_at - self.now()
        self._target = countdown.next_mark(left, content.countdown().announce_at, self._below)
        delay = left - self._target if self._target is not None else left
        self._timer = self.call_later(max(0.0, delay), self._due)

    def _due(self):
        """A timer went off: announce the mark, or fire."""
        self._timer = None
        row = self.pending()
        if row is None:
            return
        left = row.fires_at - self.now()
        if self._target is None and left <= TOLERANCE:
            try:
                self.fire(row.cause, row.reason, None)
            except BackupError as err:
                # Nobody ordered this one: the game masters online hear why it did not fire.
                logger.log_err(f"Second Chance: the scheduled rollback did not start: {err}")
                announce.tell_gamemasters(f"|r{err}|n")
            except Exception:
                logger.log_trace("Second Chance: the scheduled rollback failed")
            return
        if self._target is not None:
            announce.tell_all(countdown.mark_text(self._target, content.countdown()))
            announce.send_countdown(row.fires_at, self.now(), reason=row.reason, timeline=row.timeline)
            self._below = self._target
        self._arm()

    # ------------------------------------------------------------------ status

    def status_text(self):
        """Returns: str: the Second Chance's state, for game masters."""
        war = _war()
        row = self.row()
        lines = [f"Timeline {war.state.timeline}; the Leaf {'has fallen' if war.state.fallen else 'stands'}."]
        if row is None:
            lines.append("No Second Chance is scheduled.")
        elif row.status == ScheduleStatus.PENDING:
            left = row.fires_at - self.now()
            lines.append(
                f"The Second Chance fires in {countdown.time_words(left)} "
                f"({time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime(row.fires_at))}): {row.reason}"
            )
            lines.append(f"Scheduled by {row.requested_by or 'the game'} ({Cause(row.cause).label}).")
            data = content.ritual()
            for attempt in row.ritual.values():
                lines.append(f"  Weaving the jutsu: seal {attempt['step']} of {len(data.sequence)}.")
        else:
            lines.append(
                f"This timeline's Second Chance was {ScheduleStatus(row.status).label}: {row.reason}"
            )
        return "\n".join(lines)


def _name(actor):
    account = getattr(actor, "account", None) or actor
    return (getattr(account, "key", None) or "")[:80]


def _default_reason(cause, actor):
    if cause == Cause.GAMEMASTER:
        return f"A game master ({_name(actor) or 'the game'}) called the Second Chance."
    if cause == Cause.FALL:
        return "The Leaf has fallen."
    return "Someone completed the fox's forbidden jutsu."


def _row_view(row):
    if row is None:
        return None
    return {"status": row.status, "fires_at": row.fires_at, "cause": row.cause, "reason": row.reason}


SECOND_CHANCE = SecondChanceService()


def start_second_chance():
    """
    The start-up hook: call it from `server/conf/at_server_startstop.at_server_start`, after
    the war has started (`WAR.start()`), at every start and reload.
    """
    SECOND_CHANCE.start()
    row = SECOND_CHANCE.pending()
    if row is not None:
        logger.log_info(f"Second Chance: countdown resumed, {row.fires_at - SECOND_CHANCE.now():.0f}s left.")

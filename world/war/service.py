"""
The running war: the one `WarState` of the game process, kept in memory and saved after
every step.

All changes go through the service, on the game's main thread: the periodic resolve (a
global script calls `resolve()`), game masters' tools and raids' results (`change()`). Each
step is saved in one transaction with its events (and, for game masters, the audit entry),
and only after the commit are the events announced and the listeners told (the Second
Chance listens for the fall). If saving fails the in-memory state is reloaded from the
database, so memory never runs ahead of what is stored.

Readers (the `war`, `map`, `forecast` commands) call `cached()`: what they render is built
once per state version and time bucket, however many players ask.
"""

import random
import time

from django.conf import settings
from django.db import transaction
from evennia.utils import logger

from world.gamemaster import audit
from world.war import engine
from world.war.config import load_config
from world.war.events import EventKind
from world.war.forecast import Forecaster
from world.war.state import WarState
from world.war.store import WarStore

# Rendered views stay valid this many wall seconds (strengths change continuously).
CACHE_SECONDS = 10


class WarService:
    """
    Args:
        clock (callable): Returns the wall time; injected by tests.
        overrides (dict, optional): war.yaml overrides; by default `settings.WAR_OVERRIDES`.
    """

    def __init__(self, clock=time.time, overrides=None):
        self.clock = clock
        self.overrides = overrides
        self.store = WarStore()
        self.state = None
        self.config = None
        self.version = 0
        self._listeners = []
        self._cache = {}
        self.forecaster = Forecaster(
            lambda: ((self.version, self.state.last_tick), self.state, self.clock(), self.config)
        )

    # ------------------------------------------------------------------ lifecycle

    @property
    def ready(self):
        return self.state is not None

    def start(self):
        """
        Load the open timeline, or begin timeline 1 in the present if there is none, then
        catch up on every tick missed while the server was down.

        Returns:
            list: The events of the catch-up.
        """
        overrides = self.overrides if self.overrides is not None else getattr(settings, "WAR_OVERRIDES", {})
        self.config = load_config(overrides)
        self.state = self.store.load()
        if self.state is None:
            epoch = getattr(settings, "WAR_START_EPOCH", "present")
            self.begin_timeline(1, epoch)
        return self.resolve()

    def begin_timeline(self, number, epoch, seed=None):
        """
        Replace the war with a new timeline at an epoch (the first start; the Second Chance
        does the same inside its own transaction).

        Args:
            number (int): The timeline's number.
            epoch (str): The epoch key in data/epochs.yaml.
            seed (int, optional): Its seed; random by default (settings.WAR_SEED if set).
        """
        now = self.clock()
        if seed is None:
            seed = getattr(settings, "WAR_SEED", None) or random.SystemRandom().randrange(1, 2**31)
        # Stored as text (the engine only ever formats it into its random seeds).
        state = engine.new_state(epoch, str(seed), number, now, self.config)
        with transaction.atomic():
            self.store.replace(state, started_at=now)
        self.state = state
        self._changed()

    def install(self, state):
        """
        Run `state` from now on without saving it: the Second Chance writes the new timeline
        in its own transaction and installs it after the commit (or installs `store.load()`
        again if that transaction rolled back).

        Args:
            state (WarState): The war as the database now has it.
        """
        self.state = state
        self._changed()

    def subscribe(self, listener):
        """
        Args:
            listener (callable): Called as listener(events) after each saved step (on the
                main thread, after the commit); `events` may be empty when the step only
                moved the garrisons on (a tick without news).
        """
        if listener not in self._listeners:
            self._listeners.append(listener)

    # ------------------------------------------------------------------ steps

    def resolve(self, now=None):
        """
        Process every tick due by `now` and save the result.

        Returns:
            list: The WarEvents produced.
        """
        if not self.ready:
            return []
        now = self.clock() if now is None else now
        before = self.state.last_tick
        events = engine.resolve(self.state, now, self.config)
        if events or self.state.last_tick != before:
            self._save(events)
        return events

    def change(self, apply, actor=None, action="", target="", audit_state=None):
        """
        Apply an outside change (a game master's tool, a raid's result) at the current time.

        Args:
            apply (callable): apply(state, now, config); what it returns counts as the
                change's events if it is a list (the engine's change functions return events
                or other values). It may raise a refusal (changes.ChangeRefusal, a ValueError)
                with a message for the person who asked.
            actor (Account or Object, optional): The game master, for the audit log; None
                for changes the game makes itself (raids), which are not audited.
            action (str): Audit action name.
            target (str): Audit target.
            audit_state (callable, optional): audit_state(state, now) -> JSON-able view of
                what the change touches, recorded before and after.

        Returns:
            list: The WarEvents the change and the catch-up before it produced.

        Raises:
            ValueError: From `apply`; the war is then left exactly as it was.
        """
        now = self.clock()
        events = self.resolve(now)
        # A plain-data snapshot costs a thirtieth of a deepcopy; the state is rebuilt only on failure.
        saved = self.state.to_dict()
        before = audit_state(self.state, now) if audit_state else None
        try:
            result = apply(self.state, now, self.config)
        except Exception:
            self.state = WarState.from_dict(saved)
            raise
        events_now = result if isinstance(result, list) else []
        after = audit_state(self.state, now) if audit_state else None
        self._save(events_now, actor=actor, action=action, target=target, before=before, after=after)
        return events + list(events_now)

    def advance(self, years, actor=None):
        """Jump the story clock forward (a game master's tool), catching the war up."""

        def apply(state, now, config):
            return engine.advance(state, years, now, config)

        def view(state, now):
            return {"story_year": round(state.clock.story_year(now), 4), "last_tick": state.last_tick}

        return self.change(apply, actor, "story clock advance", f"{years:g} years", view)

    # ------------------------------------------------------------------ reading

    def cached(self, key, build, timed=True):
        """
        Args:
            key (str): What is being rendered (with any parameters that change it).
            build (callable): build(state, now, config) -> the rendering.
            timed (bool): The rendering shows values that move with the clock (lazy
                strengths); False when it holds until the war steps or changes.

        Returns:
            The rendering, rebuilt only when the war changed or stepped, or (if timed)
            CACHE_SECONDS passed.
        """
        now = self.clock()
        stamp = (self.version, self.state.last_tick, int(now // CACHE_SECONDS) if timed else None)
        hit = self._cache.get(key)
        if hit is None or hit[0] != stamp:
            hit = (stamp, build(self.state, now, self.config))
            self._cache[key] = hit
        return hit[1]

    def forecast(self):
        """
        The strategist's projection, never computed on the spot: running three story years
        ahead takes 65-230 ms, so after the war steps or changes the previous projection is
        answered while a new one is built a few ticks per reactor turn (see `Forecaster`).

        Returns:
            tuple: (Forecast or None, current): None until the first projection is done;
                current is False while the projection is of an older state of the war.
        """
        return self.forecaster.read()

    # ------------------------------------------------------------------ internals

    def _save(self, events, actor=None, action="", target="", before=None, after=None):
        try:
            with transaction.atomic():
                self.store.save(self.state, events)
                if actor is not None:
                    audit.record(actor, action, target, before, after)
        except Exception:
            logger.log_trace("War: saving a step failed; reloading the war from the database.")
            self.state = self.store.load()
            raise
        self._changed()
        transaction.on_commit(lambda: self._publish(events))

    def _changed(self):
        self.version += 1
        self._cache.clear()

    def _publish(self, events):
        for listener in list(self._listeners):
            try:
                listener(events)
            except Exception:
                logger.log_trace("War: a listener failed")


WAR = WarService()


def leaf_fell(events):
    """
    Args:
        events (list): WarEvents.

    Returns:
        WarEvent or None: The LEAF_FALLEN event among them.
    """
    return next((e for e in events if e.kind is EventKind.LEAF_FALLEN), None)

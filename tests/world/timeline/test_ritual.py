"""
The fox's forbidden jutsu: the chain of seals as rules, and in the game during a countdown
(only at the headquarters, only alive; a wrong seal kills; a completed chain fires the Second
Chance at once, and the account remembers it in the next timeline).
"""

import pytest
from django.test import TestCase

from tests.world.timeline.conftest import make_account, make_ninja
from world.combat.bridge import TECHNIQUES
from world.memories.models import Memory, MemoryKind
from world.ninja.death import death_of, is_dead
from world.timeline import content, ritual
from world.timeline.ritual import SealOutcome, SealResult
from world.timeline.service import SecondChanceService, TimelineError
from world.village.builder import room_by_id

RITUAL = content.ritual()


def test_a_chain_made_in_order_and_in_time_completes():
    attempt = ritual.begin(RITUAL, 100.0)
    assert attempt["deadline"] == 100.0 + RITUAL.seconds_per_seal
    now = 100.0
    for index, seal in enumerate(RITUAL.sequence, start=1):
        now += 5
        result, attempt = ritual.make_seal(RITUAL, attempt, seal, now)
        if index < len(RITUAL.sequence):
            assert result == SealResult(SealOutcome.PROGRESS, index, len(RITUAL.sequence), None, now + 20)
    assert result.outcome is SealOutcome.COMPLETE and attempt is None


def test_a_wrong_seal_or_a_slow_one_ends_the_attempt():
    attempt = ritual.begin(RITUAL, 0.0)
    wrong = next(s for s in RITUAL.seals if s != RITUAL.sequence[0])
    assert ritual.make_seal(RITUAL, attempt, wrong, 1.0) == (SealResult(SealOutcome.WRONG, 0, 16), None)
    late = ritual.make_seal(RITUAL, attempt, RITUAL.sequence[0], RITUAL.seconds_per_seal + 0.1)
    assert late == (SealResult(SealOutcome.LATE, 0, 16), None)


def test_hands_that_remember_see_the_next_seal_and_get_more_time():
    attempt = ritual.begin(RITUAL, 0.0, extra_seconds=10, next_seal=True)
    result, attempt = ritual.make_seal(RITUAL, attempt, RITUAL.sequence[0], 25.0)
    assert result.next_seal == RITUAL.sequence[1] and attempt["deadline"] == 25.0 + 30


def test_the_scroll_shows_the_whole_chain():
    text = ritual.scroll_text(RITUAL)
    assert "Tiger - Snake - Ram" in text and "16 seals, 20 seconds for each" in text


def test_seals_are_known_by_either_name():
    assert RITUAL.find_seal("Tora") == RITUAL.find_seal(" tiger ") == "tiger"
    assert RITUAL.find_seal("fox") is None


@pytest.fixture
def weaver(war, village, monkeypatch):
    monkeypatch.setattr("world.timeline.announce.tell_all", lambda text: None)
    monkeypatch.setattr("world.timeline.announce.send_countdown", lambda *args, **kwargs: None)
    chance = SecondChanceService(
        clock=war.clock, call_later=lambda delay, callback: _Never(), write_backup=lambda p: None
    )
    account = make_account("Weaver")
    ninja = make_ninja(account, "Shisui")
    ninja.location = ninja.home = room_by_id(100)  # the headquarters' briefing room
    chance.start()
    return chance, account, ninja


class _Never:
    def cancel(self):
        pass


def test_the_jutsu_needs_a_countdown_the_headquarters_and_a_living_ninja(weaver):
    chance, account, ninja = weaver
    with pytest.raises(TimelineError, match="No Second Chance is counting down"):
        chance.begin_ritual(ninja)
    chance.schedule(300)
    ninja.location = room_by_id(1300)
    with pytest.raises(TimelineError, match="only there can the seals be woven"):
        chance.begin_ritual(ninja)
    ninja.location = room_by_id(100)
    with pytest.raises(TimelineError, match="have not begun"):
        chance.make_seal(ninja, "tiger", print)
    assert "Tiger - Snake" in chance.begin_ritual(ninja)
    with pytest.raises(TimelineError, match="not a hand seal"):
        chance.make_seal(ninja, "fox", print)
    assert not is_dead(ninja)


def test_a_wrong_seal_kills(weaver):
    chance, account, ninja = weaver
    chance.schedule(300)
    chance.begin_ritual(ninja)
    told = []
    result = chance.make_seal(ninja, "boar", lambda r: told.append((r.outcome, is_dead(ninja))))
    assert told == [(SealOutcome.WRONG, False)]  # the player is told before dying
    assert result.outcome is SealOutcome.WRONG
    assert death_of(ninja)["how"] == "was consumed by the forbidden jutsu"
    assert Memory.objects.filter(account_id=account.id, kind=MemoryKind.DEATH).exists()
    with pytest.raises(TimelineError, match="The dead weave no seals"):
        chance.begin_ritual(ninja)


def test_a_slow_seal_breaks_the_attempt_off_without_killing(weaver, war):
    chance, account, ninja = weaver
    chance.schedule(300)
    chance.begin_ritual(ninja)
    war.clock.advance(RITUAL.seconds_per_seal + 1)
    assert chance.make_seal(ninja, RITUAL.sequence[0], lambda r: None).outcome is SealOutcome.LATE
    assert not is_dead(ninja)
    with pytest.raises(TimelineError, match="have not begun"):
        chance.make_seal(ninja, RITUAL.sequence[0], lambda r: None)


def test_a_completed_chain_fires_the_second_chance_and_is_remembered(weaver, war):
    chance, account, ninja = weaver
    chance.schedule(300)
    chance.begin_ritual(ninja)
    with TestCase.captureOnCommitCallbacks(execute=True):
        for seal in RITUAL.sequence:
            war.clock.advance(3)
            result = chance.make_seal(ninja, RITUAL.seal_name(seal), lambda r: None)
    assert result.outcome is SealOutcome.COMPLETE
    assert war.state.timeline == 2 and war.state.epoch == "exams"
    memory = Memory.objects.get(account_id=account.id, kind=MemoryKind.RITUAL)
    assert memory.timeline == 1 and "Shisui wove the fox's forbidden jutsu" in memory.text
    # What the weaver carries into the new timeline: a title, the Rasengan, surer hands.
    assert ninja.attributes.get("title") == "Who Came Back"
    assert "rasengan" in ninja.attributes.get(TECHNIQUES)
    chance.schedule(300)
    ninja.location = room_by_id(100)
    assert "30 seconds for each" in chance.begin_ritual(ninja)
    shown = chance.make_seal(ninja, RITUAL.sequence[0], lambda r: None)
    assert shown.next_seal == RITUAL.sequence[1]

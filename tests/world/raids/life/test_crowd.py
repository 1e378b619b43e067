"""
A big fight's round as each reader reads it (world/raids/life/crowd.py): their own part and
the Sound's in full, the other Leaf ninja's summed up; a strike team's fight reads every line.
"""

from types import SimpleNamespace

from world.combat.messages import CombatMessage, MessageKind
from world.raids.life.crowd import RoundDigest


class _Encounter:
    def __init__(self, downed):
        self.fighters = [SimpleNamespace(id=fid, downed=fid in downed) for fid in ("#1", "#2", "#3", "#4")]

    def side(self, _side):
        return self.fighters


def _hit(actor, target, amount, kind=MessageKind.DAMAGE):
    return CombatMessage(
        kind, actor, target, amount, f"you hit {target}", f"{actor} hits you", f"{actor} hits {target}"
    )


ROUND = [
    _hit("#1", "e1", 30),
    _hit("#2", "e1", 40),
    _hit("#3", "e2", 50),
    CombatMessage(MessageKind.KILLED, "#3", "e2", 0, "you kill", "", "e2 falls to #3"),
    _hit("e1", "#1", 12),
    _hit("e1", "#4", 99),
    _hit("#2", "#1", 5, MessageKind.HEAL),
]


def test_a_reader_reads_their_own_part_and_the_sound_s_and_the_rest_summed_up():
    digest = RoundDigest(ROUND, _Encounter(downed={"#4"}))
    assert digest.block("#1") == [
        "you hit e1",
        "e1 hits you",
        "e1 hits #4",  # the Sound's actions, in full
        "#2 hits you",  # what another did to them
        "2 other Leaf ninja act: 90 damage to the Sound; 1 Sound ninja falls.",
        "1 other Leaf ninja lies downed.",
    ]
    assert digest.block("#4") == [  # downed themself: no line of the others downed
        "e1 hits #1",
        "e1 hits you",
        "3 other Leaf ninja act: 120 damage to the Sound; 1 Sound ninja falls.",
    ]


def test_an_onlooker_reads_the_sound_and_everyone_s_sum():
    digest = RoundDigest(ROUND, _Encounter(downed=set()))
    assert digest.block(None) == [
        "e1 hits #1",
        "e1 hits #4",
        "3 other Leaf ninja act: 120 damage to the Sound; 1 Sound ninja falls.",
    ]

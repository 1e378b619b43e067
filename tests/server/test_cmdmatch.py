"""The parser's matches through the name index are Evennia's, in the same order (server/cmdmatch.py)."""

from evennia.commands.cmdset import CmdSet
from evennia.commands.command import Command
from evennia.utils.test_resources import EvenniaTest
from hypothesis import given, settings
from hypothesis import strategies as st

from commands.default_cmdsets import CharacterCmdSet
from server.cmdindex import index_of
from server.cmdmatch import EVENNIAS, EVENNIAS_GET, build_matches, get

INPUTS = st.text(alphabet="abcdeghiklmnoprstuwy @/'-12", max_size=14)
TYPED = [
    "look",
    "l",
    "look here",
    "lookhere",
    "@tel #2",
    "tel here",
    "north",
    "n",
    "say hi",
    "'hi",
    "bm12n7z",
    "jutsu kunai chu 2",
    "",
    "@",
    "smile at ino",
]


class Smile(Command):
    key = "smile"
    aliases = ["smile at", "@grin"]


class NorthExit(Command):
    key = "north"
    aliases = ["n"]
    arg_regex = r"^$"


def merged():
    cmdset = CharacterCmdSet()
    cmdset.at_cmdset_creation()
    extra = CmdSet()
    extra.add(Smile())
    extra.add(NorthExit())
    return extra + cmdset


class TestCmdMatch(EvenniaTest):
    def test_the_same_matches_as_evennias_parser(self):
        cmdset = merged()
        for typed in TYPED:
            for prefixed in (True, False):
                assert build_matches(typed, cmdset, prefixed) == EVENNIAS(typed, cmdset, prefixed), typed

    def test_a_command_by_key_is_evennias_and_asks_the_index_only_once_the_set_is_indexed(self):
        cmdset = merged()
        keys = [cmd.key for cmd in cmdset.commands] + [
            "__nomatch_command",
            "__noinput_command",
            "nosuch",
            "Look",
        ]
        assert get(cmdset, "smile") is EVENNIAS_GET(cmdset, "smile")  # not indexed yet: Evennia's
        index_of(cmdset)
        for key in keys:
            assert get(cmdset, key) is EVENNIAS_GET(cmdset, key), key
        assert get(cmdset, Smile()) is EVENNIAS_GET(cmdset, Smile())

    def test_a_command_by_key_is_the_first_sharing_a_name_with_it(self):
        class Grin(Command):
            key = "grin"
            aliases = ["smile"]

        cmdset = CmdSet()
        cmdset.add(Grin())
        cmdset.commands.append(Smile())  # as a merge can leave them: Grin first, sharing "smile"
        index_of(cmdset)
        assert get(cmdset, "smile").key == EVENNIAS_GET(cmdset, "smile").key == "grin"

    def test_the_index_is_kept_with_the_set_and_rebuilt_when_its_commands_change(self):
        cmdset = merged()
        index = index_of(cmdset)
        assert index_of(cmdset) is index
        cmdset.remove(Smile())
        assert index_of(cmdset) is not index
        assert build_matches("smile at ino", cmdset, True) == EVENNIAS("smile at ino", cmdset, True) == []


@settings(max_examples=300, deadline=None)
@given(INPUTS)
def test_any_input_matches_as_evennias_parser(typed):
    cmdset = merged()
    for prefixed in (True, False):
        assert build_matches(typed, cmdset, prefixed) == EVENNIAS(typed, cmdset, prefixed)

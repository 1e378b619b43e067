"""
Every command a player can use, fed generated arguments (hypothesis), on the live character
command set as the server builds it from settings.

A player types anything after a command name: separators the MUX parser splits on (`=`, `,`,
`/`, `;`), names and dbrefs of things nearby, Evennia markup and inline functions, control
characters, very long words, any Unicode. For each command and each generated argument
string the command must finish without an exception and must not show a traceback.

The caller is an ordinary player (the test account's developer permissions are removed), so
the commands fuzzed are exactly those a hostile player reaches; game-master tools are out of
their reach and of this test's.
"""

import pytest
from django.conf import settings
from evennia.utils.test_resources import EvenniaCommandTest
from evennia.utils.utils import class_from_module
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

EXAMPLES_PER_COMMAND = 40
# Pieces players (and attackers) type: parser separators, switches, names and dbrefs of what
# is around, self-references, Evennia markup, inline functions, and numbers at the edges.
TOKENS = [
    "=",
    ",",
    ";",
    "/",
    "//",
    "/all",
    "/switch",
    ":",
    "'",
    '"',
    "*",
    "#",
    "#1",
    "#-1",
    "#99999999999",
    "me",
    "here",
    "self",
    "Char",
    "Char2",
    "Obj",
    "Obj2",
    "out",
    "Room",
    "all",
    "0",
    "-1",
    "1e308",
    "99999999999999999999999",
    "|r",
    "|[",
    "|/",
    "||",
    "|n",
    "|u",
    "|lc",
    "|",
    "$you()",
    "$random(",
    "$pad(x, 99999999)",
    "{",
    "}",
    "%s",
    "\x1b[2J",
    "\x00",
    "\t",
    "\u202e",
    "\U0001f600",
    "x" * 5000,
]
ARGUMENTS = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(TOKENS) | st.text(max_size=6), max_size=8).map(" ".join),
    st.lists(st.sampled_from(TOKENS), max_size=6).map("".join),
)


def character_cmdset():
    """The live character command set, as the server builds it from settings."""
    cmdset = class_from_module(settings.CMDSET_CHARACTER)()
    cmdset.at_cmdset_creation()
    return cmdset


@pytest.fixture
def war_for_class(request, war):
    request.cls.war = war


@pytest.mark.usefixtures("war_for_class")
class TestCommandArguments(EvenniaCommandTest):
    def setUp(self):
        super().setUp()
        for holder in (self.account, self.char1):
            holder.permissions.remove("Developer")
            holder.permissions.add("Player")

    def test_every_player_command_survives_generated_arguments(self):
        cmdset = character_cmdset()
        commands = sorted(
            (cmd for cmd in cmdset.commands if cmd.access(self.char1, "cmd")), key=lambda c: c.key
        )
        assert len(commands) > 10, [cmd.key for cmd in commands]
        failures = {}
        for command in commands:
            try:
                self.fuzz(command, cmdset)
            except Exception as err:  # collect every command's failure, then report them all
                failures[command.key] = err
        assert not failures, "\n\n".join(
            f"{key}: {type(err).__name__}: {err} {getattr(err, '__notes__', '')}"
            for key, err in failures.items()
        )

    def fuzz(self, command, cmdset):
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_COMMAND,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(args=ARGUMENTS)
        def run(args):
            # Commands move and rename things: put the caller back where the test needs it.
            self.char1.location = self.room1
            out = self.call(type(command)(), f" {args}", caller=self.char1, cmdset=cmdset)
            assert "Traceback" not in out, f"{command.key} {args!r} showed a traceback:\n{out}"

        run()

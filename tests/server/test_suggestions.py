"""The unknown-command suggestions are Evennia's, to the same figures and in the same order."""

from evennia.utils.test_resources import EvenniaTest
from evennia.utils.utils import string_similarity, string_suggestions
from hypothesis import given
from hypothesis import strategies as st

from commands.default_cmdsets import CharacterCmdSet
from server.suggestions import CUTOFF, MAXNUM, similarity, suggestions

WORDS = st.text(alphabet="abcdeilmnorstuvwy @/'", max_size=12)


@given(WORDS, WORDS)
def test_similarity_is_evennias_to_the_same_float(text, name):
    assert similarity(text, name) == string_similarity(text, name)


class TestSuggestions(EvenniaTest):
    def setUp(self):
        super().setUp()
        self.cmdset = CharacterCmdSet()
        self.cmdset.at_cmdset_creation()

    def evennias(self, raw, caller):
        return string_suggestions(raw, self.cmdset.get_all_cmd_keys_and_aliases(caller), CUTOFF, MAXNUM)

    def test_typos_and_nonsense_get_evennias_suggestions(self):
        for raw in (
            "lok",
            "inventroy",
            "tiem",
            "woh",
            "sya",
            "scroe",
            "mpa",
            "xyzzy",
            "bm12n7z",
            "",
            "east e",
        ):
            assert suggestions(raw, self.cmdset, self.char1) == self.evennias(raw, self.char1), raw

    def test_a_command_the_caller_may_not_use_is_never_suggested(self):
        locked = next(cmd for cmd in self.cmdset.commands if cmd.key == "look")
        locked.access = lambda caller, *args, **kwargs: False
        found = suggestions("lokk", self.cmdset, self.char1)
        assert "look" not in found
        assert found == self.evennias("lokk", self.char1)

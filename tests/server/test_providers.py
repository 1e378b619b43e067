"""Sessions and accounts give no current command set; the commands a player gets are the same."""

from evennia.commands.cmdhandler import get_and_merge_cmdsets
from evennia.commands.cmdset import CmdSet
from evennia.utils.test_resources import EvenniaTest

from server.providers import CurrentlessProvider


class TestProviders(EvenniaTest):
    def test_the_session_and_account_give_their_stack_and_no_current_set(self):
        for provider in (self.session, self.account):
            assert isinstance(provider, CurrentlessProvider)
            current, stack = provider.get_cmdsets(self.char1, None)
            assert current is None and stack == list(provider.cmdset.cmdset_stack)

    def test_the_merged_set_still_has_every_provider_s_commands(self):
        providers = [self.session, self.account, self.char1]  # in Evennia's order
        merged = []
        get_and_merge_cmdsets(self.char1, providers, "object", "look").addBoth(merged.append)
        assert merged and isinstance(merged[0], CmdSet), merged  # it runs through at once
        keys = {cmd.key for cmd in merged[0].commands}
        # the character's, the account's and the session's own commands all reach the player
        assert {"look", "raid", "who", "password", "quit"} <= keys

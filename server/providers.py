"""
Sessions and accounts give the command handler their command sets without a "current" one.

Before every command Evennia's command handler (`get_and_merge_cmdsets`) asks each provider of
command sets (the session, the account, then the ninja) for its stack and its current set,
and merges the current sets one into the next (`current_cmdset + current`) as it goes: three
merges of up to a hundred commands each, every command. The merged "current" is only read for
the ninja's own flags (`no_objs`, `no_exits`: whether the room's objects and exits add their
commands) and passed to hooks that ignore it; the command set actually used is merged from the
stacks afterwards, and kept in Evennia's merge cache. A session or account that answers None
for its current set is skipped by that loop (`if current:`), so only the ninja's is merged;
the commands a player gets are the same.
"""


class CurrentlessProvider:
    """Mixin for the session and the account: their stack, no current set (see the module)."""

    def get_cmdsets(self, caller, current, **kwargs):
        """
        Returns:
            tuple: (None, this provider's command set stack).
        """
        return None, list(self.cmdset.cmdset_stack)

"""
Accounts: the player behind the ninja. The account outlives its ninja (a fallen ninja stays
dead for the timeline) and is what keeps memories across timelines.
"""

from evennia.accounts.accounts import DefaultAccount, DefaultGuest


class Account(DefaultAccount):
    """A player's account."""

    def create_character(self, *args, **kwargs):
        """New ninja wake at the current epoch's start room (the headquarters at first)."""
        from world.village.builder import start_room

        room = start_room()
        if room is not None:
            kwargs.setdefault("location", room)
            kwargs.setdefault("home", room)
        return super().create_character(*args, **kwargs)


class Guest(DefaultGuest):
    """Guest logins are disabled in settings; kept so the typeclass path stays valid."""

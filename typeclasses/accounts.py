"""
Accounts: the player behind the ninja. The account outlives its ninja (a fallen ninja stays
dead for the timeline) and is what keeps memories across timelines.
"""

from evennia.accounts.accounts import DefaultAccount, DefaultGuest

from server.providers import CurrentlessProvider
from world.clients import notify
from world.clients.accessibility import sync_session
from world.ninja.death import death_of, is_dead
from world.timeline.carryover import apply_to_new_ninja
from world.timeline.newninja import start_room


class Account(CurrentlessProvider, DefaultAccount):
    """A player's account. It may have one living ninja; the dead stay, unplayable, until
    the Second Chance brings the latest one back. It gives the command handler no current
    command set to merge (server.providers)."""

    def living_ninja(self):
        """Returns: list: This account's ninja that are alive."""
        return [char for char in self.characters if not is_dead(char)]

    def get_available_character_slots(self):
        slots = self.get_character_slots()
        return None if slots is None else max(0, slots - len(self.living_ninja()))

    def at_post_login(self, session=None, **kwargs):
        if session is not None:
            sync_session(session)
        super().at_post_login(session=session, **kwargs)

    def channel_msg(self, message, channel, senders=None, **kwargs):
        super().channel_msg(message, channel, senders=senders, **kwargs)
        notify.send_channel_text(self, channel.key, senders[0].key if senders else "", message)

    def at_post_create_character(self, character, **kwargs):
        super().at_post_create_character(character, **kwargs)
        # The owner is kept on the ninja: `character.account` is only set while it is played.
        character.attributes.add("account_id", self.id)

    def puppet_object(self, session, obj):
        death = death_of(obj)
        if death:
            self.msg(
                f"{obj.key} {death.get('how', 'fell')}, and is gone for the rest of this timeline.\n"
                "A Leaf ninja from the garrisons can take their place: |wcharcreate <name>|n.",
                session=session,
            )
            return
        super().puppet_object(session, obj)

    def create_character(self, *args, **kwargs):
        """New ninja wake at the current epoch's start room (the headquarters in the present,
        the exam arena after a Second Chance), carrying what the account remembers."""
        room = start_room()
        if room is not None:
            kwargs.setdefault("location", room)
            kwargs.setdefault("home", room)
        character, errors = super().create_character(*args, **kwargs)
        if character is not None:
            apply_to_new_ninja(self, character)
        return character, errors


class Guest(DefaultGuest):
    """Guest logins are disabled in settings; kept so the typeclass path stays valid."""

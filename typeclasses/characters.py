"""
Characters: the ninja players puppet.

The typeclass holds state and hooks only. Health and chakra are gauge traits (Evennia's
traits contrib) that regenerate lazily from stored timestamps, so they refill while a
player is away or the server is down; faction and rank are plain Attributes whose meaning
lives in `world.ninja.ranks`.
"""

from evennia.contrib.rpg.traits import TraitHandler
from evennia.objects.objects import DefaultCharacter
from evennia.utils.utils import lazy_property

from world.clients import gmcp, items, notify, presence, state
from world.combat import bridge, paths
from world.combat.catalog import get_catalog
from world.ninja.ranks import RANK_STATS, Faction, Rank
from world.raids.advancement import item_kind, item_name, pouch_of
from world.raids.life.fighting import take_notice
from world.timeline.service import SECOND_CHANCE
from world.village.crowd import is_crowd
from world.village.follow import followers
from world.war.briefing import SEEN_ATTR, briefing, seen_now
from world.war.service import WAR

from .objects import ObjectParent


class Character(ObjectParent, DefaultCharacter):
    """A ninja of the Leaf (or, for NPCs, of the Sound)."""

    @lazy_property
    def traits(self):
        return TraitHandler(self)

    @property
    def faction(self):
        return Faction(self.attributes.get("faction", Faction.LEAF.value))

    @property
    def rank(self):
        return Rank(self.attributes.get("rank", Rank.GENIN.value))

    def at_object_creation(self):
        super().at_object_creation()
        self.attributes.add("faction", Faction.LEAF.value)
        self.set_rank(Rank.GENIN, refill=True)

    def set_rank(self, rank, refill=False):
        """
        Give this ninja a rank and the health and chakra maxima that go with it.

        Args:
            rank (Rank): The new rank.
            refill (bool): Fill both gauges to their new maxima.
        """
        stats = RANK_STATS[rank]
        self.attributes.add("rank", rank.value)
        for name, label, top, regen in (
            ("health", "Health", stats.health, stats.health_regen),
            ("chakra", "Chakra", stats.chakra, stats.chakra_regen),
        ):
            trait = self.traits.get(name)
            if trait is None:
                self.traits.add(name, label, trait_type="gauge", base=top, rate=regen, min=0)
                continue
            trait.base, trait.rate = top, regen
            if refill:
                trait.reset()
        notify.send_vitals(self, only_if_changed=False)
        notify.send_status(self, only_if_changed=False)

    def vitals(self):
        """
        Returns:
            dict: Current and maximum health and chakra, as whole numbers.
        """
        health, chakra = self.traits.health, self.traits.chakra
        return {
            "health": int(health.value),
            "health_max": int(health.max),
            "chakra": int(chakra.value),
            "chakra_max": int(chakra.max),
        }

    def full_name(self):
        """Returns: str: the name as `score` heads the sheet and GMCP's Char.Name sends it."""
        return f"{self.key}, {self.rank.label} of {self.faction.label}"

    def pouch_items(self):
        """
        Returns:
            list: (item key, count, "3 kunai", kind) for what the pouch holds, by key (GMCP
                items; the kind is the item's icon).
        """
        return [
            (key, qty, item_name(key, qty), item_kind(key))
            for key, qty in sorted(pouch_of(self).items())
            if qty
        ]

    def at_post_puppet(self, **kwargs):
        super().at_post_puppet(**kwargs)
        state.send_state(self)
        presence.changed(self.location)
        self._countdown_state()
        self._war_briefing()
        notice = take_notice(self)
        if notice:
            self.msg(notice)
        if bridge.chosen_path(self) is None and self.faction is Faction.LEAF:
            self.msg(paths.offer(get_catalog().paths))

    def at_post_unpuppet(self, account=None, session=None, **kwargs):
        super().at_post_unpuppet(account=account, session=session, **kwargs)
        presence.changed(self.location)

    def _countdown_state(self):
        """A player who arrives during a Second Chance countdown is shown it at once."""
        row = SECOND_CHANCE.pending()
        if row is not None:
            now = SECOND_CHANCE.now()
            notify.send(
                self, gmcp.timeline_countdown(row.fires_at, now, reason=row.reason, timeline=row.timeline)
            )
            self.msg(
                f"|rThe forbidden jutsu is coming: the Second Chance fires in {row.fires_at - now:.0f} seconds.|n"
            )

    def _in_a_crowd(self):
        room = self.location
        return room is not None and is_crowd(len(room.contents_get(content_type="character")) - 1)

    def announce_move_from(self, destination, msg=None, mapping=None, move_type="move", **kwargs):
        """Leaving a crowd goes unannounced (world.village.crowd)."""
        if not self._in_a_crowd():
            super().announce_move_from(destination, msg=msg, mapping=mapping, move_type=move_type, **kwargs)

    def announce_move_to(self, source_location, msg=None, mapping=None, move_type="move", **kwargs):
        """Joining a crowd goes unannounced (world.village.crowd)."""
        if not self._in_a_crowd():
            super().announce_move_to(source_location, msg=msg, mapping=mapping, move_type=move_type, **kwargs)

    def at_post_move(self, source_location, move_type="move", **kwargs):
        super().at_post_move(source_location, move_type=move_type, **kwargs)
        notify.send_room(self)
        notify.send_status(self)
        presence.changed(source_location)
        if self.sessions.count():
            presence.arrived(self)
        items.sync(self)
        if move_type == "traverse":  # walked through an exit: who follows walks too
            for follower in followers(self, source_location):
                follower.msg(f"You follow {self.key}.")
                follower.move_to(self.location, move_type="traverse")

    def channel_msg(self, message, channel, senders=None, **kwargs):
        super().channel_msg(message, channel, senders=senders, **kwargs)
        notify.send_channel_text(self, channel.key, senders[0].key if senders else "", message)

    def at_pre_unpuppet(self, **kwargs):
        self._remember_war()
        super().at_pre_unpuppet(**kwargs)

    def _war_briefing(self):
        """Tell the returning player what changed in the war since they last played."""
        if not (WAR.ready and self.account):
            return
        text = briefing(self.account.attributes.get(SEEN_ATTR), WAR.state, WAR.clock())
        if text:
            self.msg(text)
        self._remember_war()

    def _remember_war(self):
        if WAR.ready and self.account:
            self.account.attributes.add(SEEN_ATTR, seen_now(WAR.state, WAR.clock()))

    def prompt_text(self, vitals=None):
        """
        The status line shown after every command.

        Args:
            vitals (dict, optional): `vitals()` if the caller has them already.
        """
        v = vitals or self.vitals()
        return f"|r[HP {v['health']}/{v['health_max']}]|n |b[CK {v['chakra']}/{v['chakra_max']}]|n > "

"""Roguelike death: gone for the timeline, remembered by the account, a new ninja allowed."""

from unittest import mock

from evennia.utils.test_resources import EvenniaTest

from world.memories.models import Memory
from world.ninja import death
from world.ninja.death import death_of, is_dead, kill, owner_of, revive


class TestDeath(EvenniaTest):
    def setUp(self):
        super().setUp()
        self.account.permissions.clear()
        self.account.permissions.add("Player")
        self.ninja, errors = self.account.create_character(key="Ren")
        assert not errors

    def test_new_ninja_knows_its_owner(self):
        assert owner_of(self.ninja) == self.account

    def test_death_is_remembered_and_frees_the_slot(self):
        assert self.account.get_available_character_slots() == 0
        assert kill(self.ninja, "was cut down by Kabuto", timeline=1, zone_key="flank_route")
        assert is_dead(self.ninja) and death_of(self.ninja)["timeline"] == 1
        assert self.ninja.location is None
        memory = Memory.objects.get(account_id=self.account.id)
        assert memory.text == "Ren was cut down by Kabuto." and memory.timeline == 1
        assert self.account.get_available_character_slots() == 1
        assert not kill(self.ninja, "died again", timeline=1)
        assert Memory.objects.count() == 1

    def test_the_dead_cannot_be_played(self):
        kill(self.ninja, "fell to poison", timeline=1)
        self.account.puppet_object(self.session, self.ninja)
        assert self.session.puppet != self.ninja

    def test_revive_brings_the_ninja_back(self):
        kill(self.ninja, "fell", timeline=1)
        revive(self.ninja, self.room1)
        assert not is_dead(self.ninja) and self.ninja.location == self.room1

    def test_subscribers_hear_of_a_death_and_a_failing_one_does_not_undo_it(self):
        heard = []

        def broken(text):
            raise RuntimeError("listener down")

        with mock.patch.object(death, "_LISTENERS", []):
            death.subscribe(broken)
            death.subscribe(heard.append)
            death.subscribe(heard.append)  # once only
            assert kill(self.ninja, "was cut down by Kabuto", timeline=1)
        assert heard == ["Ren was cut down by Kabuto."]
        assert is_dead(self.ninja)

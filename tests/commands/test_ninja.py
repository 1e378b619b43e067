"""`score`, the prompt, and where new ninja wake."""

import pytest
from evennia.utils.test_resources import EvenniaCommandTest

from commands.combat import CmdJutsu
from commands.ninja import CmdInventory, CmdPath, CmdPaths, CmdScore
from world.raids.advancement import add_to_pouch
from world.village.builder import build_world, start_room


class TestInventory(EvenniaCommandTest):
    def test_inventory_lists_the_pouch_that_shop_and_use_draw_on(self):
        # Before: "You are not carrying anything." beside a pouch of pills and kunai.
        out = self.call(CmdInventory(), "")
        assert (
            "Weapons:           8 kunai" in out and "Pills:             1 blood pill, 1 soldier pill" in out
        )
        add_to_pouch(self.char1, "explosive_tag", 2)
        add_to_pouch(self.char1, "bandages", 1)
        out = self.call(CmdInventory(), "")
        assert "Tags:              2 explosive tags" in out
        assert "Medical supplies:  1 roll of bandages" in out
        assert "In your hands" not in self.call(CmdInventory(), "")
        self.obj1.location = self.char1
        assert f"In your hands: {self.obj1.key}." in self.call(CmdInventory(), "")


class TestScore(EvenniaCommandTest):
    def test_score_shows_rank_and_vitals(self):
        self.call(CmdScore(), "", "Char, Genin of the Leaf")
        out = self.call(CmdScore(), "")
        assert "Health" in out and "100/100" in out and "80/80" in out

    @pytest.mark.with_prompt
    def test_prompt_follows_a_command(self):
        from unittest.mock import patch

        with patch.object(self.char1, "msg") as msg:
            cmd = CmdScore()
            cmd.caller, cmd.session, cmd.args, cmd.cmdname = self.char1, self.session, "", "score"
            cmd.account = self.account
            cmd.at_post_cmd()
        prompts = [c.kwargs.get("prompt") for c in msg.call_args_list if c.kwargs.get("prompt")]
        assert prompts and "HP 100/100" in prompts[0] and "CK 80/80" in prompts[0]

    @pytest.mark.with_prompt
    def test_no_second_prompt_after_a_fight_round_showed_the_same_one(self):
        from unittest.mock import patch

        cmd = CmdScore()
        cmd.caller, cmd.session, cmd.args, cmd.cmdname = self.char1, self.session, "", "score"
        cmd.account = self.account
        for shown_during, expected in ((True, 0), (False, 1)):
            cmd.at_pre_cmd()
            if shown_during:
                self.char1.ndb.prompted = self.char1.prompt_text()  # as a round resolving does
            with patch.object(self.char1, "msg") as msg:
                cmd.at_post_cmd()
            assert sum(1 for c in msg.call_args_list if c.kwargs.get("prompt")) == expected


class TestNewNinja(EvenniaCommandTest):
    def test_new_character_wakes_in_the_headquarters(self):
        build_world()
        char, errors = self.account.create_character(key="Fresh")
        assert not errors
        assert char.location == start_room()
        assert char.home == start_room()


class TestPaths(EvenniaCommandTest):
    def test_paths_lists_every_path_with_its_role_and_reads_one(self):
        out = self.call(CmdPaths(), "")
        assert "nara" in out and "control" in out and "Shadow Possession" in out and "taijutsu" in out
        out = self.call(CmdPaths(), "lee")
        assert "Taijutsu path" in out and "First Gate" in out and "Chuunin:" in out
        assert "no path called 'samurai'" in self.call(CmdPaths(), "samurai")

    def test_a_new_ninja_is_offered_the_choice_and_takes_a_path_once(self):
        out = self.call(CmdPath(), "")
        assert "Ninja path" in out and "Choose your path for this life" in out
        self.call(CmdScore(), "", "Char, Genin of the Leaf")
        assert "not chosen yet" in self.call(CmdScore(), "")
        out = self.call(CmdPath(), "akimichi")
        assert "You take the Akimichi path" in out and "tank" in out and "Partial Expansion" in out
        assert "Path    Akimichi path (tank)" in self.call(CmdScore(), "")
        assert "in this life" in self.call(CmdPath(), "nara")
        assert self.char1.attributes.get("path") == "akimichi"

    def test_an_unknown_path_is_a_sentence(self):
        assert "There is no path called 'samurai'" in self.call(CmdPath(), "samurai")
        assert "'n' could be the Nara path or the Ninja path: type more of it." in self.call(CmdPath(), "n")
        assert "could be the Nara path or the Ninja path" in self.call(CmdPaths(), "n")
        assert self.char1.attributes.get("path") is None

    def test_jutsu_names_resolve_among_what_the_ninja_knows(self):
        self.call(CmdPath(), "nara")
        out = self.call(CmdJutsu(), "")
        assert "Shadow Possession" in out and "Shadow Clone" not in out

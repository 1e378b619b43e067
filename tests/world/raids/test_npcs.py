"""The headquarters' people are named in a room, never counted like things."""

from evennia.objects.models import ObjectDB
from evennia.utils.create import create_object


def test_a_person_is_listed_by_name_without_an_article(make_ninja, hq):
    looker = make_ninja("Kiba")
    create_object("typeclasses.raids.Npc", key="Shikamaru", location=hq[100])
    seen = hq[100].return_appearance(looker)
    assert "Shikamaru" in seen and "a Shikamaru" not in seen


def test_before_the_headquarters_exists_the_leaf_is_run_from_the_tower(make_ninja, hq, war, monkeypatch):
    # Before: at the exams epoch a genin in the arena read "Raids set out from the
    # headquarters" with no headquarters in the story yet, and no way to find it.
    from world.raids.npcs import NPC_TAG, place_npcs, post_room
    from world.raids.service import at_headquarters, way_to_the_board
    from world.village.builder import ROOM_TAG

    desk = create_object("typeclasses.rooms.Room", key="Mission Desk Hall", tags=[("602", ROOM_TAG)])
    desk.db.zone, desk.db.room_id = "hokage_tower", 602
    place_npcs()
    assert post_room("strategist") == hq[100]
    monkeypatch.setattr(war.state, "hq_exists", False)
    place_npcs()
    shikamaru = ObjectDB.objects.get_by_tag("shikamaru", category=NPC_TAG).first()
    assert post_room("strategist") == desk and shikamaru.location == desk
    genin = make_ninja("Konohamaru")
    assert not at_headquarters(genin)
    assert way_to_the_board(genin).startswith("Raids set out from the Mission Desk Hall (Hokage Tower)")
    genin.location = desk
    assert at_headquarters(genin)

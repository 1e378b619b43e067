"""The headquarters' people are named in a room, never counted like things."""

from evennia.utils.create import create_object


def test_a_person_is_listed_by_name_without_an_article(make_ninja, hq):
    looker = make_ninja("Kiba")
    create_object("typeclasses.raids.Npc", key="Shikamaru", location=hq[100])
    seen = hq[100].return_appearance(looker)
    assert "Shikamaru" in seen and "a Shikamaru" not in seen

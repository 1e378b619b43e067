"""The agreed zone graph (notes/map.md) and its holders at the two epochs, for the raid tests."""

NEIGHBOURS = {
    "hokage_monument": ["nara_forest", "headquarters"],
    "headquarters": ["hokage_monument", "hokage_tower", "hyuuga_compound"],
    "nara_forest": ["hokage_monument", "training_grounds"],
    "training_grounds": ["nara_forest", "academy", "forest_of_death"],
    "academy": ["training_grounds", "hokage_tower", "inuzuka_kennels"],
    "hokage_tower": ["headquarters", "academy", "market_street", "hospital", "hyuuga_compound"],
    "hyuuga_compound": ["headquarters", "hokage_tower", "hospital", "uchiha_district", "flank_route"],
    "hospital": ["hokage_tower", "hyuuga_compound", "uchiha_district", "eastern_districts", "market_street"],
    "inuzuka_kennels": ["academy", "market_street", "main_gate", "forest_of_death"],
    "market_street": [
        "hokage_tower",
        "hospital",
        "eastern_districts",
        "exam_arena",
        "main_gate",
        "inuzuka_kennels",
    ],
    "uchiha_district": ["hyuuga_compound", "hospital", "eastern_districts", "flank_route"],
    "eastern_districts": ["hospital", "market_street", "uchiha_district", "the_breach", "river"],
    "exam_arena": ["market_street", "river", "main_gate"],
    "main_gate": ["market_street", "exam_arena", "inuzuka_kennels", "forest_of_death"],
    "forest_of_death": ["training_grounds", "inuzuka_kennels", "main_gate"],
    "river": ["eastern_districts", "exam_arena", "the_breach"],
    "the_breach": ["eastern_districts", "river", "sound_camp"],
    "flank_route": ["hyuuga_compound", "uchiha_district", "sound_camp"],
    "sound_camp": ["the_breach", "flank_route"],
}

# The Sound's zones at the present (year 9); at the exams (year 0) it holds only its camp.
SOUND_AT_PRESENT = {
    "hyuuga_compound",
    "hospital",
    "market_street",
    "uchiha_district",
    "eastern_districts",
    "exam_arena",
    "river",
    "the_breach",
    "flank_route",
    "sound_camp",
}
EXAMS = {zone: "sound" if zone == "sound_camp" else "leaf" for zone in NEIGHBOURS}
PRESENT = {zone: "sound" if zone in SOUND_AT_PRESENT else "leaf" for zone in NEIGHBOURS}
# The Sound's garrisons at the present (world/war/data/epochs.yaml).
STRENGTH_AT_PRESENT = {
    "hyuuga_compound": 110.0,
    "hospital": 130.0,
    "market_street": 130.0,
    "uchiha_district": 110.0,
    "eastern_districts": 140.0,
    "exam_arena": 110.0,
    "river": 100.0,
    "the_breach": 150.0,
    "flank_route": 120.0,
    "sound_camp": 200.0,
}
STRENGTH_AT_EXAMS = {"sound_camp": 1500.0}

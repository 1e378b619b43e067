"""
Raids: the strike teams' expeditions into the war, as plain, deterministic rules.

- `content`: the raid data (data/*.yaml), loaded and validated once.
- `board`: what the strategist offers (`offers()`, `render()`), from the war map.
- `generator`: a seeded raid instance (`generate()` -> `RaidPlan`, JSON-safe).
- `teams`: strike-team rules over an immutable `Team`.
- `outcome`: a finished raid's effects on the war, as instructions (`resolve()`).
- `report`: the raid's morgue file (`RaidReport`).
- `rewards`: rank points -> rank.
- `dice`: the seeded random streams everything draws from.

Nothing here touches Evennia or the database; the game wires instances, commands and
persistence on top.
"""

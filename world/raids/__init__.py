"""
Raids: the strike teams' expeditions into the war.

The rules, plain and deterministic (no Evennia, no database):

- `content`: the raid data (data/*.yaml), loaded and validated once.
- `board`: what the strategist offers (`offers()`, `render()`), from the war map.
- `generator`: a seeded raid instance (`generate()` -> `RaidPlan`, JSON-safe).
- `teams`: strike-team rules over an immutable `Team`.
- `report`: the raid's morgue file (`RaidReport`).
- `rewards`: rank points -> rank.
- `dice`: the seeded random streams everything draws from.

The raids in the game, on top of them:

- `models`: the tables (Django app `raids`): `Team`, `Raid` (a running raid's whole state,
  the source of truth across reloads) and `RaidReport` (kept for good).
- `service`: `RAIDS`, the one service: board, launch, join, leave, moving, objectives, loot,
  game masters' tools, built from the parts of `life/`, a raid's life in order (see there).
- `teamstore`: strike teams in the database; `advancement`: rank points, promotion,
  techniques, ryo and the quartermaster (data/shop.yaml); `npcs`: the headquarters'
  people (data/npcs.yaml); `startup`: the server-start step; `views`/`urls`: reports as JSON.
"""

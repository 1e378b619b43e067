"""
The living war between the Leaf and the Sound: a pure-Python, deterministic engine.

The war is a set of zones (the village map), each held by a faction, and squads of NPC
ninja whose strength changes continuously over real time. Everything is computed from
wall-clock timestamps, so the war goes on while the server is down: `engine.resolve`
catches up on every story-time tick that is due, in order, and gives the same result
whether it is called every minute or once after a long downtime.

Modules: `state` (the plain data that is persisted), `clock` (story time from wall time),
`events` (what the war reports), `config` (tunables, epochs and history from `data/`),
`forces` (moving ninja between squads), `battle`, `attrition`, `front`, `history`, `hq`,
`changes` (outside changes: raids, game masters), `queries`, `forecast`, `engine` (the
tick loop and new timelines) and `simulate` (the headless calibration run). These engine
modules import neither Django nor Evennia; the game's persistence and service around them
live beside them in this package.
"""

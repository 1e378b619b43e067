"""
A raid's life, from setting out to its mark on the war, one stage per module.

1. `grounds`: the team sets out and the raid's private rooms are built, an object at a time
   (and taken down the same way at the end), so no raid stalls the game.
2. `state`: the running raid in memory, rebuilt from its `Raid` row and saved back to it
   (`RunningRaid`, a `Fight` per room, `Progress` of the objective).
3. `telling`: who is told what as it goes (members, onlookers, watching game masters, the
   GMCP `Raid.Status`), and the raid's own moves.
4. `fighting`: the rounds of each room's fight, through the combat rules.
5. `ending`: the raid ends (everyone out, dead, or a game master's word): survivors'
   rewards, the report, the grounds taken down.
6. `outcome`: what the finished raid does to the war, as plain instructions (`resolve()`).
7. `war_effects`: those instructions applied to the war in one `WAR.change`.

Beside the stages: `objective` (the objective's steps and the loot of cleared rooms) and
`oversight` (the game masters' start, end and watch). `world.raids.service.RaidService` is
built from the parts that act on a raid (telling, fighting, grounds, ending, objective,
oversight).
"""

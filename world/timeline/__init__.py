"""
The Second Chance: the server-wide rollback to the Chuunin exams, and what outlives it.

When the Leaf falls (or a game master says so, or a ninja at the headquarters completes the
fox's forbidden jutsu during the countdown), the whole world returns in one all-or-nothing
step to the exam epoch: zones, squads, the story clock, every account's latest ninja. Accounts,
memories, the chronicle and game masters' settings are kept; the memories of earlier
timelines give the next ninja something concrete.

Modules:
- `models`: the schedule (a row per timeline, so a countdown survives restarts) and the
  chronicle of ended timelines.
- `service`: the running Second Chance: schedule, countdown timers, the fall listener, the
  ritual, firing. `start_second_chance()` is the start-up hook.
- `rollback`: plan (the dry run) and execute (backup, one transaction, side effects after the
  commit), with `checkpoints` naming each step (a hook setting lets the crash test stop at any).
- `participants`: the registry every pillar joins the rollback through; `war_reset` and
  `ninja_reset` are the war's and the player ninja's parts, `owners` finds who owns which
  ninja, `dbsync` writes Attribute rows in bulk and refreshes Evennia's caches after.
- `backup`: a dated copy of the database before each rollback (SQLite VACUUM INTO, PostgreSQL pg_dump).
- `countdown`, `ritual`, `carryover`, `chronicle`: the rules and texts, content in `data/`
  (loaded by `content`); `announce` tells every connected player; `newninja` says where a
  ninja made now wakes.
"""

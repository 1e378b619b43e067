"""
File-based help entries: the game explained to a new player, a few screens long.

Each feature adds its own entries here as it lands; command help comes from the commands'
docstrings. Evennia reads HELP_ENTRY_DICTS (FILE_HELP_ENTRY_MODULES in settings).
"""

HELP_ENTRY_DICTS = [
    {
        "key": "start",
        "aliases": ["newbie", "getting started", "intro"],
        "category": "Second Chances",
        "text": """
            Welcome to Second Chances.

            Konoha, the village hidden in the Leaf, is losing its war against Orochimaru's
            Sound. You are one of the last Leaf ninja. You wake in the Leaf's last
            headquarters: a ruined house at the foot of the Hokage Monument, hidden by
            genjutsu.

            First steps:
              |wlook|n           see where you are (|wlook <thing>|n to look closer)
              |wscore|n          your ninja: rank, health and chakra
              |wnorth|n, |weast|n...  walk (or |wn|n, |we|n, |ws|n, |ww|n)
              |wsay <words>|n    talk to the ninja in the room
              |wwho|n            who else is fighting
              |whelp <topic>|n   more help; |whelp|n alone lists every topic

            The line after each command is your status: |r[HP]|n health and |b[CK]|n chakra.
            Both refill slowly over time, even while you are away.

            Then: |wwar|n and |wmap|n show the front, |wraid|n what Shikamaru wants done.
            Read |whelp story|n for how the war came to this, |whelp raids|n for how to
            fight back, and |whelp second chance|n for what happens when the Leaf falls.
        """,
    },
    {
        "key": "story",
        "aliases": ["war story", "background", "lore"],
        "category": "Second Chances",
        "text": """
            How it came to this.

            The Sound struck first during the Chuunin exams. The invasion failed, but the
            Third Hokage died stopping it. Years of raids followed, on the village and on
            every mission that left it; the repairs never finished. About four years after
            the exams a second invasion gave the Sound a foothold inside the walls, and the
            occupation spread from there. Nine years on, the Sound holds about half of
            Konoha and the Leaf's half is rubble.

            About two thousand ninja served the Leaf when the war began. About three
            hundred are left. Of eighteen thousand civilians, four thousand remain, and
            they are being evacuated through tunnels inside the Hokage Monument. Tsunade
            leads what is left as Hokage.

            The world is alive: the war goes on while you are offline. When the Leaf falls,
            a server-wide Second Chance throws the world back to the Chuunin exams, and
            everyone gets another try. What your account learned, it keeps.
        """,
    },
    {
        "key": "headquarters",
        "aliases": ["hq", "base"],
        "category": "Second Chances",
        "text": """
            The last headquarters.

            A run-down house at the base of the Hokage Monument, hidden from the Sound by
            genjutsu. Its rooms:
              |wBriefing Room|n      maps and reports; strike teams are sent out from here
              |wInfirmary|n          where the medics work (east of the briefing room)
              |wHokage's Office|n    Tsunade's makeshift office (north)
              |wSleeping Quarters|n  the long wing of bedrolls (west)
              |wHidden Doorway|n     the way out into the ruins (south)

            If the Sound ever finds this house, the Leaf is finished.
        """,
    },
    {
        "key": "ninja",
        "aliases": ["ranks", "rank", "health", "chakra", "stats"],
        "category": "Second Chances",
        "text": """
            Your ninja.

            Every account plays one living ninja of the Leaf. A ninja has a rank (genin,
            chuunin, jounin or Anbu), health and chakra. Health is how much punishment you
            can take; chakra fuels your techniques. Higher ranks have more of both and
            recover faster. See them with |wscore|n; your prompt shows them after every
            command.
        """,
    },
    {
        "key": "raids",
        "aliases": ["raiding", "team", "combat", "fighting"],
        "category": "Second Chances",
        "text": """
            Raids: the Leaf strikes back.

            At the headquarters |wraid|n shows the board: one raid for each Sound-held zone on
            the front line, with what is known of the enemy. Form a strike team of up to four
            (|wteam create|n, |wteam invite <name>|n, |wteam accept|n) or go alone, then
            |wraid launch <number>|n. Every raid is a place of its own, built for your team.

            Fights go in rounds: |wattack <foe>|n, |wjutsu <technique> [target]|n,
            |wuse <item>|n. A round resolves when everyone has chosen, or after 15 seconds.
            At zero health you are downed: a teammate can |wrevive|n or |wcarry|n you out within
            three rounds, or you die, and stay dead until the Second Chance.

            Every Sound ninja you kill is gone from the war; finish the objective and the zone
            may become contested or fall back to the Leaf. |wraidlog|n keeps every report.
            Raids earn rank and ryo; the quartermaster (|wshop|n, |wbuy|n) sells kunai and pills.
        """,
    },
    {
        "key": "second chance",
        "aliases": ["timeline", "timelines", "ritual", "chronicle", "memories"],
        "category": "Second Chances",
        "text": """
            The Second Chance.

            When the Leaf falls, or a game master calls it, everyone is warned by a countdown.
            Then the whole world is thrown back to the Chuunin exams, where the war began:
            every zone, every squad, every ninja (alive again, a genin, in the arena's stands).
            The timeline number goes up by one.

            During a countdown, living ninja at the headquarters may try the forbidden jutsu
            themselves: |writual|n shows the seals, |wseal <name>|n makes each one, in order.
            A wrong seal is fatal. If the jutsu is completed, it fires at once.

            Your account keeps what it learned: |wmemories|n lists it, and some memories give
            your next ninja something concrete. |wchronicle|n tells every ended timeline.
        """,
    },
]

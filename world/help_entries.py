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

            Read |whelp story|n for how the war came to this, and |whelp headquarters|n
            for the rooms you wake in.
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
]

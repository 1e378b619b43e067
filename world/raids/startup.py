"""
The raids' start-up step, called from `server/conf/at_server_startstop.py` after the village
is built and the war is loaded: the headquarters' people are put in their places, and the
running raids are loaded from their rows and their clock made sure to run (a round whose
deadline passed while the server was down is resolved at the clock's first check).
"""

from evennia.utils import logger


def at_server_start():
    """Place the named NPCs; restore the running raids and their clock."""
    import world.raids.secondchance  # noqa: F401  (registers the raids with the Second Chance)
    from world.raids.npcs import place_npcs
    from world.raids.service import RAIDS

    changed = place_npcs()
    if changed:
        logger.log_info(f"Raids: placed {', '.join(changed)}.")
    RAIDS.forget()
    running = RAIDS.running()
    RAIDS.ensure_clock()
    logger.log_info(f"Raids: {len(running)} running raid(s) restored.")

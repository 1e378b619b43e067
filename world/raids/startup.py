"""
The raids' start-up step, called from `server/conf/at_server_startstop.py` after the village
is built and the war is loaded: the headquarters' people are put in their places, and the
running raids are loaded from their rows and their clock made sure to run (a round whose
deadline passed while the server was down is resolved at the clock's first check). A raid
the restart caught setting out carries on building its instance, one the restart caught
with nobody inside is ended, and the objects of ended raids still standing are deleted.
"""

from evennia.objects.models import ObjectDB
from evennia.utils import logger

from world.raids.life.grounds import RAID_TAG
from world.raids.npcs import place_npcs
from world.raids.service import RAIDS


def at_server_start():
    """Place the named NPCs; restore the running raids and their clock."""
    changed = place_npcs()
    if changed:
        logger.log_info(f"Raids: placed {', '.join(changed)}.")
    RAIDS.forget()
    running = RAIDS.running()
    RAIDS.ensure_clock()
    logger.log_info(f"Raids: {len(running)} running raid(s) restored.")
    building = RAIDS.resume_setting_out()
    if building:
        logger.log_info(f"Raids: {building} raid(s) setting out carry on building.")
    ending = RAIDS.end_empty()
    if ending:
        logger.log_info(f"Raids: {ending} raid(s) with nobody inside are ended.")
    swept = sweep_ended_instances({raid.id for raid in running})
    if swept:
        logger.log_info(f"Raids: {swept} room(s) and exit(s) of ended raids removed.")


def sweep_ended_instances(running_ids):
    """
    Delete the rooms and exits of raids that are no longer running (their deletion is spread
    over reactor turns, so a restart can leave some behind).

    Args:
        running_ids (set of int): The ids of the running raids.

    Returns:
        int: How many objects were deleted.
    """
    running = {str(raid_id) for raid_id in running_ids}
    stale = [
        obj
        for obj in ObjectDB.objects.get_by_tag(category=RAID_TAG)
        if not running & set(obj.tags.get(category=RAID_TAG, return_list=True))
    ]
    for obj in stale:
        if obj.pk:  # a room's deletion also takes its exits
            obj.delete()
    return len(stale)

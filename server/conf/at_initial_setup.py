"""
Runs once, at the very first start of a new database, after Evennia has made Limbo and the
game-master account. Limbo becomes the game's out-of-world room (where a game master's own
character starts and where nobody else goes), described in the game's own words.
"""

from django.conf import settings
from evennia.objects.models import ObjectDB

LIMBO_NAME = "Between Timelines"
LIMBO_DESC = (
    "A grey nowhere outside the war, where the game masters stand. Sounds from the village "
    "reach here muffled, as if through water. Use |wtel #<id>|n or |wtel <room name>|n to "
    "step into the world; |wwar|n and |wmap|n show it from here."
)


def at_initial_setup():
    limbo = ObjectDB.objects.get_id(settings.DEFAULT_HOME)
    if limbo is not None:
        limbo.key = LIMBO_NAME
        limbo.db.desc = LIMBO_DESC

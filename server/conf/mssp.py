"""
MSSP (Mud Server Status Protocol) values that MUD listing crawlers read.

Counts come from the village data, so they stay true as the world grows. Evennia adds the
name, player count and uptime itself.
"""

from django.conf import settings

from world.combat.catalog import load_catalog
from world.help_entries import HELP_ENTRY_DICTS
from world.village.layout import load_layout

_LAYOUT = load_layout()
_COMBAT = load_catalog()

MSSPTable = {
    "CRAWL DELAY": "-1",
    "HOSTNAME": "",
    "PORT": [str(port) for port in settings.TELNET_PORTS],
    "CODEBASE": "Evennia 6.1",
    "CONTACT": "",
    "CREATED": "2026",
    "ICON": "",
    "IP": "",
    "LANGUAGE": "English",
    "LOCATION": "",
    "MINIMUM AGE": "0",
    "WEBSITE": "",
    "FAMILY": "Evennia",
    "GENRE": "Fantasy",
    "GAMEPLAY": "Player versus Environment",
    "STATUS": "Alpha",
    "GAMESYSTEM": "Custom",
    "SUBGENRE": "Ninja war",
    "AREAS": str(len(_LAYOUT.zones)),
    "HELPFILES": str(len(HELP_ENTRY_DICTS)),
    "MOBILES": str(len(_COMBAT.enemies)),
    "OBJECTS": str(len(_COMBAT.items)),
    "ROOMS": str(len(_LAYOUT.rooms)),
    "CLASSES": "0",
    "LEVELS": "4",
    "RACES": "0",
    "SKILLS": str(len(_COMBAT.techniques)),
    "ANSI": "1",
    "GMCP": "1",
    "MSDP": "1",
    "MXP": "1",
    "SSL": str(settings.SSL_PORTS[0]) if settings.SSL_ENABLED else "0",
    "UTF-8": "1",
    "MCCP": "1",
    "XTERM 256 COLORS": "1",
    "XTERM TRUE COLORS": "1",
    "ATCP": "0",
    "MCP": "0",
    "MSP": "0",
    "VT100": "0",
    "PUEBLO": "0",
    "ZMP": "0",
    "HIRING BUILDERS": "0",
    "HIRING CODERS": "0",
    "PAY TO PLAY": "0",
    "PAY FOR PERKS": "0",
}

"""
Server start and stop hooks.

At every start (cold start or reload): every content file is read and checked (a bad one
stops the start with its file and key path); the account throttles learn the exempt addresses;
the world is built or updated from the village data, so a data edit reaches the game by a
reload; the war is loaded and catches up on the ticks missed while the server was down;
the headquarters' people are placed and running raids restored; a Second Chance countdown
that was running is resumed (or fired, if it came due while the server was down). Lock checks
remember their values (server.lockeval), the parser asks only the commands an input can name
and merged sets find a command by its key from the same index (server.cmdmatch), and the garbage collector leaves out what start-up loaded and each full
collection's survivors (server.collector: a 300-player crowd froze for up to 0.37 s at each
full collection, about once a second while players logged in).
"""

from evennia.utils import logger

from server import collector
from server.cmdmatch import install as match_by_name_index
from server.lockeval import install as remember_lock_values
from server.throttles import install_account_throttles
from world.clients.dispatches import announce, tell_fallen
from world.clients.notify import broadcast_war
from world.combat.catalog import get_catalog
from world.ninja import death
from world.raids.advancement import shop
from world.raids.content import content as raid_content
from world.raids.startup import at_server_start as start_raids
from world.timeline import content as timeline_content
from world.timeline import siege as siege_event
from world.timeline.service import start_second_chance
from world.village.builder import build_world
from world.war.gamemaster import limits as gm_limits
from world.war.service import WAR


def at_server_init():
    pass


def at_server_start():
    # Every content file is read now, so a bad one stops the start naming its file and key.
    loaders = (get_catalog, raid_content, shop, gm_limits)
    for load in (*loaders, timeline_content.ritual, timeline_content.countdown, timeline_content.carryover):
        load()
    install_account_throttles()
    remember_lock_values()
    match_by_name_index()
    report = build_world()
    if report.changed:
        logger.log_info(f"World builder: {report.summary()}")
    death.subscribe(tell_fallen)
    WAR.subscribe(announce)
    WAR.subscribe(broadcast_war)
    siege_event.subscribe()
    events = WAR.start()
    logger.log_info(f"War: timeline {WAR.state.timeline} loaded, {len(events)} events caught up.")
    start_raids()
    start_second_chance()
    collector.install()


def at_server_stop():
    collector.uninstall()


def at_server_reload_start():
    pass


def at_server_reload_stop():
    pass


def at_server_cold_start():
    pass


def at_server_cold_stop():
    pass

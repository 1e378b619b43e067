"""
Server start and stop hooks.

At every start (cold start or reload) the account throttles learn the exempt addresses and
the world is built or updated from the village data, so a data edit reaches the game by a
reload.
"""

from evennia.utils import logger


def at_server_init():
    pass


def at_server_start():
    from server.throttles import install_account_throttles
    from world.village.builder import build_world

    install_account_throttles()
    report = build_world()
    if report.changed:
        logger.log_info(f"World builder: {report.summary()}")


def at_server_stop():
    pass


def at_server_reload_start():
    pass


def at_server_reload_stop():
    pass


def at_server_cold_start():
    pass


def at_server_cold_stop():
    pass

"""
Second Chances: Evennia settings.

Only what differs from Evennia's defaults lives here. Machine-specific values (the secret
key, a test server's ports) go in the git-ignored `secret_settings.py`, imported last.
"""

import os

from evennia.settings_default import *  # noqa: F403

######################################################################
# Identity
######################################################################

SERVERNAME = "Second Chances"
GAME_SLOGAN = "Konoha is falling. Buy it time."

######################################################################
# Database: SQLite, durable on every connection
######################################################################

# WAL and synchronous=NORMAL are set per connection through `init_command`, so the web
# threads' connections get them too (Evennia's SQLITE3_PRAGMAS reach only the main thread's).
# IMMEDIATE transactions take the write lock up front: no "database is locked" upgrade races
# between the game thread and web threads.
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.getenv("TEST_DB_PATH", os.path.join(GAME_DIR, "server", "evennia.db3")),  # noqa: F405
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }
}
SQLITE3_PRAGMAS = (
    "PRAGMA cache_size=10000",
    "PRAGMA temp_store=2",
)

######################################################################
# Accounts and characters: one living ninja per account
######################################################################

MULTISESSION_MODE = 0
AUTO_CREATE_CHARACTER_WITH_ACCOUNT = True
AUTO_PUPPET_ON_LOGIN = True
MAX_NR_CHARACTERS = 1

COMMAND_DEFAULT_CLASS = "commands.command.MuxCommand"

######################################################################
# Throttles
######################################################################

# Evennia limits account creation (2 per address per 10 minutes), failed logins (5 per
# address per 5 minutes) and new connections (MAX_CONNECTION_RATE per second, server-wide).
# Addresses listed here skip all three, so local play, tests and benchmarks are not queued.
# A public server should list none (set it to [] in secret_settings.py) or only trusted hosts.
THROTTLE_EXEMPT_ADDRESSES = ["127.0.0.1", "::1"]
PORTAL_SESSION_HANDLER_CLASS = "server.throttles.ExemptingPortalSessionHandler"

######################################################################
# The game's own Django apps (tables of our own: the war, the audit log)
######################################################################

INSTALLED_APPS += ["world.war", "world.gamemaster"]  # noqa: F405

######################################################################
# Settings given in secret_settings.py override those in this file.
######################################################################
try:
    from server.conf.secret_settings import *  # noqa: F403
except ImportError:
    print("secret_settings.py file not found or failed to import.")

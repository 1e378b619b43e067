"""
Second Chances: Evennia settings.

Only what differs from Evennia's defaults lives here. Machine-specific values (the secret
key, a test server's ports) go in the git-ignored `secret_settings.py`, imported last.
"""

import os

import dj_database_url
from django.utils.csp import CSP
from evennia.settings_default import *  # noqa: F403

######################################################################
# Identity
######################################################################

SERVERNAME = "Second Chances"
GAME_SLOGAN = "Konoha is falling. Buy it time."

######################################################################
# Database: SQLite by default, PostgreSQL for a public game (DATABASE_URL)
######################################################################

# `DATABASE_URL` (for example postgresql://user:password@localhost:5432/secondchances) picks
# the database; unset, the game runs on the SQLite file beside this folder, as `make run` does.
#
# SQLite: WAL and synchronous=NORMAL are set per connection through `init_command`, so the web
# threads' connections get them too (Evennia's SQLITE3_PRAGMAS reach only the main thread's).
# IMMEDIATE transactions take the write lock up front: no "database is locked" upgrade races
# between the game thread and web threads.
#
# PostgreSQL: every thread (the game's and the web pool's) keeps its connection open between
# requests (CONN_MAX_AGE) instead of paying a new connection each time, and checks that it is
# still alive before reusing it (CONN_HEALTH_CHECKS), so a database restarted under the game
# costs one reconnect, not an error.
DATABASE_URL = os.getenv("DATABASE_URL", "").strip()
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=True),
    }
else:
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
# The war
######################################################################

# Overrides of world/war/data/war.yaml, shaped like it (for example
# {"real_seconds_per_story_year": 3600} for a fast test world).
WAR_OVERRIDES = {}
# The epoch a brand-new server's first timeline starts in, and its seed (None: random).
WAR_START_EPOCH = "present"
WAR_SEED = None
# How often, in real seconds, the war catches up on due ticks (a story day is ~166 s).
WAR_RESOLVE_INTERVAL = 30

GLOBAL_SCRIPTS = {
    "war_ticker": {
        "typeclass": "typeclasses.scripts.WarTicker",
        "interval": WAR_RESOLVE_INTERVAL,
        "repeats": 0,
        "persistent": True,
        "desc": "Resolves the war's due ticks.",
    },
    "vitals_pulse": {
        "typeclass": "typeclasses.scripts.VitalsPulse",
        "interval": 10,
        "repeats": 0,
        "persistent": True,
        "desc": "Keeps GMCP health and chakra gauges current for idle players.",
    },
}

DEFAULT_CHANNELS = [
    {
        "key": "Public",
        "aliases": ("pub",),
        "desc": "Public discussion",
        "locks": "control:perm(Admin);listen:all();send:all()",
    },
    # Not called "War": a channel's name becomes a command word for its listeners, and
    # `war` must stay the war table.
    {
        "key": "Dispatches",
        "aliases": ("disp",),
        "desc": "News from the front, as it happens",
        "locks": "control:perm(Admin);listen:all();send:perm(Admin)",
    },
]

######################################################################
# The game's own Django apps (tables of our own: the war, the audit log)
######################################################################

INSTALLED_APPS += [  # noqa: F405
    "world.war",
    "world.gamemaster",
    "world.memories",
    "world.raids",
    "world.timeline",
    "web.admin.apps.GameAdminConfig",
]

######################################################################
# Hardening: hostile input, reloads and crashes (server/portal/, server/sessions.py,
# server/passwords.py)
######################################################################

# Portal: telnet parsed with bounded buffers, websocket messages capped, input held while the
# server reloads or restarts, and a server that dies unasked started again. This handler
# builds on the Throttles section's (server.throttles) and replaces it here.
PORTAL_SESSION_HANDLER_CLASS = "server.portal.sessions.HardenedPortalSessionHandler"
TELNET_PROTOCOL_CLASS = "server.portal.telnet.HardenedTelnetProtocol"
WEBSOCKET_PROTOCOL_CLASS = "server.portal.websocket.HardenedWebSocketClient"
AJAX_CLIENT_CLASS = "server.portal.ajax.HardenedAjaxWebClient"
AMP_SERVER_PROTOCOL_CLASS = "server.fanout.FanOutAMPServerProtocol"  # supervisor + fan-out
AMP_CLIENT_PROTOCOL_CLASS = "server.fanout.FanOutAMPClientProtocol"  # no Nagle + fan-out
# GMCP packages with capitals inside a part, sent under their exact names (server.portal.gmcp_names).
GMCP_PACKAGE_NAMES = ["Char.StatusVars", "Room.AddPlayer", "Room.RemovePlayer"]
PORTAL_MAX_SUBNEGOTIATION_BYTES = 16 * 1024  # one telnet IAC SB ... IAC SE (GMCP, MSDP, ...)
PORTAL_MAX_LINE_BYTES = 16 * 1024  # an unterminated telnet line (MAX_CHAR_LIMIT still applies)
WEBSOCKET_MAX_MESSAGE_BYTES = 64 * 1024
WEBSOCKET_MAX_HANDSHAKE_BYTES = 16 * 1024
PORTAL_HELD_INPUT_LIMIT = 200  # commands kept per session while the server is away
SERVER_CRASH_RESTARTS = 3  # restarts after crashes within SERVER_CRASH_WINDOW seconds
SERVER_CRASH_WINDOW = 300

# Server: input functions that a client cannot crash, the portal told each session's puppet
# (so a crash restart restores it), and logins checked off the game thread.
SERVER_SESSION_HANDLER_CLASS = "server.sessions.HardenedServerSessionHandler"
# Connections the kernel holds for the portal while it accepts others (Twisted's default: 50;
# a login storm of 200 overflowed it; server/listening.py).
LISTEN_BACKLOG = 1024
# Protocol flags synced to the portal one change at a time (server/serversession.py).
SERVER_SESSION_CLASS = "server.serversession.ServerSession"
INPUT_FUNC_MODULES = [*INPUT_FUNC_MODULES, "server.login_inputfuncs"]  # noqa: F405 - last: its login wins
# Passwords: argon2id at a cost for two cores (server/hashing.py); Django's PBKDF2 hashes still
# verify, and are replaced by an argon2id one at the account's next login.
PASSWORD_HASHERS = [
    "server.hashing.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# A command that fails shows the player one line, not the traceback (which goes to the log).
IN_GAME_ERRORS = False

# Failed logins and account creations are counted in a database table, not in process memory,
# so a reload forgives nothing. server.throttles creates the table at server start.
CACHES = {
    **CACHES,  # noqa: F405
    "throttle": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "throttle_cache",
        "TIMEOUT": 60 * 5,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

######################################################################
# The web in a browser: the websocket's address and security headers (web/security.py)
######################################################################

# X-Content-Type-Options: nosniff (SecurityMiddleware), X-Frame-Options (only the game's own
# pages may frame its pages: the webclient's iframe pane), and a Content-Security-Policy in
# which every script and stylesheet is the game's own; connect-src gets the websocket's
# address per request. WEBSOCKET_CLIENT_URL (Evennia's, None here) sets that address; left
# unset, it is derived from the page (wss:// on an HTTPS page), and a TLS proxy in front says
# HTTPS with X-Forwarded-Proto.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    *MIDDLEWARE,  # noqa: F405
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "web.security.GameCSPMiddleware",
]
TEMPLATES[0]["OPTIONS"]["context_processors"] += [  # noqa: F405
    "web.security.websocket_context",
    "django.template.context_processors.csp",  # csp_nonce, for the REST pages' one <style>
]
# The pinned npm front-end libraries (scripts/vendor-assets.sh copies them into
# node_modules/.vendor) are served as /static/vendor/, beside the game's own web/static.
STATICFILES_DIRS = [*STATICFILES_DIRS, ("vendor", os.path.join(GAME_DIR, "node_modules", ".vendor"))]  # noqa: F405
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.NONCE],  # the nonce: the REST pages' one <style> (rest_framework/api.html)
    "style-src-attr": [CSP.UNSAFE_INLINE],  # Evennia's plugins build panes with style="..."
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
}

######################################################################
# Load: a thousand ninja online
######################################################################

# Evennia keeps each merge of a character's and its room's command sets, keyed by the sets
# themselves: one entry per ninja and place. Its default of 1,000 would evict entries at a
# thousand players and merge the large sets again at every command.
CMDSET_MERGE_CACHE_MAXSIZE = 5000

######################################################################
# Settings given in secret_settings.py override those in this file.
######################################################################
try:
    from server.conf.secret_settings import *  # noqa: F403
except ImportError:
    print("secret_settings.py file not found or failed to import.")

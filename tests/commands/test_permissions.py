"""
Who may run what, checked on the live command sets (as the server builds them from
settings), so a command added without a lock, or with the wrong one, fails here.

Every command of our own must appear in EXPECTED with the lowest role that may use it;
Evennia's own commands are checked only for the rule that nothing locked to builders or
higher is open to players.
"""

import pytest
from django.conf import settings
from evennia.utils.create import create_account
from evennia.utils.utils import class_from_module

pytestmark = pytest.mark.django_db

ROLES = ("player", "builder", "admin", "developer")
PERMISSION = {"player": "Player", "builder": "Builder", "admin": "Admin", "developer": "Developer"}

# command key -> the lowest role that may use it.
EXPECTED = {
    "create": "player",
    "connect": "player",
    "password": "player",
    "userpassword": "admin",
    "who": "player",
    "announce": "builder",
    "dossier": "admin",
    "ban": "developer",
    "score": "player",
    "inventory": "player",
    "paths": "player",
    "path": "player",
    "follow": "player",
    "war": "player",
    "map": "player",
    "warlog": "player",
    "forecast": "player",
    "time": "player",
    "__nomatch_command": "player",
    "screenreader": "player",
    "pose": "player",
    "team": "player",
    "raid": "player",
    "siege": "player",
    "raidlog": "player",
    "loot": "player",
    "get": "player",
    "help": "player",
    "shop": "player",
    "buy": "player",
    "learn": "player",
    "treat": "player",
    "attack": "player",
    "jutsu": "player",
    "use": "player",
    "revive": "player",
    "carry": "player",
    "flee": "player",
    "wait": "player",
    "fight": "player",
    "rank": "player",
    "exam": "player",
    "raids": "builder",
    "promote": "builder",
    "zoneset": "builder",
    "offensive": "builder",
    "squad": "builder",
    "attrition": "builder",
    "storyclock": "builder",
    "chronicle": "player",
    "charcreate": "player",
    "memories": "player",
    "ritual": "player",
    "seal": "player",
    "secondchance": "admin",
    "rebuild": "admin",
    "audit": "admin",
}


def _live_commands():
    commands = {}
    for path in (
        settings.CMDSET_UNLOGGEDIN,
        settings.CMDSET_SESSION,
        settings.CMDSET_ACCOUNT,
        settings.CMDSET_CHARACTER,
    ):
        cmdset = class_from_module(path)()
        cmdset.at_cmdset_creation()
        for cmd in cmdset.commands:
            commands[(path, cmd.key)] = cmd
    return commands


@pytest.fixture(scope="module")
def accounts(django_db_blocker):
    with django_db_blocker.unblock():
        made = {}
        for role in ROLES:
            account = create_account(f"perm_{role}", email=None, password="pw-Perm-12345")
            account.permissions.clear()
            account.permissions.add(PERMISSION[role])
            made[role] = account
        yield made
        for account in made.values():
            account.delete()


def _ours(cmd):
    return type(cmd).__module__.startswith("commands.")


def test_every_command_of_ours_is_in_the_table():
    ours = {cmd.key for cmd in _live_commands().values() if _ours(cmd)}
    assert ours == set(EXPECTED), f"new or removed commands: {ours ^ set(EXPECTED)}"


@pytest.mark.parametrize("role", ROLES)
def test_roles_reach_exactly_what_the_table_says(accounts, role):
    account = accounts[role]
    for (_path, key), cmd in _live_commands().items():
        allowed = cmd.access(account, "cmd")
        if _ours(cmd):
            should = ROLES.index(role) >= ROLES.index(EXPECTED[key])
            assert allowed == should, f"{role} {'can' if allowed else 'cannot'} use {key}"
        elif role == "player" and any(
            p in _cmd_lock(cmd) for p in ("perm(Builder)", "perm(Admin)", "perm(Developer)")
        ):
            assert not allowed, f"players can use Evennia's {key} (locks: {cmd.locks})"


def _cmd_lock(cmd):
    return next((part for part in cmd.locks.split(";") if part.strip().startswith("cmd:")), "")

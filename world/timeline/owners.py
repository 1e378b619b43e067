"""
Which player ninja belong to which account, read straight from the database in a few
queries (the Second Chance looks at every account at once).

A ninja belongs to an account if it is in the account's playable characters (Evennia's
`_playable_characters` Attribute) or carries the account's id (`account_id`, set when the
account creates it; kept after death, when the playable list may have dropped it). An
account's latest ninja is the one created last (the highest id): with one living ninja per
account, it is the living one, or the last to fall.

Staff accounts (superusers, Admin and Developer permissions) have no ninja here: a game
master's own character stands outside the war ("Between Timelines") and stays there.
"""

from dataclasses import dataclass

from django.conf import settings
from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB
from evennia.typeclasses.attributes import Attribute
from evennia.utils.utils import class_from_module

PACKED = "__packed_dbobj__"
# Permissions that make an account staff (Evennia stores permission tags in lower case).
STAFF_PERMISSIONS = ("admin", "developer")
OBJECT_KEY = ("objects", "objectdb")


@dataclass(frozen=True)
class Ninja:
    """A player ninja as the database has it."""

    id: int
    key: str
    account_id: int
    location_id: int | None
    home_id: int | None


@dataclass(frozen=True)
class Ownership:
    """
    Args:
        accounts (dict): Account id -> account name, for every account.
        ninja (dict): Account id -> its ninja (oldest first), for player accounts.
        staff (frozenset): Ids of staff accounts (their characters are not ninja of the war).
    """

    accounts: dict
    ninja: dict
    staff: frozenset = frozenset()

    def latest(self):
        """Returns: dict: account id -> its latest Ninja, for accounts that have one."""
        return {account_id: found[-1] for account_id, found in self.ninja.items() if found}

    def earlier(self):
        """Returns: list of Ninja: every ninja that is not its account's latest."""
        return [n for found in self.ninja.values() for n in found[:-1]]

    def owner_of(self, ninja_id):
        """Returns: int or None: the id of the account a ninja belongs to."""
        for account_id, found in self.ninja.items():
            if any(n.id == ninja_id for n in found):
                return account_id
        return None


def _packed_ids(value):
    """Object ids in a stored list of packed database objects (Evennia's `to_pickle` form)."""
    ids = []
    for item in value or ():
        if isinstance(item, tuple) and len(item) == 4 and item[0] == PACKED and tuple(item[1]) == OBJECT_KEY:
            ids.append(int(item[3]))
    return ids


def _character_paths():
    """Typeclass paths of every loaded Character class (player ninja are Characters)."""
    base = class_from_module(settings.BASE_CHARACTER_TYPECLASS)
    found, unvisited = set(), [base]
    while unvisited:
        cls = unvisited.pop()
        found.add(cls.path)
        unvisited.extend(cls.__subclasses__())
    return found


def ownership():
    """
    Returns:
        Ownership: every account and its ninja.
    """
    accounts = dict(AccountDB.objects.values_list("id", "username"))
    staff = frozenset(AccountDB.objects.filter(is_superuser=True).values_list("id", flat=True)) | frozenset(
        AccountDB.objects.filter(
            db_tags__db_key__in=STAFF_PERMISSIONS, db_tags__db_tagtype="permission"
        ).values_list("id", flat=True)
    )
    claimed = {}
    rows = Attribute.objects.filter(db_key="_playable_characters", accountdb__isnull=False).values_list(
        "accountdb__id", "db_value"
    )
    for account_id, value in rows:
        for object_id in _packed_ids(value):
            claimed.setdefault(object_id, account_id)
    rows = Attribute.objects.filter(
        db_key="account_id", db_category=None, objectdb__isnull=False
    ).values_list("objectdb__id", "db_value")
    for object_id, account_id in rows:
        if isinstance(account_id, int):
            claimed[object_id] = account_id
    paths = _character_paths()
    ninja = {}
    objects = ObjectDB.objects.filter(id__in=claimed).order_by("id")
    for row in objects.values("id", "db_key", "db_typeclass_path", "db_location_id", "db_home_id"):
        account_id = claimed[row["id"]]
        if account_id not in accounts or account_id in staff or row["db_typeclass_path"] not in paths:
            continue
        ninja.setdefault(account_id, []).append(
            Ninja(row["id"], row["db_key"], account_id, row["db_location_id"], row["db_home_id"])
        )
    return Ownership(accounts=accounts, ninja=ninja, staff=staff)

"""
Strike teams in the database: finding a character's team and storing what the team rules
(`world.raids.teams`) decided.

The rules name players by their character's name; a `Team` row keeps the rule's data and,
beside it, each name's character id, so the game can reach the characters behind the names.
There are few teams at a time, so finding one is a scan of the table.
"""

import time

from evennia.objects.models import ObjectDB

from world.raids.models import Team as TeamRow
from world.raids.teams import Team


class TeamRecord:
    """A stored team: its row, its rule data, and the characters behind the names."""

    def __init__(self, row):
        self.row = row
        self.team = Team.from_dict(row.data)

    @property
    def id(self):
        return self.row.id

    def character(self, name):
        """The Character called `name` in this team (or invited to it), or None."""
        char_id = self.row.ids.get(name)
        return ObjectDB.objects.filter(id=char_id).first() if char_id else None

    def members(self):
        """The member Characters in joining order (a deleted one is left out)."""
        return [char for char in (self.character(name) for name in self.team.members) if char]


def team_of(character):
    """
    Returns:
        TeamRecord or None: The team the character is a member of.
    """
    for row in TeamRow.objects.all():
        record = TeamRecord(row)
        if record.team.has(character.key) and row.ids.get(character.key) == character.id:
            return record
    return None


def invitations(character):
    """
    Returns:
        list of TeamRecord: Teams that invited the character, oldest first.
    """
    found = []
    for row in TeamRow.objects.all():
        record = TeamRecord(row)
        if character.key in record.team.invites and row.ids.get(character.key) == character.id:
            found.append(record)
    return found


def store(record, change, *characters, now=None):
    """
    Save what a team rule decided.

    Args:
        record (TeamRecord or None): The team as it was (None for a new team).
        change (TeamChange): The rule's result; nothing is saved unless `change.ok`.
        *characters (Character): Characters the change names (new members or invitees),
            so their ids are kept beside their names.
        now (float, optional): Wall time, for a new team.

    Returns:
        TeamRecord or None: The team as stored now; None if it was disbanded.
    """
    if not change.ok:
        return record
    if change.team is None:
        if record is not None:
            record.row.delete()
        return None
    row = record.row if record is not None else TeamRow(created_at=time.time() if now is None else now)
    ids = dict(row.ids)
    ids.update({char.key: char.id for char in characters})
    named = set(change.team.members) | set(change.team.invites)
    row.ids = {name: char_id for name, char_id in ids.items() if name in named}
    row.data = change.team.to_dict()
    row.save()
    return TeamRecord(row)

"""
Strike teams: who raids together, as pure functions over a small immutable `Team`.

A team has a leader, up to four members (the leader among them) and pending invitations.
Only the leader invites and kicks; a player accepts only an invitation they hold and only
while in no other team; when the leader leaves, the next member in joining order leads; when
the last member leaves the team is gone. A player may raid alone: a team of one.

Each rule returns a `TeamChange`: whether it happened, a short message for the player who
acted (the reason on a refusal), a line for the team channel, and the team as it is now (the
same object on a refusal, None once disbanded). Players are named by strings (character keys
or ids, as the caller prefers); the functions never touch the database, so the caller stores
the team and finds a player's current team itself (`current` arguments).
"""

from dataclasses import dataclass, replace

from world.raids.content import content


@dataclass(frozen=True)
class Team:
    """A strike team. `members` are in joining order, the leader first at creation."""

    leader: str
    members: tuple
    invites: tuple = ()

    def has(self, player):
        return player in self.members

    @property
    def full(self):
        return len(self.members) >= content().max_team

    def to_dict(self):
        return {"leader": self.leader, "members": list(self.members), "invites": list(self.invites)}

    @classmethod
    def from_dict(cls, raw):
        return cls(leader=raw["leader"], members=tuple(raw["members"]), invites=tuple(raw.get("invites", ())))


@dataclass(frozen=True)
class TeamChange:
    """The result of a team rule."""

    ok: bool
    message: str
    team: Team | None
    announce: str = ""


def _refuse(team, message):
    return TeamChange(ok=False, message=message, team=team)


def create(player, current):
    """
    Args:
        player (str): Who creates the team.
        current (Team or None): The team the player is in now.

    Returns:
        TeamChange: A new team led by the player.
    """
    if current is not None:
        return _refuse(current, "You are already in a strike team. Leave it first.")
    team = Team(leader=player, members=(player,))
    return TeamChange(ok=True, message="You form a strike team and lead it.", team=team)


def invite(team, actor, target, target_team):
    """
    Args:
        team (Team or None): The actor's team.
        actor (str): Who invites.
        target (str): Who is invited.
        target_team (Team or None): The team the target is in now.

    Returns:
        TeamChange: The team with the invitation added.
    """
    if team is None:
        return _refuse(team, "You are not in a strike team. Create one first.")
    if actor != team.leader:
        return _refuse(team, "Only the team's leader can invite.")
    if target == actor:
        return _refuse(team, "You are already in your team.")
    if team.has(target):
        return _refuse(team, f"{target} is already in your team.")
    if target_team is not None:
        return _refuse(team, f"{target} is already in another strike team.")
    if target in team.invites:
        return _refuse(team, f"{target} has already been invited.")
    if team.full:
        return _refuse(team, f"Your team is full ({content().max_team} ninja).")
    changed = replace(team, invites=(*team.invites, target))
    return TeamChange(
        ok=True,
        message=f"You invite {target} to your strike team.",
        team=changed,
        announce=f"{actor} invites {target} to the team.",
    )


def accept(team, player, current):
    """
    Args:
        team (Team or None): The team whose invitation the player accepts.
        player (str): Who accepts.
        current (Team or None): The team the player is in now.

    Returns:
        TeamChange: The team with the player as its newest member.
    """
    if current is not None:
        return _refuse(team, "You are already in a strike team. Leave it first.")
    if team is None or player not in team.invites:
        return _refuse(team, "You have no invitation from that team.")
    invites = tuple(name for name in team.invites if name != player)
    if team.full:
        return _refuse(
            replace(team, invites=invites), f"That team is already full ({content().max_team} ninja)."
        )
    changed = replace(team, members=(*team.members, player), invites=invites)
    return TeamChange(
        ok=True,
        message=f"You join {team.leader}'s strike team.",
        team=changed,
        announce=f"{player} joins the team.",
    )


def leave(team, player):
    """
    Args:
        team (Team or None): The player's team.
        player (str): Who leaves.

    Returns:
        TeamChange: The team without the player; the next member leads if the leader left;
            None as the team when nobody is left.
    """
    if team is None or not team.has(player):
        return _refuse(team, "You are not in a strike team.")
    members = tuple(name for name in team.members if name != player)
    if not members:
        return TeamChange(ok=True, message="You leave, and the strike team is no more.", team=None)
    leader = team.leader if team.leader != player else members[0]
    announce = f"{player} leaves the team."
    if leader != team.leader:
        announce = f"{announce} {leader} now leads it."
    changed = replace(team, leader=leader, members=members)
    return TeamChange(ok=True, message="You leave the strike team.", team=changed, announce=announce)


def kick(team, actor, target):
    """
    Args:
        team (Team or None): The actor's team.
        actor (str): Who kicks.
        target (str): Who is kicked out.

    Returns:
        TeamChange: The team without the target.
    """
    if team is None or not team.has(actor):
        return _refuse(team, "You are not in a strike team.")
    if actor != team.leader:
        return _refuse(team, "Only the team's leader can kick someone out.")
    if target == actor:
        return _refuse(team, "You cannot kick yourself out; leave instead.")
    if not team.has(target):
        return _refuse(team, f"{target} is not in your team.")
    changed = replace(team, members=tuple(name for name in team.members if name != target))
    return TeamChange(
        ok=True,
        message=f"You kick {target} out of the strike team.",
        team=changed,
        announce=f"{target} has been removed from the team by {actor}.",
    )

"""
Strike teams: `team` and its subcommands (create, invite, accept, leave, kick, say).

The rules are `world.raids.teams` (pure); this command finds the characters, stores the
result (`world.raids.teamstore`) and tells the team. The team channel is `team say`: it
reaches every member who is online.
"""

from commands.command import MuxCommand
from world.raids import teams, teamstore
from world.raids.service import RAIDS


def _tell_team(record, text, exclude=None):
    for char in record.members() if record else []:
        if char is not exclude:
            char.msg(f"|c[Team]|n {text}")


class CmdTeam(MuxCommand):
    """
    Form and run a strike team (up to four ninja) to raid together.

    Usage:
      team                    your team, its leader and invitations
      team create             form a team and lead it
      team invite <ninja>     invite someone (leader only)
      team accept [<leader>]  join a team that invited you
      team leave              leave your team (the next member leads)
      team kick <ninja>       remove someone (leader only)
      team say <message>      talk to your team, wherever they are
      team stay               on a raid: hold back while the leader walks on
      team follow             on a raid: walk with the leader again (the default)

    The leader launches raids for the team from the headquarters (see |whelp raids|n).
    Inside a raid the team walks with its leader, so nobody meets the Sound alone; a member
    who walks off on their own splits from the team until |wteam follow|n. You may also raid
    alone, without a team.
    """

    key = "team"
    aliases = ["teams"]
    locks = "cmd:all()"
    help_category = "Raid commands"

    def func(self):
        words = self.args.strip().split(None, 1)
        sub = words[0].lower() if words else ""
        rest = words[1].strip() if len(words) > 1 else ""
        handler = {
            "": self.show,
            "create": self.create,
            "invite": self.invite,
            "accept": self.accept,
            "leave": self.leave,
            "kick": self.kick,
            "say": self.say,
            "stay": self.stay,
            "follow": self.follow,
        }.get(sub)
        if handler is None:
            self.msg(
                "Usage: team [create | invite <ninja> | accept [<leader>] | leave | kick <ninja> | say <text>"
                " | stay | follow]"
            )
            return
        handler(rest)

    def stay(self, _):
        self.msg(RAIDS.set_follow(self.caller, False))

    def follow(self, _):
        self.msg(RAIDS.set_follow(self.caller, True))

    def _find(self, name):
        if not name:
            self.msg("Name a ninja.")
            return None
        return self.caller.search(name, global_search=True, typeclass="typeclasses.characters.Character")

    def _done(self, record, change, *characters):
        self.msg(change.message)
        stored = teamstore.store(record, change, *characters)
        if change.ok and change.announce:
            _tell_team(stored or record, change.announce, exclude=self.caller)
        return stored

    def show(self, _):
        record = teamstore.team_of(self.caller)
        invites = teamstore.invitations(self.caller)
        lines = []
        if record is None:
            lines.append("You are not in a strike team (|wteam create|n forms one; you may also raid alone).")
        else:
            team = record.team
            members = ", ".join(f"{name} (leader)" if name == team.leader else name for name in team.members)
            lines.append(f"Your strike team: {members}.")
            if team.invites:
                lines.append(f"Invited: {', '.join(team.invites)}.")
        if invites:
            leaders = ", ".join(r.team.leader for r in invites)
            lines.append(f"Invitations from: {leaders} (|wteam accept <leader>|n).")
        self.msg("\n".join(lines))

    def create(self, _):
        record = teamstore.team_of(self.caller)
        self._done(record, teams.create(self.caller.key, record.team if record else None), self.caller)

    def invite(self, name):
        target = self._find(name)
        if target is None:
            return
        record = teamstore.team_of(self.caller)
        theirs = teamstore.team_of(target)
        change = teams.invite(
            record.team if record else None, self.caller.key, target.key, theirs.team if theirs else None
        )
        if self._done(record, change, target) and change.ok:
            target.msg(
                f"|c{self.caller.key} invites you to a strike team.|n |wteam accept {self.caller.key}|n to join."
            )

    def accept(self, leader):
        invites = teamstore.invitations(self.caller)
        if leader:
            invites = [r for r in invites if r.team.leader.lower() == leader.lower()]
        if not invites:
            self.msg(
                "You have no invitation from that team." if leader else "You have no invitation to a team."
            )
            return
        if len(invites) > 1:
            self.msg(
                f"Several teams invited you: |wteam accept <leader>|n ({', '.join(r.team.leader for r in invites)})."
            )
            return
        record = invites[0]
        current = teamstore.team_of(self.caller)
        self._done(
            record, teams.accept(record.team, self.caller.key, current.team if current else None), self.caller
        )

    def leave(self, _):
        record = teamstore.team_of(self.caller)
        self._done(record, teams.leave(record.team if record else None, self.caller.key))

    def kick(self, name):
        record = teamstore.team_of(self.caller)
        if record is None:
            self.msg("You are not in a strike team.")
            return
        target = next((n for n in record.team.members if n.lower() == name.lower()), name)
        kicked = record.character(target)
        change = teams.kick(record.team, self.caller.key, target)
        self._done(record, change)
        if change.ok and kicked is not None:
            kicked.msg(f"|c{self.caller.key} has removed you from the strike team.|n")

    def say(self, text):
        record = teamstore.team_of(self.caller)
        if record is None:
            self.msg("You are not in a strike team.")
            return
        if not text:
            self.msg("Say what? (team say <message>)")
            return
        _tell_team(record, f"{self.caller.key}: {text}")

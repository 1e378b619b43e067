"""Strike-team rules: up to four, a leader who invites and kicks, clear refusals."""

from world.raids import teams
from world.raids.teams import Team


def _team_of(*names):
    team = teams.create(names[0], None).team
    for name in names[1:]:
        team = teams.invite(team, team.leader, name, None).team
        team = teams.accept(team, name, None).team
    return team


def test_create_makes_the_creator_leader():
    change = teams.create("Ren", None)
    assert change.ok and change.team == Team(leader="Ren", members=("Ren",))
    refused = teams.create("Ren", change.team)
    assert not refused.ok and "already in a strike team" in refused.message


def test_invite_then_accept_joins_the_team():
    team = teams.create("Ren", None).team
    invited = teams.invite(team, "Ren", "Aki", None)
    assert invited.ok and invited.team.invites == ("Aki",) and "Aki" in invited.announce
    joined = teams.accept(invited.team, "Aki", None)
    assert joined.ok and joined.team.members == ("Ren", "Aki") and joined.team.invites == ()
    assert joined.announce == "Aki joins the team."


def test_only_the_leader_invites_and_only_free_ninja():
    team = _team_of("Ren", "Aki")
    assert "Only the team's leader" in teams.invite(team, "Aki", "Mei", None).message
    assert "already in your team" in teams.invite(team, "Ren", "Aki", None).message
    other = teams.create("Mei", None).team
    assert "another strike team" in teams.invite(team, "Ren", "Mei", other).message
    assert "not in a strike team" in teams.invite(None, "Ren", "Mei", None).message
    twice = teams.invite(team, "Ren", "Sora", None).team
    assert "already been invited" in teams.invite(twice, "Ren", "Sora", None).message


def test_a_team_holds_four():
    team = _team_of("Ren", "Aki", "Mei", "Sora")
    assert team.full
    refused = teams.invite(team, "Ren", "Kou", None)
    assert not refused.ok and "full (4 ninja)" in refused.message


def test_accept_needs_an_invitation_a_free_ninja_and_room():
    team = teams.create("Ren", None).team
    assert "no invitation" in teams.accept(team, "Aki", None).message
    invited = teams.invite(team, "Ren", "Aki", None).team
    elsewhere = teams.create("Aki", None).team
    assert "already in a strike team" in teams.accept(invited, "Aki", elsewhere).message
    # Invitations can outnumber the places left: the last place goes to who accepts first.
    late = Team(leader="Ren", members=("Ren", "Aki", "Mei", "Sora"), invites=("Kou",))
    refused = teams.accept(late, "Kou", None)
    assert not refused.ok and "already full" in refused.message and refused.team.invites == ()


def test_when_the_leader_leaves_the_next_member_leads():
    team = _team_of("Ren", "Aki", "Mei")
    change = teams.leave(team, "Ren")
    assert change.ok and change.team.leader == "Aki" and change.team.members == ("Aki", "Mei")
    assert change.announce == "Ren leaves the team. Aki now leads it."
    assert teams.leave(change.team, "Mei").team.leader == "Aki"


def test_the_last_to_leave_ends_the_team():
    change = teams.leave(teams.create("Ren", None).team, "Ren")
    assert change.ok and change.team is None
    assert "not in a strike team" in teams.leave(None, "Ren").message


def test_only_the_leader_kicks_and_not_themselves():
    team = _team_of("Ren", "Aki", "Mei")
    assert "Only the team's leader" in teams.kick(team, "Aki", "Mei").message
    assert "leave instead" in teams.kick(team, "Ren", "Ren").message
    assert "is not in your team" in teams.kick(team, "Ren", "Kou").message
    assert "not in a strike team" in teams.kick(team, "Kou", "Aki").message
    kicked = teams.kick(team, "Ren", "Aki")
    assert kicked.ok and kicked.team.members == ("Ren", "Mei") and "Aki" in kicked.announce


def test_a_refusal_leaves_the_team_as_it_was():
    team = _team_of("Ren", "Aki")
    refused = teams.kick(team, "Aki", "Ren")
    assert not refused.ok and refused.team is team and refused.announce == ""


def test_a_team_survives_a_reload():
    team = teams.invite(_team_of("Ren", "Aki"), "Ren", "Mei", None).team
    assert Team.from_dict(team.to_dict()) == team

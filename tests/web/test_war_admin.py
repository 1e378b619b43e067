"""
Zones and squads in Django's admin: staff game masters only, every change made by the war
service with the game masters' rules and written to the audit log; bad input is a form error.
"""

import pytest
from django.conf import settings
from django.contrib.admin.models import LogEntry
from evennia.utils import create

from world.gamemaster.models import AuditEntry
from world.ninja.ranks import Faction
from world.war.models import Squad, ZoneControl

pytestmark = pytest.mark.urls("web.urls")
PASSWORD = "a-long-test-password"


def _account(name, staff=True, permission=None):
    account = create.create_account(
        name, f"{name.lower()}@leaf.invalid", PASSWORD, typeclass=settings.BASE_ACCOUNT_TYPECLASS
    )
    account.is_staff = staff
    account.save()
    if permission:
        account.permissions.add(permission)
    return account


@pytest.fixture
def gm_client(client, war):
    """A client logged in as a staff account with the game's Builder permission and every model permission."""
    from django.contrib.auth.models import Permission

    account = _account("Shizune", permission="Builder")
    account.user_permissions.set(Permission.objects.filter(content_type__app_label="war"))
    client.force_login(account)
    client.account = account
    return client


def _zone_url(key):
    return f"/admin/war/zonecontrol/{ZoneControl.objects.get(key=key).pk}/change/"


def _errors(response):
    """The messages of the form's errors, field and non-field."""
    form = response.context["adminform"].form
    return [message for messages in form.errors.values() for message in messages]


def test_a_zone_handed_over_in_the_admin_changes_the_war_and_is_audited(gm_client, war):
    response = gm_client.post(_zone_url("hospital"), {"holder": "leaf"})
    assert response.status_code == 302
    assert war.state.zones["hospital"].holder is Faction.LEAF
    row = ZoneControl.objects.get(key="hospital")
    assert row.holder == "leaf" and row.contested  # the Sound's garrison is still inside
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.actor_id, entry.action, entry.target) == (
        "Shizune",
        gm_client.account.id,
        "zone holder",
        "hospital",
    )
    assert entry.before["holder"] == "sound" and entry.after["holder"] == "leaf"


def test_a_bad_holder_is_a_form_error_and_changes_nothing(gm_client, war):
    response = gm_client.post(_zone_url("hospital"), {"holder": "mist"})
    assert response.status_code == 200
    assert _errors(response) == ["Select a valid choice. mist is not one of the available choices."]
    assert war.state.zones["hospital"].holder is Faction.SOUND and not AuditEntry.objects.exists()


def test_zones_can_be_neither_added_nor_deleted(gm_client, war):
    assert gm_client.get("/admin/war/zonecontrol/add/").status_code == 403
    pk = ZoneControl.objects.get(key="hospital").pk
    assert gm_client.get(f"/admin/war/zonecontrol/{pk}/delete/").status_code == 403


def test_the_zone_list_shows_names_and_strengths(gm_client, war):
    html = gm_client.get("/admin/war/zonecontrol/").content.decode()
    assert "Konoha Hospital" in html and "Sound ninja now" in html
    assert html.count('class="field-key"') == len(war.state.zones)


def test_a_squad_created_in_the_admin_joins_the_war(gm_client, war):
    before = set(war.state.squads)
    response = gm_client.post(
        "/admin/war/squad/add/", {"zone": "hospital", "faction": "leaf", "rank": "jounin", "strength": "12"}
    )
    assert response.status_code == 302
    (new,) = set(war.state.squads) - before
    squad = war.state.squads[new]
    assert (squad.zone, squad.faction, squad.rank, squad.strength) == (
        "hospital",
        Faction.LEAF,
        "jounin",
        12.0,
    )
    assert Squad.objects.filter(squad_id=new).exists()
    assert response["Location"] == "/admin/war/squad/"
    # Django's own admin history names the squad the war made
    assert LogEntry.objects.get().object_id == str(new)
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target, entry.after["id"]) == (
        "Shizune",
        "squad create",
        "hospital",
        new,
    )


@pytest.mark.parametrize(
    "form, error",
    [
        (
            {"faction": "sound", "rank": "genin", "strength": "5"},
            "A sound squad's rank is one of: chuunin, jounin, curse_seal.",
        ),
        ({"faction": "leaf", "rank": "genin", "strength": "lots"}, "Strength must be a number, not 'lots'."),
        ({"faction": "leaf", "rank": "genin", "strength": "nan"}, "Strength must be between 1 and 100000."),
        ({"faction": "leaf", "rank": "genin", "strength": "0"}, "Strength must be between 1 and 100000."),
        (
            {"faction": "mist", "rank": "genin", "strength": "5"},
            "Select a valid choice. mist is not one of the available choices.",
        ),
    ],
)
def test_a_bad_new_squad_is_a_form_error_with_the_commands_message(gm_client, war, form, error):
    before = war.state.to_dict()
    response = gm_client.post("/admin/war/squad/add/", {"zone": "hospital", **form})
    assert response.status_code == 200 and _errors(response) == [error]
    assert war.state.to_dict() == before and not AuditEntry.objects.exists()


def _some_squad(war, zone="hospital"):
    return next(s for s in war.state.squads.values() if s.zone == zone)


def test_moving_a_squad_changes_only_its_zone(gm_client, war):
    squad = _some_squad(war)
    url = f"/admin/war/squad/{squad.id}/change/"
    shown = gm_client.get(url).context["adminform"].form.initial["strength"]
    response = gm_client.post(url, {"zone": "market_street", "rank": squad.rank, "strength": shown})
    assert response.status_code == 302
    moved = war.state.squads[squad.id]
    assert moved.zone == "market_street" and moved.strength_at(war.clock()) == pytest.approx(
        float(shown), abs=0.05
    )
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.target) == ("squad move", f"squad {squad.id}")
    assert entry.before["zone"] == "hospital" and entry.after["zone"] == "market_street"


def test_a_squad_set_below_half_a_ninja_is_gone(gm_client, war):
    squad = _some_squad(war)
    response = gm_client.post(
        f"/admin/war/squad/{squad.id}/change/", {"zone": squad.zone, "rank": squad.rank, "strength": "0"}
    )
    assert response.status_code == 302
    assert squad.id not in war.state.squads and not Squad.objects.filter(squad_id=squad.id).exists()
    assert AuditEntry.objects.get().action == "squad set"


def test_a_rank_the_squads_side_lacks_is_a_form_error(gm_client, war):
    squad = _some_squad(war)  # a Sound squad
    response = gm_client.post(
        f"/admin/war/squad/{squad.id}/change/", {"zone": squad.zone, "rank": "genin", "strength": "5"}
    )
    assert response.status_code == 200
    assert _errors(response) == ["A sound squad's rank is one of: chuunin, jounin, curse_seal."]


def test_a_squad_gone_before_the_form_was_sent_is_a_form_error(gm_client, war):
    squad = _some_squad(war)
    url = f"/admin/war/squad/{squad.id}/change/"
    page = gm_client.get(url)
    assert page.status_code == 200
    # a raid kills it from the war (the row stays until the admin reads it again)
    war.state.squads.pop(squad.id)
    response = gm_client.post(url, {"zone": squad.zone, "rank": squad.rank, "strength": "10"})
    assert response.status_code == 200
    assert _errors(response) == [f"no squad {squad.id}"]
    assert not AuditEntry.objects.exists()


def test_deleting_squads_removes_them_through_the_war(gm_client, war):
    first, second = [s.id for s in war.state.squads.values() if s.zone == "hospital"][:2]
    response = gm_client.post(f"/admin/war/squad/{first}/delete/", {"post": "yes"})
    assert response.status_code == 302 and first not in war.state.squads
    response = gm_client.post(
        "/admin/war/squad/", {"action": "delete_selected", "_selected_action": [second], "post": "yes"}
    )
    assert response.status_code == 302 and second not in war.state.squads
    assert not Squad.objects.filter(squad_id__in=[first, second]).exists()
    assert [(e.action, e.target) for e in AuditEntry.objects.order_by("id")] == [
        ("squad remove", f"squad {first}"),
        ("squad remove", f"squad {second}"),
    ]


def test_only_staff_game_masters_see_the_war(client, war):
    from django.contrib.auth.models import Permission

    player = _account("Konohamaru", staff=False)
    client.force_login(player)
    assert client.get("/admin/war/squad/").status_code == 302  # to the admin's login
    clerk = _account("Clerk", staff=True)  # staff, model permissions, but no Builder permission
    clerk.user_permissions.set(Permission.objects.filter(content_type__app_label="war"))
    client.force_login(clerk)
    assert client.get("/admin/war/squad/").status_code == 403
    assert client.post(_zone_url("hospital"), {"holder": "leaf"}).status_code == 403
    assert war.state.zones["hospital"].holder is Faction.SOUND


def test_a_change_the_war_refuses_after_the_fall_is_a_form_error(gm_client, war):
    war.state.fallen = True
    response = gm_client.post(
        "/admin/war/squad/add/", {"zone": "hospital", "faction": "leaf", "rank": "jounin", "strength": "12"}
    )
    assert response.status_code == 200
    assert _errors(response) == ["The Leaf has fallen: the war no longer changes in this timeline."]

"""
The war in Django's admin: zones and squads, for staff who are game masters.

An edit here is a game master's change like any other: the admin and the war commands
(commands/war_admin.py) both call the game master's use cases in `world.war.gamemaster`, and
the admin never writes the war's tables itself. The form checks the input with those rules,
then hands the change to the game's main thread, where the war service applies it, saves it
with its events and writes the audit log with the staff member as actor, all in one
transaction. The rows the admin then shows are what the service
saved.

Whatever the service still refuses (a squad that died between the form and the change)
becomes a form error like any invalid input, never a server error: the change runs from the
form's `is_valid()`, where an error can still be shown. Django's admin wraps saves and
deletes in a transaction of the web thread's database connection; with SQLite's immediate
transactions that would hold the write lock the main thread needs, so these views run
without it (the service has its own transaction).

Zones come from the village data: they can be handed to a side, not added or removed. Who
may edit: staff with Django's permission on the model and the game's Builder permission
(the commands' lock).
"""

from django import forms
from django.contrib import admin

from web.mainthread import call_on_main_thread
from world.ninja.ranks import SQUAD_RANKS, Faction
from world.village.layout import current_layout
from world.war import gamemaster as gm
from world.war.models import Squad, ZoneControl
from world.war.service import WAR
from world.war.state import Squad as LiveSquad

# The game's permission that game masters' war commands are locked to.
GM_PERMISSION = "Builder"
FACTION_CHOICES = [(faction.value, faction.value) for faction in Faction]
RANK_CHOICES = [(rank, rank) for rank in dict.fromkeys(r for ranks in SQUAD_RANKS.values() for r in ranks)]
# The command's audit action for a change of one squad field (`squad/set`, `/move`, `/rank`).
SQUAD_ACTIONS = {"strength": "squad set", "zone": "squad move", "rank": "squad rank"}


def zone_choices():
    """Returns: list: (key, name) of every zone of the village, by name."""
    zones = current_layout().zones.values()
    return [(zone.key, zone.name) for zone in sorted(zones, key=lambda zone: zone.name)]


def zone_name(key):
    zone = current_layout().zones.get(key)
    return zone.name if zone else key


def _strengths(zone):
    """Faction -> ninja in a zone now, from the saved squads (read in the web thread)."""
    now = WAR.clock()
    total = dict.fromkeys(Faction, 0.0)
    for squad in Squad.objects.filter(zone=zone):
        total[Faction(squad.faction)] += _strength_now(squad, now)
    return total


def _strength_now(row, now):
    """A saved squad's ninja at `now` (its lazy strength)."""
    squad = LiveSquad(
        row.squad_id, row.zone, Faction(row.faction), row.rank, row.strength, row.as_of, row.rate
    )
    return squad.strength_at(now)


class WarChangeForm(forms.ModelForm):
    """
    A form whose valid input is applied as a change of the war (see the module docstring):
    each subclass's `apply()` makes its change through the war service and returns True.
    The admin sets `actor`, the staff member, on the class it builds for each request.
    """

    actor = None

    def is_valid(self):
        """
        Returns:
            bool: True once the input is valid and the war service has applied it; its
                refusal is added to the form's errors.
        """
        if getattr(self, "applied", False):
            return True
        if not super().is_valid():
            return False
        if not WAR.ready:
            self.add_error(None, "The war has not started: there is nothing to change yet.")
            return False
        try:
            self.applied = call_on_main_thread(self.apply)
        except ValueError as err:
            self.add_error(None, str(err))
            return False
        return True


class ZoneForm(WarChangeForm):
    holder = forms.ChoiceField(choices=FACTION_CHOICES, help_text="Who holds the zone from now on.")

    class Meta:
        model = ZoneControl
        fields = ["holder"]

    def apply(self):
        gm.set_holder(self.actor, self.instance.key, Faction(self.cleaned_data["holder"]))
        return True


def _clean_strength(text, low):
    try:
        return gm.parse_strength(text, low)
    except gm.GMError as err:
        raise forms.ValidationError(str(err)) from None


class SquadForm(WarChangeForm):
    """A new squad: where, whose, which rank and how many ninja (as `squad/create`)."""

    zone = forms.ChoiceField(choices=zone_choices)
    faction = forms.ChoiceField(choices=FACTION_CHOICES)
    rank = forms.ChoiceField(
        choices=RANK_CHOICES, help_text="Leaf: genin to anbu. Sound: chuunin, jounin, curse_seal."
    )
    strength = forms.CharField()

    class Meta:
        model = Squad
        fields = ["zone", "faction", "rank", "strength"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strength"].help_text = f"Ninja in the squad, 1 to {gm.limits().max_strength:,.0f}."

    def clean_strength(self):
        return _clean_strength(self.cleaned_data["strength"], 1)

    def clean(self):
        data = super().clean()
        faction, rank = data.get("faction"), data.get("rank")
        if faction and rank:
            try:
                gm.check_rank(Faction(faction), rank)
            except gm.GMError as err:
                self.add_error("rank", str(err))
        return data

    def apply(self):
        data = self.cleaned_data
        squad = gm.create_squad(
            self.actor, data["zone"], Faction(data["faction"]), data["rank"], data["strength"]
        )
        if squad is None:
            raise gm.GMError(gm.FALLEN)
        self.instance.squad_id = squad.id
        return True


class SquadChangeForm(WarChangeForm):
    """An existing squad's zone, rank or strength from now on (as `squad/move`, `/rank`, `/set`)."""

    zone = forms.ChoiceField(choices=zone_choices)
    rank = forms.ChoiceField(choices=RANK_CHOICES)
    strength = forms.CharField(help_text="Ninja in the squad from now on; below 0.5 removes it.")

    class Meta:
        model = Squad
        fields = ["zone", "rank", "strength"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The strength as shown (now, to a tenth), so a form that leaves it alone does not change it.
        if self.instance.pk is not None:
            self.initial["strength"] = f"{_strength_now(self.instance, WAR.clock()):.1f}"

    def clean_strength(self):
        return _clean_strength(self.cleaned_data["strength"], 0)

    def clean_rank(self):
        rank = self.cleaned_data["rank"]
        try:
            gm.check_rank(Faction(self.instance.faction), rank)
        except gm.GMError as err:
            raise forms.ValidationError(str(err)) from None
        return rank

    def apply(self):
        squad_id = self.instance.squad_id
        wanted = {name: self.cleaned_data[name] for name in self.changed_data if name in SQUAD_ACTIONS}
        if not wanted:
            return True
        action = SQUAD_ACTIONS[next(iter(wanted))] if len(wanted) == 1 else "squad change"
        gm.change_squad(self.actor, squad_id, action, **wanted)
        return True


class WarModelAdmin(admin.ModelAdmin):
    """What zones and squads share: game masters only, changes through the war service."""

    def _is_game_master(self, request):
        user = request.user
        return bool(user.is_active and user.is_staff and user.check_permstring(GM_PERMISSION))

    def has_module_permission(self, request):
        return self._is_game_master(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._is_game_master(request) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._is_game_master(request) and super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return self._is_game_master(request) and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self._is_game_master(request) and super().has_delete_permission(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Without Django's transaction of the web thread (see the module docstring).
        return self._changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        return self._delete_view(request, object_id, extra_context)

    def save_model(self, request, obj, form, change):
        """The war service has saved the change already (from the form's `is_valid()`)."""


@admin.register(ZoneControl)
class ZoneControlAdmin(WarModelAdmin):
    form = ZoneForm
    list_display = ["key", "name", "holder", "contested", "leaf_now", "sound_now"]
    list_filter = ["holder", "contested"]
    readonly_fields = ["key", "name", "contested", "inside_walls", "leaf_now", "sound_now"]
    fields = ["key", "name", "holder", "contested", "inside_walls", "leaf_now", "sound_now"]
    actions = None

    @admin.display(description="name")
    def name(self, obj):
        return zone_name(obj.key)

    @admin.display(description="Leaf ninja now")
    def leaf_now(self, obj):
        return round(_strengths(obj.key)[Faction.LEAF])

    @admin.display(description="Sound ninja now")
    def sound_now(self, obj):
        return round(_strengths(obj.key)[Faction.SOUND])

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Squad)
class SquadAdmin(WarModelAdmin):
    list_display = ["squad_id", "zone_label", "faction", "rank", "strength_now"]
    list_filter = ["faction", "rank", "zone"]
    ordering = ["zone", "faction", "squad_id"]

    @admin.display(description="zone", ordering="zone")
    def zone_label(self, obj):
        return zone_name(obj.zone)

    @admin.display(description="ninja now")
    def strength_now(self, obj):
        return f"{_strength_now(obj, WAR.clock()):.1f}"

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = SquadChangeForm if obj is not None else SquadForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["zone", "faction", "rank", "strength"]
        return ["squad_id", "faction", "zone", "rank", "strength"]

    def get_readonly_fields(self, request, obj=None):
        return ["squad_id", "faction"] if obj is not None else []

    def _remove(self, request, squad_id):
        call_on_main_thread(gm.remove_squad, request.user, squad_id)

    def has_delete_permission(self, request, obj=None):
        return WAR.ready and super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        self._remove(request, obj.squad_id)

    def delete_queryset(self, request, queryset):
        for squad_id in queryset.values_list("squad_id", flat=True):
            self._remove(request, squad_id)

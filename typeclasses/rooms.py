"""
Rooms: places in the village. A room knows its stable id and its zone (set by the world
builder from the village data); its description reads differently depending on who holds
the zone now (the Leaf, the Sound, or both fighting over it).
"""

from evennia.objects.objects import DefaultRoom

from world.village.layout import current_layout, describe_room
from world.war.display import holder_label
from world.war.service import WAR

from .objects import ObjectParent


class Room(ObjectParent, DefaultRoom):
    """A room of the village."""

    def get_display_desc(self, looker, **kwargs):
        layout = current_layout()
        spec = layout.rooms.get(self.db.room_id)
        if spec is None:
            return super().get_display_desc(looker, **kwargs)
        zone = WAR.state.zones.get(spec.zone) if WAR.ready else None
        return describe_room(spec, layout.zones[spec.zone], holder_label(zone) if zone else None)

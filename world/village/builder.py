"""
The world builder: creates or updates the village's rooms and exits from the layout data.

It is idempotent. Rooms are found again by their stable id (a tag in the `room_id`
category) and exits by their origin and direction (a tag in the `exit_id` category), so a
second run changes nothing, an edited name or description is updated in place, a new exit
is added, an exit removed from the data is deleted, and nobody standing in a room is moved.
It runs at every server start and on the admin command `rebuild`.
"""

from dataclasses import dataclass, field

from evennia.objects.models import ObjectDB
from evennia.utils.create import create_object

from world.village.layout import DIRECTIONS, current_layout, load_layout

ROOM_TAG = "room_id"
EXIT_TAG = "exit_id"
# Rooms are also tagged with their zone, so the war can speak to a whole zone at once.
ZONE_TAG = "zone"
ROOM_TYPECLASS = "typeclasses.rooms.Room"
EXIT_TYPECLASS = "typeclasses.exits.Exit"


@dataclass
class BuildReport:
    """What one build run changed."""

    rooms_created: list = field(default_factory=list)
    rooms_updated: list = field(default_factory=list)
    exits_created: int = 0
    exits_updated: int = 0
    exits_removed: int = 0

    @property
    def changed(self):
        return bool(
            self.rooms_created
            or self.rooms_updated
            or self.exits_created
            or self.exits_updated
            or self.exits_removed
        )

    def summary(self):
        return (
            f"rooms: {len(self.rooms_created)} created, {len(self.rooms_updated)} updated; "
            f"exits: {self.exits_created} created, {self.exits_updated} updated, {self.exits_removed} removed"
        )


def _tagged(category):
    """Map tag key -> object for every object carrying a tag of this category."""
    objs = ObjectDB.objects.filter(db_tags__db_category=category).prefetch_related("db_tags")
    found = {}
    for obj in objs:
        for tag in obj.tags.get(category=category, return_list=True):
            found[tag] = obj
    return found


def room_by_id(room_id):
    """
    Args:
        room_id (int): A stable room id from the layout data.

    Returns:
        Room or None: The built room with that id.
    """
    return ObjectDB.objects.get_by_tag(str(room_id), category=ROOM_TAG).first()


def start_room(layout=None):
    """
    Returns:
        Room or None: The room where new ninja wake, if the world is built.
    """
    return room_by_id((layout or current_layout()).start_room)


def _set(obj, report_list, **attrs):
    """Set plain fields and Attributes that differ; record the object if anything changed."""
    changed = False
    if obj.key != attrs["key"]:
        obj.key = attrs["key"]
        changed = True
    for name in ("desc", "zone", "room_id"):
        if name in attrs and obj.attributes.get(name) != attrs[name]:
            obj.attributes.add(name, attrs[name])
            changed = True
    if "zone" in attrs and obj.tags.get(category=ZONE_TAG) != attrs["zone"]:
        obj.tags.clear(category=ZONE_TAG)
        obj.tags.add(attrs["zone"], category=ZONE_TAG)
        changed = True
    if changed and report_list is not None:
        report_list.append(obj)
    return changed


def build_world(layout=None):
    """
    Create or update every room and exit the layout describes.

    Args:
        layout (Layout, optional): The village data; loaded from disk if not given.

    Returns:
        BuildReport: What changed.
    """
    layout = layout or load_layout()
    report = BuildReport()
    rooms = {int(k): v for k, v in _tagged(ROOM_TAG).items()}
    for spec in layout.rooms.values():
        room = rooms.get(spec.id)
        if room is None:
            room = create_object(ROOM_TYPECLASS, key=spec.key, tags=[(str(spec.id), ROOM_TAG)])
            rooms[spec.id] = room
            _set(room, None, key=spec.key, desc=spec.desc, zone=spec.zone, room_id=spec.id)
            report.rooms_created.append(room)
        else:
            _set(room, report.rooms_updated, key=spec.key, desc=spec.desc, zone=spec.zone, room_id=spec.id)

    exits = _tagged(EXIT_TAG)
    wanted = set()
    for spec in layout.rooms.values():
        for direction, target_id in spec.exits.items():
            tag = f"{spec.id}:{direction}"
            wanted.add(tag)
            source, dest = rooms[spec.id], rooms[target_id]
            exit_obj = exits.get(tag)
            if exit_obj is None:
                create_object(
                    EXIT_TYPECLASS,
                    key=direction,
                    aliases=list(DIRECTIONS[direction]),
                    location=source,
                    destination=dest,
                    tags=[(tag, EXIT_TAG)],
                )
                report.exits_created += 1
            elif exit_obj.location != source or exit_obj.destination != dest:
                exit_obj.location, exit_obj.destination = source, dest
                report.exits_updated += 1
    for tag, exit_obj in exits.items():
        if tag not in wanted:
            exit_obj.delete()
            report.exits_removed += 1
    return report

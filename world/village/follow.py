"""
Following someone about the village, as in most MUDs: `follow <ninja>`, `follow` to see whom,
`unfollow` to stop.

A follower walks through the same exit right after the one they follow, as long as both
stood in the same room and the follower is playing (online): a chain of followers walks
along, each behind their own leader. Only walking through exits drags followers; being moved
otherwise (a game master's teleport, waking somewhere) does not. Inside a raid the team's own
rule applies instead (`team follow` / `team stay`).
"""

from evennia.objects.models import ObjectDB

from world.ninja.refusal import Refusal

FOLLOWING = "following"  # Attribute: the id of the character one follows


class FollowRefusal(Refusal):
    """Nobody to follow, or not that one."""


def following(character):
    """Returns: int or None: the id of the character this one follows."""
    return character.attributes.get(FOLLOWING)


def start_following(character, leader):
    """
    Args:
        character (Character): Who will follow.
        leader (Character): Whom.

    Returns:
        str: What the follower is told.

    Raises:
        FollowRefusal: Following oneself, or someone who follows you (directly or down a chain).
    """
    if leader == character:
        raise FollowRefusal("You cannot follow yourself. (|wunfollow|n stops following.)")
    ahead, seen = leader.id, set()
    while ahead is not None and ahead not in seen:
        if ahead == character.id:
            raise FollowRefusal(f"{leader.key} is following you: you would walk in circles.")
        seen.add(ahead)
        obj = ObjectDB.objects.filter(id=ahead).first()
        ahead = obj.attributes.get(FOLLOWING) if obj is not None else None
    character.attributes.add(FOLLOWING, leader.id)
    return f"You follow {leader.key}."


def stop_following(character):
    """Returns: str: what the character is told."""
    if following(character) is None:
        return "You are not following anyone."
    character.attributes.remove(FOLLOWING)
    return "You stop following."


def followers(leader, room):
    """
    Args:
        leader (Character): Who walked.
        room (Room): The room they walked out of.

    Returns:
        list of Character: Those in the room who follow them and are playing now.
    """
    if room is None:
        return []
    return [
        obj
        for obj in room.contents
        if obj != leader and obj.attributes.get(FOLLOWING) == leader.id and obj.sessions.count()
    ]

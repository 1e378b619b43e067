"""
What the portal accepts from a client.

Every protocol hands the portal keyword data of the form `{inputfunc: [args, kwargs]}` (telnet
text arrives as raw bytes instead). A hostile client controls all of it: names that are not
strings, arguments that are not lists, nesting deep enough to exhaust the recursion limit.
`well_formed` keeps only entries of the documented shape, so nothing downstream (Evennia's
clean-up, pickling for the server, the server's input functions) meets a type it does not
expect.

Client text also loses its control characters (`strip_controls`): an escape sequence typed
into `say` would otherwise reach every other player's terminal.
"""

import re

MAX_NAME_LENGTH = 64
MAX_DEPTH = 6
MAX_ITEMS = 256

# Input function names as clients send them: GMCP-style dotted words or plain identifiers.
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
# C0 controls except tab and line feed, DEL, and the C1 controls.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# "options" is not an input function: Evennia reads it as send options for the reply.
_RESERVED = {"options"}


def _plain(value, depth=0, budget=None):
    """
    Args:
        value: A decoded client value.
        depth (int): How deep inside the message it sits.
        budget (list of int): Items left for the whole message (shared, decremented).

    Returns:
        bool: True if `value` is made only of strings, numbers, booleans, None, lists and
            string-keyed dicts, within the depth and size limits.
    """
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        return False
    if value is None or isinstance(value, (str, bytes, bool, int, float)):
        return True
    if isinstance(value, (list, tuple)):
        return all(_plain(item, depth + 1, budget) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and _plain(item, depth + 1, budget) for key, item in value.items())
    return False


def well_formed(kwargs):
    """
    Keep the entries of a client message that have the documented shape.

    Args:
        kwargs (dict or None): `{name: [args, kwargs]}` from a protocol; telnet text may be
            `{"text": b"..."}`.

    Returns:
        dict: The entries that are fit to pass on (possibly none).
    """
    if not isinstance(kwargs, dict):
        return {}
    kept = {}
    for name, value in kwargs.items():
        if not isinstance(name, str) or len(name) > MAX_NAME_LENGTH or not _NAME.fullmatch(name):
            continue
        if name.lower() in _RESERVED:
            continue
        if isinstance(value, (str, bytes)):
            kept[name] = value
        elif (
            isinstance(value, (list, tuple))
            and len(value) == 2
            and isinstance(value[0], (list, tuple))
            and isinstance(value[1], dict)
            and _plain(value, budget=[MAX_ITEMS])
        ):
            # Text is what players type: the server's text function expects strings only.
            if name == "text" and not all(isinstance(arg, (str, bytes)) for arg in value[0]):
                continue
            kept[name] = [list(value[0]), dict(value[1])]
    return kept


def strip_controls(value):
    """
    Args:
        value: A cleaned client value (strings decoded).

    Returns:
        The same value with control characters removed from every string in it.
    """
    if isinstance(value, str):
        return _CONTROLS.sub("", value)
    if isinstance(value, list):
        return [strip_controls(item) for item in value]
    if isinstance(value, dict):
        return {key: strip_controls(item) for key, item in value.items()}
    return value


def text_length(value):
    """
    Args:
        value: The `text` entry of a client message, raw or `[args, kwargs]`.

    Returns:
        int: How many characters (or bytes) of text it carries.
    """
    if isinstance(value, (str, bytes)):
        return len(value)
    if isinstance(value, list) and value and isinstance(value[0], list):
        return sum(len(arg) for arg in value[0] if isinstance(arg, (str, bytes)))
    return 0

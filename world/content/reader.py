"""
Typed reading of content files, naming the file and key path of every problem.

An `Entry` wraps one mapping of a file together with where it sits ("enemies.yaml",
"enemies.kabuto"). Its readers return plain Python values and raise `ContentError` on
anything else, so a loader is a short list of reads:

    top = read_file(DATA_DIR / "war.yaml")
    hq = top.sub("hq")
    force = hq.number("assault_force", low=0)

Fields are required unless a `default` is given. `only()` rejects unknown keys, which is
how typos in optional fields are caught.
"""

from pathlib import Path

import yaml

from world.content.errors import ContentError

# libyaml's loader when the build has it: the same safe subset, several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_REQUIRED = object()


def text_of(value):
    """
    Args:
        value: Anything a YAML scalar can be.

    Returns:
        str: Its text with runs of white space (folded YAML lines) collapsed to one space.
    """
    return " ".join(str(value if value is not None else "").split())


def read_file(path, top=dict):
    """
    Parse a YAML file.

    Args:
        path (Path or str): The file.
        top (type): `dict` for a file of keys (read as an `Entry`), `list` for a list of
            entries (read as a list of `Entry`).

    Returns:
        Entry or list: The file's content; an empty file reads as empty.

    Raises:
        ContentError: The file cannot be read or parsed, or its top is of the wrong kind.
    """
    path = Path(path)
    try:
        raw = yaml.load(path.read_text(), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as err:
        raise ContentError(path.name, "", f"cannot be read ({' '.join(str(err).split())})") from None
    raw = top() if raw is None else raw
    if top is list:
        if not isinstance(raw, list):
            raise ContentError(path.name, "", "must be a list of entries")
        return [Entry(item, path.name, Entry.label(item, index)) for index, item in enumerate(raw)]
    return Entry(raw, path.name)


class Entry:
    """
    One mapping of a content file and where it sits.

    Args:
        raw (dict): The mapping as parsed.
        source (str): The file's name.
        path (str): Dotted keys from the top of the file to this mapping.
    """

    def __init__(self, raw, source, path=""):
        self.source, self.path = source, path
        if not isinstance(raw, dict):
            raise ContentError(source, path, f"must be a mapping (got {raw!r})")
        self.raw = raw

    # ------------------------------------------------------------------ structure

    def where(self, key):
        """Returns: str: the dotted path of `key` in this entry."""
        return f"{self.path}.{key}" if self.path else str(key)

    def fail(self, key, problem):
        """
        Raise the error for one key (or for the entry itself if `key` is None).

        Raises:
            ContentError: Always.
        """
        raise ContentError(self.source, self.path if key is None else self.where(key), problem)

    def __contains__(self, key):
        return key in self.raw

    def keys(self):
        """Returns: list: the entry's keys, in the file's order."""
        return list(self.raw)

    def only(self, allowed, required=()):
        """
        Check the entry's keys.

        Args:
            allowed (iterable): Every key the entry may have.
            required (iterable): The keys it must have.

        Returns:
            Entry: Itself, for chaining.
        """
        unknown = sorted(set(self.raw) - set(allowed) - set(required), key=str)
        if unknown:
            self.fail(unknown[0], f"is not a known field (known: {', '.join(map(str, allowed))})")
        for key in required:
            if key not in self.raw:
                self.fail(key, "is missing")
        return self

    def get(self, key, default=_REQUIRED):
        """
        Returns:
            The raw value of `key`, or `default` when the key is absent or null.
        """
        value = self.raw.get(key)
        if value is None:
            if default is _REQUIRED:
                self.fail(key, "is missing")
            return default
        return value

    def _defaulted(self, key, default):
        return default is not _REQUIRED and self.raw.get(key) is None

    def sub(self, key, default=_REQUIRED):
        """
        Returns:
            Entry: The mapping under `key` (an empty one if absent and a default is given).
        """
        return Entry(
            self.get(key, {} if default is not _REQUIRED else _REQUIRED), self.source, self.where(key)
        )

    def subs(self):
        """
        Returns:
            list: (key, Entry) for every key of this entry whose value is a mapping.
        """
        return [(key, self.sub(key, default={})) for key in self.raw]

    def each(self, key, default=_REQUIRED):
        """
        Returns:
            list of Entry: The mappings listed under `key`, each named by its place ("#2")
                or by its own `key` field.
        """
        items = self.listed(key, default)
        return [
            Entry(item, self.source, self.where(self.label(item, index))) for index, item in enumerate(items)
        ]

    @staticmethod
    def label(item, index):
        """Returns: str: how a listed entry is named in messages: its `key`, or its place."""
        if isinstance(item, dict) and isinstance(item.get("key"), str):
            return item["key"]
        return f"#{index + 1}"

    # ------------------------------------------------------------------ values

    def number(self, key, low=None, high=None, default=_REQUIRED, whole=False):
        """
        Args:
            key (str): The field.
            low, high (float or None): Inclusive bounds.
            default: The value when the field is absent.
            whole (bool): Only whole numbers (returned as int).

        Returns:
            float or int: The number.
        """
        if self._defaulted(key, default):
            return default
        value = self.get(key)
        kind = "a whole number" if whole else "a number"
        if isinstance(value, bool) or not isinstance(value, int | float) or (whole and value != int(value)):
            self.fail(key, f"must be {kind} (got {value!r})")
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = (
                f"between {low:g} and {high:g}"
                if high is not None and low is not None
                else (f"at most {high:g}" if low is None else f"at least {low:g}")
            )
            self.fail(key, f"must be {kind} {bounds} (got {value!r})")
        return int(value) if whole else float(value)

    def whole(self, key, low=None, high=None, default=_REQUIRED):
        """Returns: int: a whole number (see `number`)."""
        return self.number(key, low=low, high=high, default=default, whole=True)

    def text(self, key, default=_REQUIRED):
        """
        Returns:
            str: The field's text, white space collapsed; an empty text is refused unless
                a default is given.
        """
        value = text_of(self.get(key, default))
        if not value and default is _REQUIRED:
            self.fail(key, "must be a non-empty text")
        return value

    def choice(self, key, enum, default=_REQUIRED):
        """
        Args:
            enum (type): A StrEnum (or any callable taking the text) whose values are allowed.

        Returns:
            The enum member the field names.
        """
        if self._defaulted(key, default):
            return default
        value = self.get(key)
        try:
            return enum(str(value))
        except ValueError:
            names = ", ".join(str(getattr(member, "value", member)) for member in enum)
            self.fail(key, f"must be one of {names} (got {value!r})")

    def flag(self, key, default=False):
        """Returns: bool: a yes/no field."""
        value = self.get(key, default)
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false (got {value!r})")
        return value

    def listed(self, key, default=_REQUIRED):
        """Returns: list: the raw list under `key`."""
        value = self.get(key, default if default is _REQUIRED else list(default))
        if not isinstance(value, list):
            self.fail(key, f"must be a list (got {value!r})")
        return value

    def texts(self, key, default=_REQUIRED):
        """Returns: tuple of str: a list of texts, white space collapsed."""
        return tuple(text_of(item) for item in self.listed(key, default))

    def numbers(self, key, low=None, high=None, default=_REQUIRED):
        """Returns: tuple of float: a list of numbers, each within the bounds (see `number`)."""
        values = self.listed(key, default)
        listed = Entry({f"#{i + 1}": value for i, value in enumerate(values)}, self.source, self.where(key))
        return tuple(listed.number(name, low=low, high=high) for name in listed.keys())

    def pair(self, key, default=_REQUIRED):
        """
        Returns:
            tuple: (low, high) whole numbers from `[low, high]`, with 0 <= low <= high.
        """
        if self._defaulted(key, default):
            return default
        value = self.get(key)
        ok = isinstance(value, list) and len(value) == 2
        ok = ok and all(isinstance(n, int) and not isinstance(n, bool) for n in value)
        if not ok or not 0 <= value[0] <= value[1]:
            self.fail(key, f"must be [low, high] with 0 <= low <= high (got {value!r})")
        return (value[0], value[1])

    def counts(self, key, default=_REQUIRED):
        """
        Returns:
            dict: key -> whole number of at least 1 (an item and how many).
        """
        sub = self.sub(key, default)
        return {str(name): sub.whole(name, low=1) for name in sub.keys()}

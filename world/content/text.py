"""
Sentences assembled from content: names of foes and factions ("the Sound chuunin captain",
"the Leaf") are written in lower case so they read well mid-sentence, and must be raised
when a line starts with one; a number and its noun agree ("1 round", "3 rounds").
"""

import re

# Evennia's colour markup (|r, |[b, |500, |=k, |n, ...) that may open a line before its words.
_LEADING_MARKUP = re.compile(r"^(?:\|(?:\[?[a-zA-Z]|\[?[0-5]{3}|\[?=[a-z]))*")


def first_upper(text):
    """
    Args:
        text (str): A line, possibly opening with colour markup.

    Returns:
        str: The line with its first letter after the markup in upper case; the rest as is.
    """
    start = _LEADING_MARKUP.match(text).end()
    return text[:start] + text[start : start + 1].upper() + text[start + 1 :]


def counted(count, word):
    """
    Args:
        count (int): How many.
        word (str): A noun that takes an s in the plural ("round").

    Returns:
        str: "1 round", "0 rounds", "3 rounds".
    """
    return f"{count} {word}{'' if count == 1 else 's'}"

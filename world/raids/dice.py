"""
Seeded randomness for the raid rules.

Every random choice of the raid rules comes from a stream made here: a `random.Random` seeded
with a string. Python seeds a string through SHA-512, so a stream gives the same numbers in
every process whatever `PYTHONHASHSEED` is; `hash()` (which does vary) is never used. Naming
the stream keeps independent choices independent: the layout of a raid does not change when
its encounters do.
"""

import bisect
import itertools
import random


def stream(seed, name):
    """
    Args:
        seed (str): The raid's or offer's seed.
        name (str): What the stream is for ("layout", "loot", ...).

    Returns:
        random.Random: A generator that depends only on the two strings.
    """
    return random.Random(f"raid|{seed}|{name}")


def weighted(rng, choices, weights):
    """
    Args:
        rng (random.Random): The stream to draw from.
        choices (sequence): What to choose from.
        weights (sequence[int]): A positive integer weight for each choice.

    Returns:
        One of `choices`, drawn with the given weights.
    """
    cumulative = list(itertools.accumulate(weights))
    return choices[bisect.bisect_right(cumulative, rng.randrange(cumulative[-1]))]

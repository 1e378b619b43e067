"""
The combat content's part of the content report (`python -m world.content`).

Loading the catalog validates techniques, the paths (paths.yaml: each path's techniques must
be Leaf techniques it opens no lower than their own rank), Sound fighters, items and rules.
`paths` counts the paths, `techniques` every technique some path teaches (its own or the
academy's), `enemy_techniques` the Sound's own. Beside that, it holds the content
to the game's variety rule: no two techniques share the same effects and parameters, and no
two enemy kinds the same numbers, techniques and AI. It counts:

- `technique_effects`: the distinct kinds of effect techniques and items have (damage,
  poison, heal, clones, ...): every field of `Ability` that is not naming or cost, so an
  effect the rules gain is counted as soon as a technique uses it;
- `ai_behaviours`: the distinct lines of enemy AI, each read as what it does (the effect
  kinds of what it uses) and when and on whom (every other field of `AiRule` it sets).
"""

from dataclasses import MISSING, fields

from world.combat.catalog import Ability, AiRule, EnemySpec, load_catalog
from world.content.errors import ContentError
from world.content.reader import read_file
from world.content.report import Findings, data_folder

# Fields of an Ability that name, describe or gate it: not its effects or parameters.
NAMING = frozenset({"key", "name", "aliases", "desc", "texts", "learn_rank", "innate", "kind"})
# Fields of an Ability that are what it costs and how it is aimed, not an effect.
PARAMETERS = frozenset({"targeting", "chakra", "cooldown", "priority", "consumes"})
# Fields of an enemy kind that name or describe it.
ENEMY_NAMING = frozenset({"key", "name", "desc", "unique"})


def _default(spec_field):
    if spec_field.default is not MISSING:
        return spec_field.default
    if spec_field.default_factory is not MISSING:
        return spec_field.default_factory()
    return MISSING


def effect_kinds(ability):
    """
    Args:
        ability (Ability): A technique, or what an item does.

    Returns:
        tuple of str: Its kinds of effect (the effect fields it sets), in the fields' order.
    """
    return tuple(
        f.name
        for f in fields(Ability)
        if f.name not in NAMING | PARAMETERS and getattr(ability, f.name) != _default(f)
    )


def _signature(spec, cls, naming):
    return tuple((f.name, repr(getattr(spec, f.name))) for f in fields(cls) if f.name not in naming)


def behaviour(rule, catalog):
    """
    Returns:
        tuple: One AI line as what it does and when and on whom: (effect kinds, the other
            fields it sets; a choice by its value, a number only as set, so "heal below a
            third" and "heal below half" are one behaviour).
    """
    ability = catalog.ability(rule.use)
    kinds = effect_kinds(ability) if ability else (rule.use,)
    conditions = []
    for f in fields(AiRule):
        value = getattr(rule, f.name)
        if f.name != "use" and value != _default(f):
            conditions.append((f.name, str(value) if isinstance(value, str | bool) else "set"))
    return kinds, tuple(conditions)


def duplicates(specs, cls, naming):
    """
    Returns:
        list of tuple: (key, the earlier key it copies) for each spec with the same
            effects and parameters as one before it.
    """
    seen, found = {}, []
    for key, spec in specs.items():
        signature = _signature(spec, cls, naming)
        if signature in seen:
            found.append((key, seen[signature]))
        else:
            seen[signature] = key
    return found


def check(root):
    """
    The combat data under `root` (world/combat/data), for the content report.

    Returns:
        Findings: paths, techniques, enemies, items, technique effects and AI behaviours, and errors.
    """
    folder = data_folder(root, __file__)
    findings = Findings()
    catalog = findings.check(folder, load_catalog, folder)
    if catalog is None:
        return findings
    leaf = set(read_file(folder / "techniques.yaml").sub("techniques").keys())
    for key, original in duplicates(catalog.techniques, Ability, NAMING):
        source = "techniques.yaml" if key in leaf else "enemies.yaml"
        findings.errors.append(
            (
                ContentError(
                    source, f"techniques.{key}", f"has the same effects and parameters as {original}"
                ),
                folder,
            )
        )
    for key, original in duplicates(catalog.enemies, EnemySpec, ENEMY_NAMING):
        findings.errors.append(
            (ContentError("enemies.yaml", f"enemies.{key}", f"fights exactly as {original} does"), folder)
        )
    abilities = [*catalog.techniques.values(), *(i.ability for i in catalog.items.values() if i.ability)]
    findings.add("paths", len(catalog.paths.paths))
    findings.add("techniques", len(catalog.paths.taught))
    findings.add("enemy_techniques", len(set(catalog.techniques) - leaf))
    findings.add("enemies", len(catalog.enemies))
    findings.add("items", len(catalog.items))
    findings.add("technique_effects", len({kind for a in abilities for kind in effect_kinds(a)}))
    findings.add(
        "ai_behaviours", len({behaviour(r, catalog) for e in catalog.enemies.values() for r in e.ai})
    )
    return findings

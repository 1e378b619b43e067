"""Fixtures of the combat rules' tests."""

import dataclasses

import pytest

from world.combat import rounds
from world.combat.catalog import get_catalog


@pytest.fixture
def exact_damage(monkeypatch):
    """The rules without the damage spread, so a test can check the formula's own figures."""
    catalog = get_catalog()
    flat = dataclasses.replace(catalog, rules=dataclasses.replace(catalog.rules, damage_spread=0.0))
    monkeypatch.setattr(rounds, "get_catalog", lambda: flat)
    return flat

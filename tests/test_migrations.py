"""The suite builds its test database from the models (--nomigrations, for speed); this
checks that the migrations the real server runs match those models."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_game_apps_have_no_missing_migrations():
    call_command("makemigrations", "war", "gamemaster", check=True, dry_run=True, verbosity=0)

"""
`evennia sc_gamemaster`: does the game have its game-master account yet?

`make run` asks before starting the game: on the first start Evennia makes account #1 (a
superuser) from `EVENNIA_SUPERUSER_USERNAME` and `..._PASSWORD`, and the script shows a
generated password only then. It asks through Django, so the answer comes from whatever
database the settings name (SQLite's file, or PostgreSQL through DATABASE_URL), never from a
file it would have to guess.
"""

from django.core.management.base import BaseCommand
from evennia.accounts.models import AccountDB


class Command(BaseCommand):
    help = "Print 'gamemaster: yes' if a superuser account exists, else 'gamemaster: no'."

    def handle(self, *args, **options):
        found = AccountDB.objects.filter(is_superuser=True).exists()
        self.stdout.write(f"gamemaster: {'yes' if found else 'no'}")

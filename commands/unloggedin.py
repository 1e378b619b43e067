"""
The login screen's `create`: Evennia's, minus the "Is this what you intended?" question
(which echoed the password and swallowed the next line a client sent). A new player types
`create NAME PASSWORD`, then `connect NAME PASSWORD`, and is in their ninja.
"""

import shlex

from django.conf import settings
from evennia.commands.default.unloggedin import CmdUnconnectedCreate
from evennia.utils.utils import class_from_module


class CmdCreate(CmdUnconnectedCreate):
    """
    Create an account (and its ninja).

    Usage (at the login screen):
      create <name> <password>
      create "name with spaces" "pass phrase"
    """

    def func(self):
        session = self.caller
        try:
            parts = shlex.split(self.args.strip())
        except ValueError:
            parts = []
        if len(parts) != 2:
            session.msg(
                'Usage: create <name> <password>  (quote a name or password with spaces: "like this")'
            )
            return
        account_class = class_from_module(settings.BASE_ACCOUNT_TYPECLASS)
        username = account_class.normalize_username(parts[0])
        account, errors = account_class.create(
            username=username, password=parts[1], ip=session.address, session=session
        )
        if not account:
            session.msg("|R" + "\n".join(errors) + "|n")
            return
        quoted = f'"{username}"' if " " in username else username
        session.msg(f"Account |w{username}|n created. Now type: |wconnect {quoted} <your password>|n")

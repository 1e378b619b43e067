"""
The login screen's `create` and `connect`: Evennia's, with two differences.

- `create` asks no "Is this what you intended?" question (it echoed the password and
  swallowed the next line a client sent). A new player types `create NAME PASSWORD`, then
  `connect NAME PASSWORD`, and is in their ninja.
- The password is hashed or checked off the game thread (`server.passwords`): a login no
  longer stalls every other player for a quarter of a second. Both commands return at once
  and finish when the check is done; what the player types meanwhile waits and then runs.
"""

import shlex

from django.conf import settings
from evennia.commands.default.unloggedin import CmdUnconnectedConnect, CmdUnconnectedCreate
from evennia.utils import logger
from evennia.utils.utils import class_from_module

from server import passwords


def split_name_and_password(args):
    """
    Args:
        args (str): What followed the command: `name password`, either part quoted if it has
            spaces.

    Returns:
        list of str or None: `[name, password]`, or None if that is not what was given.
    """
    try:
        parts = shlex.split(args.strip())
    except ValueError:
        return None
    return parts if len(parts) == 2 else None


class CmdCreate(CmdUnconnectedCreate):
    """
    Create an account (and its ninja).

    Usage (at the login screen):
      create <name> <password>
      create "name with spaces" "pass phrase"
    """

    def func(self):
        session = self.caller
        parts = split_name_and_password(self.args)
        if not parts:
            session.msg(
                'Usage: create <name> <password>  (quote a name or password with spaces: "like this")'
            )
            return None
        account_class = class_from_module(settings.BASE_ACCOUNT_TYPECLASS)
        username = account_class.normalize_username(parts[0])
        creating = passwords.create_account(
            account_class, username, parts[1], ip=session.address, session=session
        )
        creating.addCallbacks(
            self.created, self.broke, callbackArgs=(session, username), errbackArgs=(session,)
        )
        return creating

    @staticmethod
    def created(result, session, username):
        account, errors = result
        if not account:
            session.msg("|R" + "\n".join(errors) + "|n")
            return
        quoted = f'"{username}"' if " " in username else username
        session.msg(f"Account |w{username}|n created. Now type: |wconnect {quoted} <your password>|n")

    @staticmethod
    def broke(failure, session):
        logger.log_err(f"Account creation for session {session.sessid} failed: {failure.getErrorMessage()}")
        session.msg("|RThe account could not be created; please try again.|n")


class CmdConnect(CmdUnconnectedConnect):
    """
    Connect to the game.

    Usage (at the login screen):
      connect <name> <password>
      connect "name with spaces" "pass phrase"
    """

    def func(self):
        session = self.caller
        parts = split_name_and_password(self.args)
        if not parts:
            session.msg(
                'Usage: connect <name> <password>  (quote a name or password with spaces: "like this")'
            )
            return None
        return passwords.log_in(session, *parts)

"""
The account's `password` command: Evennia's, with both hashings (checking the old password,
hashing the new one) off the game thread (`server.passwords`), so changing a password does not
stall every other player.
"""

from evennia.commands.default.account import CmdPassword as EvenniaCmdPassword
from evennia.utils import logger

from server import passwords


class CmdPassword(EvenniaCmdPassword):
    """
    Change your password.

    Usage:
      password <old password> = <new password>
    """

    def func(self):
        account = self.account
        if not self.rhs:
            self.msg("Usage: password <old password> = <new password>")
            return None
        old_password, new_password = self.lhslist[0], self.rhslist[0]
        valid, error = account.validate_password(new_password, account=account)
        if not valid:
            self.msg("\n".join(error.messages))
            return None
        changing = passwords.change_password(account, old_password, new_password)
        changing.addCallbacks(self.changed, self.broke)
        return changing

    def changed(self, done):
        if not done:
            self.msg("The specified old password isn't correct.")
            return
        self.msg("Password changed.")
        logger.log_sec(
            f"Password Changed: {self.account} (Caller: {self.account}, IP: {self.session.address})."
        )

    def broke(self, failure):
        logger.log_err(f"Password change for {self.account} failed: {failure.getErrorMessage()}")
        self.msg("|RThe password could not be changed; please try again.|n")

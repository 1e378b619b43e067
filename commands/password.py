"""
The commands that change a password, with the hashing off the game thread
(`server.passwords`), so changing a password does not stall every other player:

- `password`: a player's own (the old one is checked, then the new one hashed);
- `userpassword`: an administrator's reset of someone else's.
"""

from evennia.commands.default.account import CmdPassword as EvenniaCmdPassword
from evennia.commands.default.admin import CmdNewPassword as EvenniaCmdNewPassword
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


class CmdNewPassword(EvenniaCmdNewPassword):
    """
    Set an account's password.

    Usage:
      userpassword <account> = <new password>
    """

    def func(self):
        if not self.rhs:
            self.msg("Usage: userpassword <account> = <new password>")
            return None
        account = self.caller.search_account(self.lhs)
        if not account:
            return None
        valid, error = account.validate_password(self.rhs, account=account)
        if not valid:
            self.msg("\n".join(error.messages))
            return None
        setting = passwords.set_password(account, self.rhs)
        setting.addCallbacks(self.changed, self.broke, callbackArgs=(account,))
        return setting

    def changed(self, _result, account):
        self.msg(f"{account.name} - new password set.")
        if account.character != self.caller:
            account.msg(f"{self.caller.name} has changed your password.")
        logger.log_sec(f"Password Changed: {account} (Caller: {self.caller}, IP: {self.session.address}).")

    def broke(self, failure):
        logger.log_err(f"Password reset by {self.caller} failed: {failure.getErrorMessage()}")
        self.msg("|RThe password could not be changed; please try again.|n")

"""
The `login` input function (GMCP `Core.Login {"name": ..., "password": ...}`), with the
password checked off the game thread like the `connect` command (`server.passwords`).

Evennia's own checks the password on the game thread and raises on a name or password that is
not a string. This module comes last in `INPUT_FUNC_MODULES`, so its `login` replaces that one.
It is imported while Evennia's session handler loads, before the account machinery can be:
hence the import inside the function.
"""


def login(session, *args, **kwargs):
    """
    Log in from the client's side channel.

    Keyword Args:
        name (str): Account name.
        password (str): Its password.
    """
    from server import passwords  # late: app registry

    name, password = kwargs.get("name"), kwargs.get("password")
    if session.logged_in or not isinstance(name, str) or not isinstance(password, str):
        return
    passwords.log_in(session, name, password)

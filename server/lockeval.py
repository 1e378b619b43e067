"""
Lock checks without compiling Python at every check.

Evennia's `LockHandler.check` ends each check with `eval(evalstring % true_false)`: the lock's
AND/OR/NOT skeleton filled in with each lock function's result ("True and not False"),
compiled and run afresh every time. In a crowd that compiling is most of the cost of every
command, because the command handler asks the `call` lock of every object in the room (300
ninja) before each command: with `say` fanned out (server.fanout), it was the largest cost
left in the 300-player crowd benchmark. A filled-in skeleton holds only `True`, `False`,
`and`, `or`, `not` and brackets, so its value never changes: `install()` makes the lock
handler remember each one's value. The handler's other use of `eval` (checking a new lock
definition's syntax, with explicit namespaces) is passed through untouched.
"""

from evennia.locks import lockhandler

# Distinct filled-in skeletons are few (lock shapes times their True/False patterns); the
# bound only guards against an unforeseen stream of new ones.
LIMIT = 4096

_values = {}


def cached_eval(expression, *namespaces):
    """
    `eval` for the lock handler, remembering the value of each filled-in skeleton.

    Args:
        expression (str): What the lock handler evaluates.
        *namespaces (dict): Globals and locals, when the handler gives them (its syntax
            check); such calls are not remembered.

    Returns:
        Any: The value, as `eval` returns it.
    """
    if namespaces:
        return eval(expression, *namespaces)  # noqa: S307 - the lock handler's own call, unchanged
    try:
        return _values[expression]
    except KeyError:
        pass
    value = eval(expression)  # noqa: S307 - as the lock handler evaluates it
    if len(_values) >= LIMIT:
        _values.clear()
    _values[expression] = value
    return value


def install():
    """Make Evennia's lock handler evaluate through `cached_eval` (call once at server start)."""
    lockhandler.eval = cached_eval

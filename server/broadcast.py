"""
A message to everyone in a place, sent once for each way it reads.

Stock `msg_contents` renders the message for each receiver (its `$You()`-style functions,
then each `{key}` as the mapped object's name as that receiver sees it) and sends it with
`receiver.msg`: one AMP message per receiver. In a crowd of 300 the sending was nearly all
the cost of a `say` (cleaning the output, pickling, compressing and framing 300 AMP boxes,
then reading 300 replies), the rendering a few percent. So here each receiver's text is
rendered exactly as stock renders it, the receivers are grouped by the text they get, and
each distinct text goes out once to all its receivers' sessions (`server.fanout.send`):
usually one message for the speaker's listeners, however many they are. A builder who
sees dbrefs in names, or the one `$you()` addresses, simply lands in another group.

Per receiver, nothing else changes: the sender's `at_msg_send` and the receiver's
`at_msg_receive` hooks run as `DefaultObject.msg` runs them (a receiver refusing the message
is left out), and each session's protocol still renders the text for its own client (colour
or none, screen-reader mode, the webclient's HTML and the message type), in the portal. A
receiver whose class (or the object itself) has its own `msg` gets it called, as stock does.
"""

from evennia.objects import objects as stock
from evennia.utils import logger
from evennia.utils.utils import is_iter, make_iter

from server import fanout


def render(inmessage, receiver, you, mapping, raise_errors=False):
    """
    The text one receiver reads, as stock `msg_contents` renders it.

    Args:
        inmessage (str): The message, with `$func()` calls and `{key}` fields.
        receiver (Object): Who reads it.
        you (Object): Who "you" is in actor-stance functions.
        mapping (dict): `{key: object or str}` for the fields.
        raise_errors (bool): Raise on a failing `$func()` instead of leaving it as typed.

    Returns:
        str: The rendered text.
    """
    outmessage = stock._MSG_CONTENTS_PARSER.parse(
        inmessage,
        raise_errors=raise_errors,
        return_string=True,
        caller=you,
        receiver=receiver,
        mapping=mapping,
    )
    return outmessage.format_map(
        {
            key: obj.get_display_name(looker=receiver) if hasattr(obj, "get_display_name") else str(obj)
            for key, obj in mapping.items()
        }
    )


def accepts(receiver, text, from_obj, options, kwargs):
    """
    Run the hooks `DefaultObject.msg` runs before sending.

    Args:
        receiver (Object): Who the message is for.
        text (tuple): `(text, {kwargs})` as it will be sent.
        from_obj (Object or list or None): The sender(s).
        options (dict or None): Send options.
        kwargs (dict): Other send keywords.

    Returns:
        bool: False if the receiver's `at_msg_receive` refused the message.
    """
    if from_obj:
        for obj in make_iter(from_obj):
            try:
                obj.at_msg_send(text=text, to_obj=receiver, **kwargs)
            except Exception:  # noqa: BLE001 - as stock: a failing hook is logged, the message sent
                logger.log_trace()
    try:
        return bool(receiver.at_msg_receive(text=text, from_obj=from_obj, options=options, **kwargs))
    except Exception:  # noqa: BLE001 - as stock
        logger.log_trace()
        return True


def msg_contents(
    place, text=None, exclude=None, from_obj=None, mapping=None, raise_funcparse_errors=False, **kwargs
):
    """
    `DefaultObject.msg_contents` for `place`, each distinct text sent once (module notes).

    Args:
        place (Object): The room (or other container) whose contents hear it.
        text (str or tuple): The message, or `(message, {kwargs})` (for example `{"type": "say"}`).
        exclude (Object or list, optional): Who does not hear it.
        from_obj (Object, optional): The sender ("you" in actor-stance functions).
        mapping (dict, optional): `{key: object}` for `{key}` fields and `$you(key)`.
        raise_funcparse_errors (bool): Raise on a failing `$func()`.
        **kwargs: Passed on as `msg` keywords (`options`, OOB commands).
    """
    is_outcmd = text and is_iter(text)
    inmessage = text[0] if is_outcmd else text
    outkwargs = text[1] if is_outcmd and len(text) > 1 else {}
    if not isinstance(inmessage, str) or "session" in kwargs:
        # Nothing to render, or sent to given sessions: stock handles those.
        stock.DefaultObject.msg_contents(
            place, text, exclude, from_obj, mapping, raise_funcparse_errors, **kwargs
        )
        return
    mapping = mapping or {}
    you = from_obj or place
    if "you" not in mapping:
        mapping["you"] = you
    contents = place.contents
    if exclude:
        exclude = make_iter(exclude)
        contents = [obj for obj in contents if obj not in exclude]
    options = kwargs.pop("options", None)

    sessions_by_text = {}
    for receiver in contents:
        outmessage = render(inmessage, receiver, you, mapping, raise_funcparse_errors)
        out = (outmessage, outkwargs)
        # A receiver whose msg is its own (its class's, or set on it, as a test's mock is).
        if "msg" in vars(receiver) or type(receiver).msg is not stock.DefaultObject.msg:
            receiver.msg(text=out, from_obj=from_obj, options=options, **kwargs)
        elif accepts(receiver, out, from_obj, options, kwargs):
            sessions_by_text.setdefault(outmessage, []).extend(receiver.sessions.all())
    for outmessage, sessions in sessions_by_text.items():
        fanout.send(sessions, text=(outmessage, outkwargs), options=options, **kwargs)

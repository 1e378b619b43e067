"""The AMP link frames boxes from the stream however TCP cuts it (server.ampstream)."""

from types import SimpleNamespace

from evennia.server.portal.amp import AMPMultiConnectionProtocol
from twisted.internet.testing import StringTransport
from twisted.protocols.amp import AmpBox

from server.ampstream import StreamFraming


class Collecting:
    def connect(self):
        self.boxes = []
        self.factory = SimpleNamespace(broadcasts=[])
        self.makeConnection(StringTransport())
        return self

    def ampBoxReceived(self, box):
        self.boxes.append(dict(box))


class Stock(Collecting, AMPMultiConnectionProtocol):
    """Evennia's AMP protocol as the portal and server run it."""


class Ours(Collecting, StreamFraming, AMPMultiConnectionProtocol):
    """Ours: the same, reading the stream."""


BOXES = [AmpBox(_ask=b"1", _command=b"MsgServer2Portal"), AmpBox(_ask=b"2", _command=b"MsgServer2Portal")]
STREAM = b"".join(box.serialize() for box in BOXES)
# Cut after the first box and the first byte of the next key's length (00 04 "_ask"): the first
# read ends in two NULs and the second starts with 04, as in the log of the lost link.
CUT = len(BOXES[0].serialize()) + 1


def test_a_read_cut_inside_a_length_prefix_drops_evennias_link_and_not_ours():
    stock = Stock().connect()
    for part in (STREAM[:CUT], STREAM[CUT:]):
        stock.dataReceived(part)
    assert stock.transport.disconnecting  # Evennia took the second read for HTTP
    ours = Ours().connect()
    for part in (STREAM[:CUT], STREAM[CUT:]):
        ours.dataReceived(part)
    assert not ours.transport.disconnecting
    assert [box[b"_ask"] for box in ours.boxes] == [b"1", b"2"]


def test_every_cut_of_the_stream_gives_the_same_boxes():
    for cut in range(1, len(STREAM)):
        ours = Ours().connect()
        ours.dataReceived(STREAM[:cut])
        ours.dataReceived(STREAM[cut:])
        assert [box[b"_ask"] for box in ours.boxes] == [b"1", b"2"], cut


def test_http_on_the_amp_port_still_gets_evennias_warning():
    ours = Ours().connect()
    ours.dataReceived(b"GET / HTTP/1.1\r\n\r\n")
    assert ours.transport.disconnecting and b"AMP" in ours.transport.value()

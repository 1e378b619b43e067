"""
A TLS-terminating reverse proxy for tests, standing in for README's nginx in front of the game:
HTTPS on one port forwarded to the game's web port with `X-Forwarded-Proto: https` added to
every request, and raw TLS on another forwarded to the websocket port (an upgraded websocket is
bytes both ways). The certificate is self-signed for 127.0.0.x, made at start with
`cryptography` (a pinned requirement); a browser under test ignores certificate errors.

The proxy listens on another loopback address than the game (127.0.0.2 by default) so that its
websocket port can be the game's own port number: then the address the game derives for an
HTTPS page (wss://<page host>:<WEBSOCKET_CLIENT_PORT>, web/security.py) reaches the proxy, as
it reaches nginx listening with TLS on 4002 of the public address.

Requests on one connection are read one after another (browsers do not pipeline): each head is
read up to its blank line, the header added, its body (Content-Length) passed on; answers
stream back untouched. Everything runs on one asyncio loop in a daemon thread.

    with TLSProxy(web_port=game.web_port, websocket_port=game.websocket_port) as proxy:
        page.goto(f"{proxy.web_url}/webclient/")
"""

import asyncio
import datetime
import ipaddress
import ssl
import tempfile
import threading
import time
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from harness.network import LOOPBACK, free_ports

PROXY_HOST = "127.0.0.2"
_HEAD_LIMIT = 64 * 1024


def self_signed(folder, host):
    """
    Args:
        folder (Path): Where to write the files.
        host (str): The IP address the certificate is for.

    Returns:
        tuple: (certificate path, key path), PEM files valid for a day.
    """
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(host))]), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = Path(folder) / "cert.pem", Path(folder) / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


async def _pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError, ssl.SSLError):
        pass
    finally:
        writer.close()


async def _requests_with_proto(reader, writer):
    """Pass HTTP requests on, each with `X-Forwarded-Proto: https` after its request line."""
    try:
        while head := await reader.readuntil(b"\r\n\r\n"):
            if len(head) > _HEAD_LIMIT:
                break
            request_line, _, headers = head.partition(b"\r\n")
            writer.write(request_line + b"\r\nX-Forwarded-Proto: https\r\n" + headers)
            length = 0
            for line in headers.split(b"\r\n"):
                field, _, value = line.partition(b":")
                if field.strip().lower() == b"content-length":
                    length = int(value.strip())
            if length:
                writer.write(await reader.readexactly(length))
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ssl.SSLError):
        pass
    finally:
        writer.close()


class TLSProxy:
    """
    HTTPS and WSS in front of a game on loopback (see the module's docstring).

    Args:
        web_port (int): The game's web port (127.0.0.1).
        websocket_port (int): The game's websocket port (127.0.0.1); the proxy's websocket
            port has the same number, on `host`.
        host (str): The loopback address the proxy listens on.
    """

    def __init__(self, web_port, websocket_port, host=PROXY_HOST):
        self.host = host
        self.web_port = free_ports(1)[0]
        self.websocket_port = websocket_port
        self._targets = {self.web_port: web_port, websocket_port: websocket_port}
        self._folder = tempfile.TemporaryDirectory(prefix="second-chances-tls-")
        self._loop = asyncio.new_event_loop()
        self._servers = []
        self._writers = set()  # every open connection's two ends, closed at stop
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    @property
    def web_url(self):
        return f"https://{self.host}:{self.web_port}"

    def start(self):
        """Listen on both ports; return once they are open."""
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*self_signed(self._folder.name, self.host))
        self._thread.start()
        for port, upgrade in ((self.web_port, _requests_with_proto), (self.websocket_port, _pipe)):
            self._servers.append(self._listen(port, upgrade, context))
        return self

    def _listen(self, port, upgrade, context, attempts=20):
        # The websocket port's number is the game's, so it cannot be chosen free: a client
        # connection of another test worker may hold it on this address for a moment.
        for attempt in range(attempts):
            serve = asyncio.start_server(self._handler(port, upgrade), self.host, port, ssl=context)
            try:
                return asyncio.run_coroutine_threadsafe(serve, self._loop).result(10)
            except OSError:
                if attempt == attempts - 1:
                    raise
                time.sleep(0.25)

    def _handler(self, port, upstream):
        async def handle(reader, writer):
            try:
                game_reader, game_writer = await asyncio.open_connection(LOOPBACK, self._targets[port])
            except OSError:
                writer.close()
                return
            ends = {writer, game_writer}
            self._writers |= ends
            try:
                await asyncio.gather(upstream(reader, game_writer), _pipe(game_reader, writer))
            finally:
                self._writers -= ends

        return handle

    def stop(self):
        """Close both ports and every connection; end the loop's thread."""

        async def close():
            for server in self._servers:
                server.close()
            for writer in list(self._writers):
                writer.close()

        if self._thread.is_alive():
            asyncio.run_coroutine_threadsafe(close(), self._loop).result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
            self._loop.close()
        self._folder.cleanup()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

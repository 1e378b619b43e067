"""
The telnet GMCP test here plays a real game: it shares the end-to-end fixtures of `tests/e2e`
(the session's game servers, unique credentials), imported so pytest finds them here too.
"""

from tests.e2e.conftest import _servers, credentials, game_server

__all__ = ["_servers", "credentials", "game_server"]

"""
The portal's side of hardening: what a client may send, and what happens while the game
server behind the portal is away.

- `inputs`: the shape every client message must have before it is passed on, and the control
  characters removed from client text.
- `telnet`: telnet parsing in slices instead of byte by byte, with bounded subnegotiations and
  lines.
- `websocket`: the webclient's websocket with capped frames, messages and handshakes.
- `sessions`: input held while the server reloads or restarts, and replayed in order.
- `supervisor`: a server process that dies without being asked to is started again.

Each is hooked in through Evennia's own settings (see the Hardening section of
`server/conf/settings.py`).
"""

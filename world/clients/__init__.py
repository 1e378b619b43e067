"""MUD clients: GMCP payloads and delivery, and the screen-reader rules for plain output."""

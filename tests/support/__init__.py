"""
Test and benchmark support: a real game server started from a temporary copy of the game
(`gameserver`) and the clients that play it (`clients`). Nothing here depends on pytest, so
benchmark scripts can use it too.
"""

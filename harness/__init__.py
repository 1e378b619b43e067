"""
What tests and benchmarks share to run the real game: a `GameServer` copied to a temporary
folder on free loopback ports (`harness.gameserver`), and the ports and telnet bytes it is
reached through (`harness.network`). It sits outside and above the game's layers.
"""

"""
Memories: what an account keeps from one timeline to the next.

A ninja dies for good within a timeline, and the Second Chance throws the world back to the
Chuunin exams, but the account behind them remembers: how a ninja fell, what a raid
taught, how the timeline ended. Memories are rows of our own table, outside the world
state, so no rollback touches them.
"""

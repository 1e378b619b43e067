"""
Benchmarks of Second Chances: player load against a stock Evennia game, capacity, the war
engine and the Second Chance's rollback. Each runs with one command from the repository root
(`.venv/bin/python -m bench.<name>`, see README.md) and prints its figures as tables and,
on the last line, as JSON.
"""

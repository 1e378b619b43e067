"""
The password hasher: argon2id at a cost chosen for a 2-core server.

Django's default, PBKDF2-SHA256 at 1,200,000 iterations, costs 0.27 s of CPU per hash on
these machines: 200 logins are 54 CPU seconds, more than two cores have in 25 s beside the
game. Cutting PBKDF2's iterations would make every stolen hash cheaper to crack in the same
proportion, on GPUs that run PBKDF2 thousands of times faster than a server core.

Argon2id (argon2-cffi, pinned in requirements.txt) is memory-hard: each guess must fill and
re-read `MEMORY_KIB` of memory, which is what GPUs and ASICs lack, so a cheap hash for the
server is still a costly guess for an attacker. The cost here is OWASP's first recommended
argon2id setting (19 MiB, 2 passes, 1 lane), about 25 ms of one core per hash, a tenth of
PBKDF2's: hashes run one per core in the hashing pool (server.passwords), and a lane of one
keeps each hash on one thread so two logins use both cores. The trade-off: against a GPU
farm this setting is weaker than Django's own argon2 default (100 MiB, 2 passes, 8 lanes,
about 0.17 s) and roughly on par with PBKDF2 at 600,000 iterations, which OWASP rates as
equivalent; raising the cost later is one change here, and every account's hash is upgraded
at its next login.

Every older hash still verifies: PASSWORD_HASHERS (server/conf/settings.py) lists this
hasher first and Django's PBKDF2 ones after it, and a login whose hash was made by another
hasher, or by this one at another cost, stores a new hash (server.passwords.authenticate,
as Django's own `check_password` does with its setter).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher

# OWASP Password Storage Cheat Sheet: argon2id, m = 19 MiB, t = 2, p = 1.
MEMORY_KIB = 19456
PASSES = 2
LANES = 1


class Argon2idHasher(Argon2PasswordHasher):
    """Django's argon2 hasher (argon2id, hashes tagged `argon2`) at this game's cost."""

    time_cost = PASSES
    memory_cost = MEMORY_KIB
    parallelism = LANES

"""The password hasher: Argon2id at OWASP's recommended setting.

Django's own Argon2 hasher asks for 100 MiB and 8 lanes for each sign-in, and its PBKDF2 hasher
1,000,000 rounds of SHA-256: each costs a quarter to a third of a second of CPU, so on a
two-core server a deadline morning's burst of sign-ins queues every other request behind them
(bench/loadtest.py). OWASP's Password Storage Cheat Sheet recommends Argon2id with 19 MiB, 2
passes and 1 lane as its first choice, equal in strength to PBKDF2-HMAC-SHA256 at 600,000
rounds; being memory-hard it costs an attacker with GPUs far more per guess than PBKDF2 does
for the same work on the server. Hashes made by the earlier hashers (PBKDF2, Django's Argon2)
still verify and are re-hashed with this one at the person's next sign-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    """Argon2id, m=19 MiB, t=2, p=1. Keeps the algorithm name ``argon2``: the parameters are
    stored in each hash, so hashes made with Django's defaults verify with this class too."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1

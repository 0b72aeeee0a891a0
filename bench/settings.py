"""The portal's production settings, for the bench: DEBUG off, the real password hasher,
sessions, caches and storage. Only what plain HTTP on this machine needs differs (no HTTPS
redirect, cookies not marked Secure: bench/run.py and bench/loadtest.py set those through the
environment like any deployment behind a plain-HTTP proxy) and STATIC_ROOT, a temporary folder
that collectstatic fills, so the bench never writes into the working copy.
"""

import os

from sosafe.settings import *  # noqa: F403

STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", STATIC_ROOT)  # noqa: F405

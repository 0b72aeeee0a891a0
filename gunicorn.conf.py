"""gunicorn's settings for the portal, chosen with bench/loadtest.py (README: "Deploying").

`gunicorn` reads this file from the folder it starts in. WEB_CONCURRENCY (worker processes)
fits the machine: gunicorn's rule of two per core plus one; GUNICORN_THREADS above 1 switches
to threaded workers (gthread), which measured more unequal response times (see the README).
"""

import os

wsgi_app = "sosafe.wsgi"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "sync"
workers = int(os.environ.get("WEB_CONCURRENCY", "5"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request that has not finished in this long is stuck: its worker is restarted.
timeout = 60

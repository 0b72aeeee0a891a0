"""gunicorn's settings for the portal, chosen with bench/loadtest.py (README: "Deploying").

`gunicorn` reads this file from the folder it starts in; WEB_CONCURRENCY (worker processes)
and GUNICORN_THREADS (threads in each) override the figures for a machine with more cores.
"""

import os

wsgi_app = "sosafe.wsgi"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A request that has not finished in this long is stuck: its worker is restarted.
timeout = 60
# Idle keep-alive connections from the proxy in front are closed after this long.
keepalive = 5

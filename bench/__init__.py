"""The benchmark harness: `make bench` (page timings) and `make loadtest` (gunicorn under load).

It creates and drops a database of its own (bench/database.py) and never uses DATABASE_URL's.
"""

"""The bench's own database: created before a run, dropped after it. Never DATABASE_URL's.

BENCH_DATABASE_URL (or --database-url) names it; by default PostgreSQL ``sosafe_bench`` on
127.0.0.1 if a server answers there, else a SQLite file in a temporary folder. The bench drops
and re-creates the database it is given, so it refuses DATABASE_URL's database and any
PostgreSQL database whose name does not contain "bench".
"""

import os
import tempfile
from urllib.parse import urlsplit

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/sosafe_bench"


class RefusedDatabase(Exception):
    pass


def _identity(url: str) -> tuple:
    parts = urlsplit(url)
    scheme = parts.scheme.replace("postgresql", "postgres").split("+")[0]
    if scheme == "sqlite":
        return (scheme, os.path.realpath(parts.path[1:]))
    return (scheme, parts.hostname or "localhost", parts.port or 5432, parts.path.lstrip("/"))


def choose(environ=os.environ, explicit: str | None = None) -> str:
    """The database URL the bench will create, fill and drop."""
    url = explicit or environ.get("BENCH_DATABASE_URL") or ""
    if not url:
        url = DEFAULT_POSTGRES if postgres_reachable(DEFAULT_POSTGRES) else ""
    if not url:
        folder = tempfile.mkdtemp(prefix="sosafe-bench-")
        url = f"sqlite:///{folder}/bench.sqlite3"
    check(url, environ)
    return url


def check(url: str, environ=os.environ) -> None:
    """Refuse DATABASE_URL's database, and PostgreSQL databases not named for the bench."""
    theirs = environ.get("DATABASE_URL")
    if theirs and _identity(theirs) == _identity(url):
        raise RefusedDatabase(
            "The bench drops and re-creates its database; it will not use DATABASE_URL's "
            f"({theirs}). Set BENCH_DATABASE_URL to another database."
        )
    identity = _identity(url)
    if identity[0] == "postgres" and "bench" not in identity[3]:
        raise RefusedDatabase(
            f"The bench drops and re-creates its database; {identity[3]!r} is not named for it "
            "(the name must contain 'bench')."
        )


def postgres_reachable(url: str) -> bool:
    try:
        import psycopg2
    except ImportError:
        return False
    try:
        psycopg2.connect(_maintenance_dsn(url), connect_timeout=2).close()
    except psycopg2.Error:
        return False
    return True


def _maintenance_dsn(url: str) -> str:
    parts = urlsplit(url)
    return parts._replace(scheme="postgresql", path="/postgres").geturl()


def recreate(url: str) -> None:
    """Drop the database if it is there and create it empty."""
    if urlsplit(url).scheme.startswith("sqlite"):
        path = urlsplit(url).path[1:]
        if os.path.exists(path):
            os.remove(path)
        return
    _admin(url, "DROP DATABASE IF EXISTS {name} WITH (FORCE)", "CREATE DATABASE {name}")


def drop(url: str) -> None:
    if urlsplit(url).scheme.startswith("sqlite"):
        path = urlsplit(url).path[1:]
        if os.path.exists(path):
            os.remove(path)
        return
    _admin(url, "DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _admin(url: str, *statements: str) -> None:
    import psycopg2
    from psycopg2 import sql

    name = urlsplit(url).path.lstrip("/")
    connection = psycopg2.connect(_maintenance_dsn(url))
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(sql.SQL(statement).format(name=sql.Identifier(name)))
    finally:
        connection.close()


def describe(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        return f"SQLite {parts.path[1:]}"
    return f"PostgreSQL {parts.hostname}:{parts.port or 5432}/{parts.path.lstrip('/')}"

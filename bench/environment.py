"""The environment the bench's Django (in process, and gunicorn's) runs with."""

import os
import socket
import tempfile
from pathlib import Path

SECRET_KEY = "bench-only-secret-key-not-for-any-deployed-portal-0123456789abcdef"


def production_like(database_url: str, *, hosts: str = "testserver,127.0.0.1,localhost") -> dict:
    """Production settings (DEBUG off) on the bench database, served over plain HTTP."""
    folder = tempfile.mkdtemp(prefix="sosafe-bench-files-")
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": hosts,
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "MEDIA_ROOT": os.path.join(folder, "media"),
        "BENCH_STATIC_ROOT": os.path.join(folder, "static"),
        "LOG_LEVEL": "WARNING",
    }


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "load average unknown"
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def collect_static(environment: dict) -> None:
    """collectstatic into a folder named for the static files' contents, kept between runs
    (it takes most of a minute), and point this process and ``environment`` at it."""
    import hashlib
    from pathlib import Path

    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders
    from django.core.management import call_command

    listing = hashlib.sha256()
    for finder in get_finders():
        for path, storage in sorted(finder.list([]), key=lambda item: item[0]):
            stat = os.stat(storage.path(path))
            listing.update(f"{path} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    folder = Path(tempfile.gettempdir()) / f"sosafe-bench-static-{listing.hexdigest()[:16]}"
    settings.STATIC_ROOT = str(folder)
    environment["BENCH_STATIC_ROOT"] = os.environ["BENCH_STATIC_ROOT"] = str(folder)
    if not (folder / "staticfiles.json").exists():
        call_command("collectstatic", verbosity=0, interactive=False)


def process_cpu_seconds(pid: int) -> float:
    """CPU seconds a process and its live children have used (with its reaped children's)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for path in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = path.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        own, parent = int(path.parent.name), int(fields[1])
        if own == pid:
            total += sum(int(value) for value in fields[11:15]) / ticks
        elif parent == pid:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def postgres_server_pid() -> int | None:
    """The PostgreSQL postmaster's process id, when the server runs on this machine (its CPU,
    with its backends', is then process_cpu_seconds of it); None otherwise."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]

"""Load test: gunicorn with production settings on the bench's PostgreSQL database.

    python bench/loadtest.py [--scenario stress deadline] [--duration 60] [--years 10]
                             [--servers conf sync:3:1 gthread:3:4 ...]

It creates the bench database (bench/database.py; never DATABASE_URL's), generates YEARS years
of history (bench/generate.py), starts gunicorn (DEBUG off, SECRET_KEY, ALLOWED_HOSTS; the
repository's gunicorn.conf.py, or each CLASS:WORKERS:THREADS of --servers in turn) and runs:

- stress: 50 lead officers sign in, then save and submit their Q4 updates in a closed loop
  (form, save a draft, form, submit, My actions: no pause) for DURATION seconds, while 5
  readers load the action plan page in a closed loop;
- deadline: 200 lead officers arrive over the first half of DURATION, each signs in once and,
  for each action they lead, opens the form, saves a draft, then submits, pausing 2-5 s (think
  time) between steps; 10 readers load the dashboard and the plan page with the same pauses.

It prints throughput, p50/p95 per request kind, errors (any unexpected answer or failed
connection; a 409 counts as one, since no two clients write the same update) and lost updates:
each client remembers the narrative it last saved for each action, and afterwards the database
must hold exactly that; and the CPU time per request of gunicorn, of PostgreSQL (when it runs
on this machine) and of the client, which a busy machine disturbs less than the times. The
client is asyncio + aiohttp in this one process (it shares the machine's cores with the
server, so it is kept light), one connection per request as nginx speaks to gunicorn by
default.
"""

import argparse
import asyncio
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import database  # noqa: E402
from bench.environment import (  # noqa: E402
    collect_static,
    free_port,
    load_average,
    postgres_server_pid,
    process_cpu_seconds,
    production_like,
)
from bench.pages import percentile  # noqa: E402

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d*)"')
KINDS = ["sign-in page", "sign-in", "update form", "save", "submit", "my actions", "plan page"]
KINDS += ["dashboard"]


@dataclass
class Results:
    times: dict = field(default_factory=lambda: defaultdict(list))
    errors: dict = field(default_factory=lambda: defaultdict(int))
    examples: list = field(default_factory=list)
    # (action pk) -> the narrative the client last saved successfully
    saved: dict = field(default_factory=dict)
    started: float = 0.0
    finished: float = 0.0

    def record(self, kind: str, seconds: float) -> None:
        self.times[kind].append(seconds * 1000)

    def error(self, kind: str, what: str) -> None:
        self.errors[kind] += 1
        if len(self.examples) < 5:
            self.examples.append(f"{kind}: {what}")


class Browser:
    """One person's browser: its own cookies, one connection at a time."""

    def __init__(self, base: str, results: Results):
        import aiohttp

        self.base = base
        self.results = results
        self.session = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            # A connection per request, as nginx speaks to gunicorn by default (HTTP/1.0).
            connector=aiohttp.TCPConnector(limit=1, force_close=True),
            timeout=aiohttp.ClientTimeout(total=60),
        )

    async def close(self) -> None:
        await self.session.close()

    async def request(self, kind, method, path, *, data=None, expect=200):
        """The response's text, or None after recording an error."""
        start = time.perf_counter()
        try:
            async with self.session.request(
                method, self.base + path, data=data, allow_redirects=False
            ) as response:
                body = await response.text()
                status = response.status
                location = response.headers.get("Location", "")
        except Exception as error:  # noqa: BLE001 - any failure to answer is an error
            self.results.error(kind, f"{type(error).__name__}: {error}")
            return None
        self.results.record(kind, time.perf_counter() - start)
        if status != expect:
            self.results.error(kind, f"{method} {path} answered {status}")
            return None
        return location if expect == 302 else body

    async def sign_in(self, username: str, password: str) -> bool:
        page = await self.request("sign-in page", "GET", "/accounts/login/")
        token = CSRF.search(page or "")
        if not token:
            return False
        where = await self.request(
            "sign-in",
            "POST",
            "/accounts/login/",
            data={
                "csrfmiddlewaretoken": token.group(1),
                "username": username,
                "password": password,
            },
            expect=302,
        )
        return bool(where)

    async def write_update(self, slug, action, quarter, narrative, *, submit, think) -> None:
        path = f"/p/{slug}/actions/{action}/updates/{quarter}/"
        form = await self.request("update form", "GET", path)
        token, version = CSRF.search(form or ""), VERSION.search(form or "")
        if not token or version is None:
            if form is not None:
                self.results.error("update form", "no token or version in the form")
            return
        await think()
        kind = "submit" if submit else "save"
        where = await self.request(
            kind,
            "POST",
            path,
            data={
                "csrfmiddlewaretoken": token.group(1),
                "version": version.group(1),
                "status": "on_track",
                "narrative": narrative,
                "intent": "submit" if submit else "save",
            },
            expect=302,
        )
        if not where:
            return
        self.results.saved[action] = narrative
        follow = "my actions" if submit else "update form"
        await self.request(follow, "GET", where.replace(self.base, ""))


async def signed_in(base, username, results) -> "Browser | None":
    from bench.generate import PASSWORD

    browser = Browser(base, results)
    if await browser.sign_in(username, PASSWORD):
        return browser
    await browser.close()
    return None


async def officer(browser, g, username, stop, *, loop, think):
    """Write each of the officer's actions' updates: save a draft, then submit."""
    round_ = 0
    while not stop.is_set():
        round_ += 1
        for action in g.officer_actions[username]:
            for submit in (False, True):
                if stop.is_set():
                    return
                text = f"{username} wrote this for action {action}, round {round_}, " + (
                    "submitted." if submit else "a draft."
                )
                await browser.write_update(
                    g.partnership_slug, action, g.open_quarter, text, submit=submit, think=think
                )
                await think()
        if not loop:
            return


async def reader(browser, stop, *, paths, think):
    while not stop.is_set():
        for kind, path in paths:
            if stop.is_set():
                return
            await browser.request(kind, "GET", path)
            await think()


async def run_scenario(name: str, base: str, g, duration: float) -> tuple[Results, Results]:
    """The scenario's results, and (stress only) those of the sign-ins before it."""
    results, before = Results(), Results()
    stop = asyncio.Event()
    rng = random.Random(13)
    plan = ("plan page", f"/p/{g.partnership_slug}/plans/{g.plan_year_slug}/")
    dashboard = ("dashboard", f"/p/{g.partnership_slug}/dashboard/")

    async def no_pause():
        await asyncio.sleep(0)

    async def pause():
        await asyncio.sleep(rng.uniform(2.0, 5.0))

    if name == "stress":
        # Everyone signs in first; the closed loop is timed from when all have.
        before.started = time.perf_counter()
        writers = await asyncio.gather(
            *(signed_in(base, username, before) for username in g.officers[:50])
        )
        readers = await asyncio.gather(*(signed_in(base, g.member, before) for _ in range(5)))
        before.finished = time.perf_counter()
        for browser in writers + readers:
            if browser:
                browser.results = results
        results.started = time.perf_counter()
        tasks = [
            asyncio.create_task(officer(b, g, u, stop, loop=True, think=no_pause))
            for b, u in zip(writers, g.officers[:50], strict=False)
            if b
        ] + [
            asyncio.create_task(reader(b, stop, paths=[plan], think=no_pause)) for b in readers if b
        ]
        await asyncio.sleep(duration)
        stop.set()
        await asyncio.gather(*tasks)
        browsers = [b for b in writers + readers if b]
    else:
        browsers = []

        async def arrive(username):
            await asyncio.sleep(rng.uniform(0, duration / 2))
            browser = await signed_in(base, username, results)
            if browser:
                browsers.append(browser)
                await officer(browser, g, username, stop, loop=False, think=pause)

        async def read():
            browser = await signed_in(base, g.member, results)
            if browser:
                browsers.append(browser)
                await reader(browser, stop, paths=[dashboard, plan], think=pause)

        results.started = time.perf_counter()
        writers = [asyncio.create_task(arrive(username)) for username in g.officers[:200]]
        readers = [asyncio.create_task(read()) for _ in range(10)]
        await asyncio.wait(writers, timeout=duration * 3)
        stop.set()
        await asyncio.gather(*writers, *readers)
    results.finished = time.perf_counter()
    for browser in browsers:
        await browser.close()
    return results, before


def lost_updates(g, results: Results) -> int:
    from actionplan.models import ProgressUpdate

    stored = dict(
        ProgressUpdate.objects.filter(
            action_id__in=list(results.saved), quarter=g.open_quarter
        ).values_list("action_id", "narrative")
    )
    return sum(1 for action, text in results.saved.items() if stored.get(action) != text)


def report(name: str, results: Results, lost: int) -> str:
    seconds = results.finished - results.started
    total = sum(len(times) for times in results.times.values())
    errors = sum(results.errors.values())
    lines = [
        f"{name}: {total} requests in {seconds:.1f} s = {total / seconds:.1f} requests/s; "
        f"{errors} errors; {lost} lost updates (of {len(results.saved)} actions saved); "
        f"{load_average()}",
        f"  {'kind':<14}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'errors':>8}",
    ]
    for kind in KINDS:
        times = results.times.get(kind, [])
        if not times and not results.errors.get(kind):
            continue
        lines.append(
            f"  {kind:<14}{len(times):>7}{percentile(times, 0.5):>9.0f}"
            f"{percentile(times, 0.95):>9.0f}{max(times, default=0):>9.0f}"
            f"{results.errors.get(kind, 0):>8}"
        )
    lines += [f"  e.g. {example}" for example in results.examples]
    return "\n".join(lines)


def start_gunicorn(environment: dict, port: int, spec: str, code: Path) -> subprocess.Popen:
    """gunicorn serving the portal in CODE (this checkout, or another such as main's for the
    figures before a change) with its gunicorn.conf.py, or SPEC = CLASS:WORKERS:THREADS."""
    command = [sys.executable, "-m", "gunicorn", "sosafe.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--log-level", "warning"]
    config = code / "gunicorn.conf.py"
    if spec == "conf" and config.exists():
        command += ["--config", str(config)]
    if spec != "conf":
        worker_class, workers, threads = spec.split(":")
        command += ["--worker-class", worker_class, "--workers", workers, "--threads", threads]
    environment = {**os.environ, **environment}
    if code != ROOT:
        # The portal from CODE; bench.settings (a package there may lack it) from here.
        environment["PYTHONPATH"] = os.pathsep.join([str(code), str(ROOT)])
    server = subprocess.Popen(command, cwd=code, env=environment)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.3)
    else:
        server.terminate()
        raise SystemExit("gunicorn did not start")
    return server


async def warm_up(base: str, g, *, browsers: int = 10, rounds: int = 3) -> None:
    """The readers' pages first, from several browsers at once so that every worker (not only
    the one that happens to accept a lone request) has loaded their code and templates."""
    from bench.generate import PASSWORD

    paths = [
        f"/p/{g.partnership_slug}/plans/{g.plan_year_slug}/",
        f"/p/{g.partnership_slug}/dashboard/",
    ]

    async def read_pages():
        browser = Browser(base, Results())
        try:
            await browser.sign_in(g.member, PASSWORD)
            for _ in range(rounds):
                for path in paths:
                    await browser.request("warm-up", "GET", path)
        finally:
            await browser.close()

    await asyncio.gather(*(read_pages() for _ in range(browsers)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", nargs="+", default=["stress", "deadline"])
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument(
        "--servers",
        nargs="+",
        default=["conf"],
        help="gunicorn set-ups to compare, each CLASS:WORKERS:THREADS (e.g. sync:3:1 "
        "gthread:3:4); 'conf' is the repository's gunicorn.conf.py (the default)",
    )
    parser.add_argument(
        "--code",
        type=Path,
        default=ROOT,
        help="serve the portal from this checkout (e.g. main's, for the figures before a change)",
    )
    parser.add_argument(
        "--hasher",
        default=None,
        help="hash the generated passwords with this algorithm (e.g. pbkdf2_sha256, the hasher "
        "before Argon2id) instead of the settings' first",
    )
    parser.add_argument("--database-url", default=None, help="default: BENCH_DATABASE_URL")
    args = parser.parse_args(argv)

    # Stopped with SIGTERM: still stop gunicorn and drop the database (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    url = database.choose(dict(os.environ), args.database_url)
    if not url.startswith("postgres"):
        raise SystemExit("The load test needs PostgreSQL (set BENCH_DATABASE_URL).")
    database.recreate(url)
    environment = production_like(url, hosts="127.0.0.1,localhost")
    os.environ.update(environment)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    from bench.generate import Scale, generate

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter()
    collect_static(environment)
    collected = time.perf_counter()
    g = generate(Scale(years=args.years), hasher=args.hasher)
    connections.close_all()
    print(
        f"migrate {migrated - started:.0f} s, collectstatic {collected - migrated:.0f} s, "
        f"generate {time.perf_counter() - collected:.0f} s"
    )
    print(
        f"Load test on {database.describe(url)}, {args.years} years of history, DEBUG "
        f"{settings.DEBUG}, passwords hashed with {args.hasher or settings.PASSWORD_HASHERS[0]}, "
        f"portal from {args.code}, "
        f"(this checkout: CONN_MAX_AGE {settings.DATABASES['default']['CONN_MAX_AGE']}) "
        f"(set up in {time.perf_counter() - started:.0f} s); {load_average()}",
        flush=True,
    )
    summary = []
    try:
        for spec in args.servers:
            port = free_port()
            server = start_gunicorn(environment, port, spec, args.code.resolve())
            base = f"http://127.0.0.1:{port}"
            print(f"\n== gunicorn {' '.join(server.args[3:])} ==", flush=True)
            try:
                for name in args.scenario:
                    summary.append((spec, name, *run_one(name, base, g, args.duration, server.pid)))
            finally:
                server.terminate()
                server.wait(timeout=30)
        print("\n" + summary_table(summary))
    finally:
        connections.close_all()
        database.drop(url)


def run_one(name: str, base: str, g, duration: float, server_pid: int) -> tuple:
    from django.db import connections

    from actionplan.models import ProgressUpdate

    # Each scenario starts from drafts (the updates the last one submitted go back).
    ProgressUpdate.objects.filter(quarter=g.open_quarter, state="submitted").update(state="draft")
    connections.close_all()
    asyncio.run(warm_up(base, g))
    postgres = postgres_server_pid()
    connections.close_all()
    cpu, client = process_cpu_seconds(server_pid), time.process_time()
    database_cpu = process_cpu_seconds(postgres) if postgres else 0.0
    results, before = asyncio.run(run_scenario(name, base, g, duration))
    cpu = process_cpu_seconds(server_pid) - cpu
    client = time.process_time() - client
    database_cpu = process_cpu_seconds(postgres) - database_cpu if postgres else None
    lost = lost_updates(g, results)
    connections.close_all()
    if before.times:
        print(report(f"{name}, signing in first", before, 0), flush=True)
    print(report(name, results, lost), flush=True)
    requests = sum(len(times) for times in results.times.values())
    requests += sum(len(times) for times in before.times.values())
    print(
        f"  gunicorn's CPU: {cpu:.1f} s, {cpu * 1000 / max(requests, 1):.1f} ms a request "
        "(steadier than times on a busy machine)",
        flush=True,
    )
    database_share = (
        "unknown (server not on this machine)"
        if database_cpu is None
        else f"{database_cpu:.1f} s, {database_cpu * 1000 / max(requests, 1):.1f} ms a request "
        "(the whole server's)"
    )
    print(
        f"  PostgreSQL's CPU: {database_share}; this client's: {client:.1f} s, "
        f"{client * 1000 / max(requests, 1):.1f} ms a request",
        flush=True,
    )
    seconds = results.finished - results.started
    everything = results.times.get("sign-in", []) + before.times.get("sign-in", [])
    errors = sum(results.errors.values()) + sum(before.errors.values())
    return (
        sum(len(times) for times in results.times.values()) / seconds,
        percentile(everything, 0.95),
        percentile(results.times.get("save", []), 0.5),
        percentile(results.times.get("save", []), 0.95),
        max(percentile(times, 0.95) for times in results.times.values()),
        errors,
        lost,
        cpu * 1000 / max(requests, 1),
    )


def summary_table(rows: list[tuple]) -> str:
    lines = [
        "gunicorn          scenario  requests/s  sign-in p95  save p50  save p95  "
        "worst p95  errors  lost  CPU ms/request",
    ]
    for spec, name, rate, signin, save50, save95, worst, errors, lost, cpu in rows:
        lines.append(
            f"{spec:<18}{name:<10}{rate:>10.1f}{signin:>13.0f}{save50:>10.0f}{save95:>10.0f}"
            f"{worst:>11.0f}{errors:>8}{lost:>6}{cpu:>16.1f}"
        )
    lines.append("(times in ms; worst p95: the slowest request kind's p95 in the scenario)")
    return "\n".join(lines)


if __name__ == "__main__":
    main()

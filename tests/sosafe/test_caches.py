"""CACHE_URL chooses the cache: this process's memory by default, Redis to share it."""

import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured

from sosafe.env import cache_from_url
from tests.sosafe.test_settings import _import_settings

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
REDIS = "django.core.cache.backends.redis.RedisCache"


def test_the_default_is_this_process_s_memory_with_room_for_a_plan_s_rows():
    cache = cache_from_url("locmem://")
    assert cache["BACKEND"] == LOCMEM
    assert cache["OPTIONS"]["MAX_ENTRIES"] >= 10_000  # Django's default, 300, is one plan


@pytest.mark.parametrize(
    "url", ["redis://cache.internal:6379/1", "rediss://:secret@cache.internal:6380/0"]
)
def test_redis_uses_django_s_own_backend(url):
    assert cache_from_url(url) == {"BACKEND": REDIS, "LOCATION": url}


def test_dummy_caches_nothing_and_anything_else_is_refused():
    assert cache_from_url("dummy://")["BACKEND"].endswith("DummyCache")
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL must start"):
        cache_from_url("memcached://127.0.0.1:11211")


def test_the_settings_read_cache_url():
    code = "import sosafe.settings as s; print(s.CACHES['default']['BACKEND'])"
    result = _import_settings(DEBUG="true", CACHE_URL="redis://127.0.0.1:6379/0", code=code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == REDIS
    result = _import_settings(DEBUG="true", code=code)
    assert result.stdout.strip() == LOCMEM


def test_sessions_are_cached_only_in_a_cache_every_process_shares():
    code = "import sosafe.settings as s; print(s.SESSION_ENGINE)"
    shared = _import_settings(DEBUG="true", CACHE_URL="redis://127.0.0.1:6379/0", code=code)
    assert shared.stdout.strip() == "django.contrib.sessions.backends.cached_db"
    own = _import_settings(DEBUG="true", code=code)
    assert own.stdout.strip() == "django.contrib.sessions.backends.db"


@pytest.fixture
def redis_url():
    """A throwaway redis-server on a free port, if the machine has one."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("no redis-server on this machine (Debian: apt-get install redis-server)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_rows_go_to_redis_and_come_back(redis_url):
    config = cache_from_url(redis_url)
    cache = RedisCache(config["LOCATION"], {})
    cache.set_many({"plan-row:a": "<td>Row a</td>", "plan-row:b": "<td>Row b</td>"}, timeout=60)
    assert cache.get_many(["plan-row:a", "plan-row:b", "plan-row:c"]) == {
        "plan-row:a": "<td>Row a</td>",
        "plan-row:b": "<td>Row b</td>",
    }
    cache.clear()

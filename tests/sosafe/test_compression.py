"""Pages go out compressed to browsers that ask, with their security headers, and with what
keeps compression from leaking a secret (BREACH): a CSRF token masked afresh on each page."""

import gzip
import re

import pytest
from django.urls import reverse

from tests.conftest import make_plan

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_a_plan_page_is_compressed_for_a_browser_that_asks(world):
    plan, _ = make_plan(world.partnership, world.lead_org, actions=30, year=2024)
    client = world.client_for("coordinator")
    plain = client.get(plan.get_absolute_url())
    packed = client.get(plan.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert len(packed.content) * 5 < len(plain.content)
    html = gzip.decompress(packed.content).decode()
    assert TOKEN.sub("", html) == TOKEN.sub("", plain.content.decode())
    assert packed["Content-Security-Policy"] == plain["Content-Security-Policy"]
    assert "no-store" in packed["Cache-Control"]


def test_the_csrf_token_in_a_page_differs_on_every_response(world):
    client = world.client_for("coordinator")
    url = reverse("actionplan:action-mine", args=[world.partnership.slug])
    tokens = {TOKEN.search(client.get(url).content.decode()).group(1) for _ in range(3)}
    assert len(tokens) == 3


def test_each_compressed_page_is_padded_by_a_random_length(world):
    client = world.client_for("coordinator")
    url = reverse("actionplan:action-mine", args=[world.partnership.slug])
    pages = [client.get(url, HTTP_ACCEPT_ENCODING="gzip").content for _ in range(8)]
    assert all(page[3] & gzip.FNAME for page in pages)
    padding = {page[10:].index(b"\x00") for page in pages}  # the random file name's length
    assert len(padding) > 1
    assert all(length < 100 for length in padding)

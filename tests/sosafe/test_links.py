"""Links reversed once: the same URL as ``reverse``, following the URLconf and script prefix."""

from django.urls import clear_script_prefix, path, reverse, set_script_prefix

from sosafe.links import ROW, fixed_link, row_link


def test_a_fixed_link_is_the_reversed_url():
    assert fixed_link("reports:home", "north") == reverse("reports:home", args=["north"])
    assert fixed_link("logout") == reverse("logout")


def test_a_fixed_link_follows_the_script_prefix():
    try:
        set_script_prefix("/portal/")
        assert fixed_link("logout") == reverse("logout")
        assert fixed_link("logout").startswith("/portal/")
    finally:
        clear_script_prefix()
    assert not fixed_link("logout").startswith("/portal/")


def _view(request):  # pragma: no cover
    raise AssertionError


urlpatterns = [path("elsewhere/", _view, name="logout")]


def test_a_fixed_link_follows_a_changed_urlconf(settings):
    before = fixed_link("logout")
    settings.ROOT_URLCONF = __name__
    assert fixed_link("logout") == "/elsewhere/"
    settings.ROOT_URLCONF = "sosafe.urls"
    assert fixed_link("logout") == before


def test_a_row_link_fills_in_each_rows_key():
    link = row_link("reports:published-download", "north", ROW)
    assert link(7) == reverse("reports:published-download", args=["north", 7])

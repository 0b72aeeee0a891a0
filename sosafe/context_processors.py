from django.http import HttpRequest

from sosafe import registry


def portal(request: HttpRequest) -> dict:
    """The membership the current page is about, and its links for the navigation bar."""
    membership = getattr(request, "membership", None)
    nav_links = registry.nav_links(membership) if membership is not None else []
    return {"membership": membership, "nav_links": nav_links}

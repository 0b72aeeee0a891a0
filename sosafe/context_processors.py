from django.http import HttpRequest


def portal(request: HttpRequest) -> dict:
    """The membership the current page is about, for the navigation bar."""
    return {"membership": getattr(request, "membership", None)}

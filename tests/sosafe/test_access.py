"""sosafe.access.partnership_view: nothing can be declared without a rule and methods."""

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpResponse

from sosafe.access import EVERY_MEMBER, SAFE, Rule, partnership_view


def page(request, membership):
    return HttpResponse("ok")


def test_a_view_without_a_rule_or_methods_cannot_be_declared():
    with pytest.raises(TypeError):
        partnership_view(page)  # the bare decorator
    with pytest.raises(TypeError):
        partnership_view(methods=SAFE)
    with pytest.raises(TypeError):
        partnership_view(rule=EVERY_MEMBER)


@pytest.mark.parametrize("methods", [(), ("PUT",), ("GET", "DELETE")])
def test_only_get_and_post_can_be_allowed(methods):
    with pytest.raises(ImproperlyConfigured):
        partnership_view(rule=EVERY_MEMBER, methods=methods)


def test_the_rule_must_be_a_rule():
    with pytest.raises(ImproperlyConfigured):
        partnership_view(rule=lambda membership: True, methods=SAFE)


def test_the_declaration_is_marked_on_the_view():
    rule = Rule(lambda membership: False, "No.")
    view = partnership_view(rule=rule, methods=("get", "POST"))(page)
    assert view.access.rule is rule
    assert view.access.methods == {"GET", "POST"}


@pytest.mark.django_db
def test_head_is_answered_with_get_and_other_methods_are_405(world, rf):
    view = partnership_view(rule=EVERY_MEMBER, methods=SAFE)(page)
    for method, expected in (("head", 200), ("get", 200), ("post", 405), ("put", 405)):
        request = getattr(rf, method)("/")
        request.user = world.member.user
        assert view(request, partnership=world.partnership.slug).status_code == expected, method


@pytest.mark.django_db
def test_the_rule_refuses_with_its_reason(world, rf):
    view = partnership_view(rule=Rule(lambda m: m.can_manage, "Coordinators only."), methods=SAFE)
    request = rf.get("/")
    request.user = world.member.user
    with pytest.raises(PermissionDenied, match="Coordinators only."):
        view(page)(request, partnership=world.partnership.slug)


@pytest.mark.django_db
def test_the_membership_carries_the_signed_in_user_in_one_query(world, django_assert_num_queries):
    from django.utils.functional import SimpleLazyObject

    from sosafe.access import membership_for

    user = world.member.user
    with django_assert_num_queries(1):
        membership = membership_for(SimpleLazyObject(lambda: user), world.partnership.slug)
        assert membership.user is user  # the user itself, not request.user's lazy wrapper
        assert membership.partnership.slug == world.partnership.slug

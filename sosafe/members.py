"""Partnership administrators' rules and services: who may manage members and settings, and
the changes themselves (invite, change role, deactivate, reactivate).

The Django superuser is the site operator's account (Django admin), not a partnership role:
managing a partnership's members is for its own administrators.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from sosafe.models import Membership, Organisation, Partnership, Role

ADMINS_ONLY = "Only the partnership's administrators manage its members and settings."
LAST_ADMIN = (
    "The partnership must keep at least one active administrator: make someone else an "
    "administrator first."
)


def can_administer(membership: Membership) -> bool:
    return membership.is_active and membership.role == Role.ADMIN


def _other_active_admins(membership: Membership) -> bool:
    return (
        Membership.objects.filter(
            partnership_id=membership.partnership_id, role=Role.ADMIN, is_active=True
        )
        .exclude(pk=membership.pk)
        .exists()
    )


def _keeps_an_admin(membership: Membership, *, role: str, is_active: bool) -> None:
    was_admin = membership.role == Role.ADMIN and membership.is_active
    stays_admin = role == Role.ADMIN and is_active
    # Two administrators demoting each other at once must not leave none: lock the partnership.
    Partnership.objects.select_for_update().filter(pk=membership.partnership_id).first()
    if was_admin and not stays_admin and not _other_active_admins(membership):
        raise ValidationError(LAST_ADMIN)


def _check_organisation(partnership: Partnership, role: str, organisation) -> None:
    candidate = Membership(partnership=partnership, role=role, organisation=organisation)
    candidate.clean()


def set_password_url(user, base_url: str) -> str:
    """An absolute one-use link where an invited user chooses a password (Django's
    password-reset token: it stops working once the password is set or they sign in)."""
    path = reverse(
        "sosafe:invite-accept",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return base_url.rstrip("/") + path


@transaction.atomic
def member_invite(
    *,
    partnership: Partnership,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    organisation: Organisation | None,
    job_title: str,
    invited_by,
    base_url: str = "",
) -> Membership:
    """Add a person to the partnership by email address: the user account is reused if one
    has that address, created (with no usable password) if not; then an email tells them,
    with a link to choose a password when they have none. ``base_url`` is the portal's
    address for the links (the request's; PORTAL_BASE_URL when empty)."""
    base_url = base_url or settings.PORTAL_BASE_URL
    User = get_user_model()
    email = User.objects.normalize_email(email).strip()
    _check_organisation(partnership, role, organisation)
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    if user is None:
        user = User(username=email.lower(), email=email, first_name=first_name, last_name=last_name)
        if User.objects.filter(username__iexact=user.username).exists():
            raise ValidationError({"email": "An account already uses this address as its name."})
        user.set_unusable_password()
        user.save()
    existing = Membership.objects.filter(user=user, partnership=partnership).first()
    if existing:
        state = "a member" if existing.is_active else "a deactivated member: reactivate them"
        raise ValidationError({"email": f"{email} is already {state}."})
    membership = Membership.objects.create(
        user=user,
        partnership=partnership,
        role=role,
        organisation=organisation,
        job_title=job_title,
    )
    context = {
        "membership": membership,
        "invited_by": invited_by,
        "set_password_url": (
            "" if user.has_usable_password() else set_password_url(user, base_url)
        ),
        "sign_in_url": base_url.rstrip("/") + reverse("login"),
    }
    transaction.on_commit(
        lambda: send_mail(
            subject=f"You have been added to {partnership.name} on the SoSafe portal",
            message=render_to_string("emails/sosafe/invitation.txt", context),
            from_email=None,
            recipient_list=[user.email],
        )
    )
    return membership


@transaction.atomic
def membership_change(
    *, membership: Membership, role: str, organisation: Organisation | None, job_title: str
) -> Membership:
    _keeps_an_admin(membership, role=role, is_active=membership.is_active)
    _check_organisation(membership.partnership, role, organisation)
    membership.role, membership.organisation, membership.job_title = role, organisation, job_title
    membership.save(update_fields=["role", "organisation", "job_title"])
    return membership


@transaction.atomic
def membership_set_active(*, membership: Membership, is_active: bool) -> Membership:
    """Deactivate (they get 404 like an outsider) or reactivate a membership."""
    _keeps_an_admin(membership, role=membership.role, is_active=is_active)
    membership.is_active = is_active
    membership.save(update_fields=["is_active"])
    return membership

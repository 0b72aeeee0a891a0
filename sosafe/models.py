"""The partnership core: who the partnership is, who belongs to it, and in what role."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse


def default_suppression_threshold() -> int:
    return settings.PUBLIC_SUPPRESSION_THRESHOLD


class Partnership(models.Model):
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=50)
    slug = models.SlugField(unique=True, help_text="Used in the portal's addresses.")
    area = models.CharField(max_length=100, blank=True, help_text="The district it serves.")
    suppression_threshold = models.PositiveSmallIntegerField(
        default=default_suppression_threshold,
        db_default=5,  # for rows written without the ORM (older migrations' states)
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text='Counts below this are shown as "<N" in anything public (1 to 100).',
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("reports:home", args=[self.slug])


class Organisation(models.Model):
    class Kind(models.TextChoices):
        RESPONSIBLE_AUTHORITY = "responsible_authority", "Responsible authority"
        COOPERATING_BODY = "cooperating_body", "Co-operating body"
        VOLUNTARY = "voluntary", "Voluntary or community organisation"
        COMMISSIONED_SERVICE = "commissioned_service", "Commissioned service"
        OTHER = "other", "Other"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="organisations"
    )
    name = models.CharField(max_length=200)
    short_name = models.CharField(
        max_length=50, help_text="As the partnership's papers write it, e.g. SBC or HFRS."
    )
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.OTHER)

    class Meta:
        ordering = ["short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "short_name"], name="organisation_unique_short_name"
            ),
            models.UniqueConstraint(
                fields=["partnership", "name"], name="organisation_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.short_name


class Group(models.Model):
    """A standing group of the partnership: RAG, JAG and the multi-agency working groups."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=50)
    purpose = models.TextField(blank=True)
    chair = models.CharField(max_length=200, blank=True, help_text="The chair's role title.")
    meets = models.CharField(max_length=100, blank=True, help_text="How often it meets.")
    members = models.ManyToManyField(Organisation, blank=True, related_name="groups")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "short_name"], name="group_unique_short_name"
            ),
        ]

    def __str__(self) -> str:
        return self.short_name


class Role(models.TextChoices):
    ADMIN = "admin", "Administrator"
    COORDINATOR = "coordinator", "Community safety coordinator"
    OFFICER = "officer", "Lead officer (JAG)"
    MEMBER = "member", "RAG member"
    SCRUTINY = "scrutiny", "Scrutiny committee"


# What each role may do across a partnership. Rules about single records (may this officer
# write this update?) live next to those records' models and call these.
READS_PLANS = frozenset({Role.ADMIN, Role.COORDINATOR, Role.OFFICER, Role.MEMBER})
SEES_RESTRICTED = frozenset({Role.ADMIN, Role.COORDINATOR, Role.MEMBER})
MANAGES = frozenset({Role.ADMIN, Role.COORDINATOR})


class Membership(models.Model):
    """A user's place in one partnership. A user may belong to several partnerships."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="memberships",
        help_text="The agency the person works for. Required for lead officers.",
    )
    job_title = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(
        "active",
        default=True,
        db_default=True,
        help_text="A deactivated member can no longer open the partnership's pages.",
    )

    class Meta:
        ordering = ["partnership", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partnership"], name="membership_one_per_partnership"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.partnership})"

    @property
    def can_read_plans(self) -> bool:
        """Strategy, plans, actions and progress: everyone but the scrutiny committee."""
        return self.role in READS_PLANS

    @property
    def can_see_restricted(self) -> bool:
        """Restricted actions (closed JAG business). Officers see only those they lead."""
        return self.role in SEES_RESTRICTED

    @property
    def can_manage(self) -> bool:
        return self.role in MANAGES

    def clean(self) -> None:
        if self.role == Role.OFFICER and not self.organisation_id:
            raise ValidationError(
                {"organisation": "A lead officer must belong to an organisation."}
            )
        if self.organisation_id and self.organisation.partnership_id != self.partnership_id:
            raise ValidationError(
                {"organisation": "The organisation must belong to the same partnership."}
            )


class Acronym(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="acronyms")
    abbreviation = models.CharField(max_length=30)
    meaning = models.TextField(help_text="As the glossary explains it.")

    class Meta:
        ordering = ["abbreviation"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "abbreviation"], name="acronym_unique_abbreviation"
            ),
        ]

    def __str__(self) -> str:
        return self.abbreviation

"""What the papers store: the coordinator's narrative for the scrutiny paper, and published
copies, which never change once made."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from actionplan.models import ActionPlan, Theme
from sosafe.models import Organisation, Partnership


class PaperKind(models.TextChoices):
    RAG = "rag", "RAG quarterly report"
    JAG = "jag", "JAG report"
    SCRUTINY = "scrutiny", "Scrutiny committee report"
    PCC = "pcc", "PCC half-yearly return"


PUBLIC_KINDS = frozenset({PaperKind.SCRUTINY})


class ScrutinyNarrative(models.Model):
    """The parts of a plan's scrutiny paper that a coordinator writes; the rest is computed."""

    plan = models.OneToOneField(ActionPlan, on_delete=models.CASCADE, related_name="narrative")
    purpose = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    background = models.TextField(blank=True)
    process = models.TextField("the action-plan process", blank=True)
    priorities = models.TextField("priorities for next year", blank=True)
    funding_from = models.DateField(
        "funding table starts on",
        null=True,
        blank=True,
        help_text="Funding received from this date to the end of the period is listed. "
        "Leave empty for the start of the plan's year.",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Scrutiny narrative for {self.plan}"


class ThemeCommentary(models.Model):
    narrative = models.ForeignKey(
        ScrutinyNarrative, on_delete=models.CASCADE, related_name="commentaries"
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "theme commentaries"
        constraints = [
            models.UniqueConstraint(fields=["narrative", "theme"], name="commentary_one_per_theme")
        ]

    def __str__(self) -> str:
        return f"Commentary on theme {self.theme_id}"


class PublishedPaperQuerySet(models.QuerySet):
    def delete(self):
        raise ValidationError("A published paper is a record: it cannot be deleted.")

    def update(self, **kwargs):
        raise ValidationError("A published paper never changes.")


class PublishedPaper(models.Model):
    """A paper as published: its PDF, who published it and when, and the PDF's SHA-256.
    Created once; never updated or deleted (a correction is a new publication)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="published_papers"
    )
    kind = models.CharField(max_length=10, choices=PaperKind.choices)
    period = models.CharField(max_length=12, help_text='"2017/18" or "2017/18-Q3".')
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="For a JAG report of one lead organisation.",
    )
    title = models.CharField(max_length=300)
    public = models.BooleanField(help_text="A public paper: the scrutiny committee may read it.")
    pdf = models.FileField(upload_to="papers/%Y/")
    size = models.PositiveIntegerField()
    sha256 = models.CharField("SHA-256", max_length=64)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField()

    objects = PublishedPaperQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} (published {self.published_at:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("A published paper never changes.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("A published paper is a record: it cannot be deleted.")

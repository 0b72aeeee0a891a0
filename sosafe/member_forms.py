"""Forms of the partnership administrators' pages: members and settings."""

from django import forms
from django.contrib.auth.forms import SetPasswordForm

from sosafe.forms import ErrorSummaryMixin
from sosafe.models import Membership, Partnership, Role


class _OrganisationChoice(ErrorSummaryMixin):
    def limit_organisations(self, partnership: Partnership) -> None:
        self.fields["organisation"].queryset = partnership.organisations.all()
        self.fields["organisation"].required = False


class InviteForm(_OrganisationChoice, forms.Form):
    email = forms.EmailField(label="Email address", max_length=254)
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    role = forms.ChoiceField(label="Role", choices=Role.choices)
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=None,
        help_text="The agency the person works for. Required for lead officers.",
    )
    job_title = forms.CharField(label="Job title", max_length=200, required=False)

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_organisations(partnership)


class MembershipForm(_OrganisationChoice, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "organisation", "job_title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_organisations(self.instance.partnership)


class PartnershipSettingsForm(ErrorSummaryMixin, forms.ModelForm):
    class Meta:
        model = Partnership
        fields = ["name", "short_name", "suppression_threshold"]
        labels = {"suppression_threshold": "Suppression threshold for public figures"}


class ChoosePasswordForm(ErrorSummaryMixin, SetPasswordForm):
    """Django's set-password form, with the portal's error summary."""

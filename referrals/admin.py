from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from referrals.models import ReferralReturn, ReportedFigure, Service, SourceCount
from sosafe.concurrency import VersionedAdminMixin


class ReportedFigureInline(admin.TabularInline):
    model = ReportedFigure
    extra = 0


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "partnership", "measure", "active_from", "active_to"]
    list_filter = ["partnership", "organisation"]
    search_fields = ["name", "description"]
    list_select_related = ["organisation", "partnership"]
    filter_horizontal = ["objectives", "officers"]
    inlines = [ReportedFigureInline]


class SourceCountInline(admin.TabularInline):
    # Read only: a breakdown and its total change together through the portal's return page
    # (referrals.services.return_save), which checks that they agree.
    model = SourceCount
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "organisation", "count"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ReferralReturn)
class ReferralReturnAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["service", "year", "quarter", "total", "illustrative", "entered_by"]
    list_filter = ["service__partnership", "year", "quarter", "illustrative"]
    search_fields = ["service__name", "note"]
    list_select_related = ["service", "entered_by"]
    # Counts are entered through the portal, which checks the breakdown rule; the admin shows
    # them and their history, and may correct a note (the version check applies).
    readonly_fields = [
        "service",
        "year",
        "quarter",
        "total",
        "illustrative",
        "version",
        "entered_by",
        "updated_at",
    ]
    inlines = [SourceCountInline]

    def has_add_permission(self, request):
        return False

"""The Django admin for funding: for looking things up and for the administrator's repairs.

Status and award are read-only here: the pipeline, its timeline and the spend rules live in
funding.services, which the portal's pages use.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from funding.models import BidStatusChange, Funder, FundingBid, Spend
from sosafe.concurrency import VersionedAdminMixin


@admin.register(Funder)
class FunderAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "partnership"]
    list_filter = ["partnership"]
    search_fields = ["name"]
    readonly_fields = ["version"]


class SpendInline(admin.TabularInline):
    model = Spend
    extra = 0
    fields = ["spent_on", "amount", "description", "recorded_by"]
    readonly_fields = ["spent_on", "amount", "description", "recorded_by"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class BidStatusChangeInline(admin.TabularInline):
    model = BidStatusChange
    extra = 0
    fields = ["changed_at", "from_status", "to_status", "is_correction", "changed_by", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FundingBid)
class FundingBidAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "partnership", "funder", "status", "amount_awarded", "received_on"]
    list_filter = ["partnership", "status", "funder"]
    search_fields = ["title", "purpose", "delivering_team", "notes"]
    list_select_related = ["partnership", "funder"]
    readonly_fields = ["status", "amount_awarded", "version", "created_at", "updated_at"]
    filter_horizontal = ["objectives"]
    inlines = [BidStatusChangeInline, SpendInline]


@admin.register(Spend)
class SpendAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["bid", "spent_on", "amount", "description"]
    list_filter = ["bid__partnership"]
    search_fields = ["description", "bid__title"]
    list_select_related = ["bid"]
    readonly_fields = ["version", "created_at"]

from django.contrib import admin
from import_export import resources
from import_export.admin import ImportExportModelAdmin
from import_export.fields import Field
from import_export.widgets import ForeignKeyWidget

from sosafe.models import Acronym, Group, Membership, Organisation, Partnership


class OrganisationResource(resources.ModelResource):
    partnership = Field(
        attribute="partnership",
        column_name="partnership",
        widget=ForeignKeyWidget(Partnership, field="slug"),
    )

    class Meta:
        model = Organisation
        fields = ("partnership", "short_name", "name", "kind")
        import_id_fields = ("partnership", "short_name")
        skip_unchanged = True
        report_skipped = True


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user", "organisation"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "slug", "area"]
    search_fields = ["name", "short_name", "area"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(ImportExportModelAdmin):
    resource_classes = [OrganisationResource]
    list_display = ["short_name", "name", "kind", "partnership"]
    list_filter = ["partnership", "kind"]
    search_fields = ["short_name", "name"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "chair", "meets", "partnership"]
    list_filter = ["partnership"]
    search_fields = ["short_name", "name", "purpose"]
    filter_horizontal = ["members"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "partnership", "role", "organisation", "job_title"]
    list_filter = ["partnership", "role", "organisation__kind"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "job_title"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "partnership", "organisation"]


@admin.register(Acronym)
class AcronymAdmin(admin.ModelAdmin):
    list_display = ["abbreviation", "meaning", "partnership"]
    list_filter = ["partnership"]
    search_fields = ["abbreviation", "meaning"]

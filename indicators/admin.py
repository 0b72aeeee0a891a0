from django.contrib import admin

from indicators.models import Area, Indicator, IndicatorValue, PopulationEstimate


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "partnership", "unit", "polarity", "frequency", "police_crime_type"]
    list_filter = ["partnership", "unit", "polarity", "frequency"]
    search_fields = ["name", "description", "source"]
    list_select_related = ["partnership"]
    raw_id_fields = ["objective"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "year", "quarter", "month", "value", "target", "illustrative"]
    list_filter = ["indicator__partnership", "year", "illustrative"]
    search_fields = ["indicator__name"]
    list_select_related = ["indicator"]
    raw_id_fields = ["indicator", "entered_by"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["partnership", "lsoa_name_prefix", "updated_at"]


@admin.register(PopulationEstimate)
class PopulationEstimateAdmin(admin.ModelAdmin):
    list_display = ["partnership", "year", "population", "source"]
    list_filter = ["partnership"]

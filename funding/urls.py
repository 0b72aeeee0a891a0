from django.urls import path

from funding.views import bids, funders, spend, summary, transfer

app_name = "funding"

urlpatterns = [
    path("", bids.bid_list, name="bid-list"),
    path("bids/new/", bids.bid_create, name="bid-create"),
    path("bids/<int:pk>/", bids.bid_detail, name="bid-detail"),
    path("bids/<int:pk>/edit/", bids.bid_edit, name="bid-edit"),
    path("bids/<int:pk>/spend/new/", spend.spend_create, name="spend-create"),
    path("spend/<int:pk>/edit/", spend.spend_edit, name="spend-edit"),
    path("spend/<int:pk>/delete/", spend.spend_delete, name="spend-delete"),
    path("summary/", summary.summary_latest, name="summary"),
    path("summary/<fy:year>/", summary.summary_detail, name="summary-detail"),
    path("funders/", funders.funder_list, name="funder-list"),
    path("funders/new/", funders.funder_create, name="funder-create"),
    path("funders/<int:pk>/edit/", funders.funder_edit, name="funder-edit"),
    path("export.<str:file_format>", transfer.bid_export, name="bid-export"),
    path("import/", transfer.bid_import, name="bid-import"),
    path("import/confirm/", transfer.bid_import_confirm, name="bid-import-confirm"),
]

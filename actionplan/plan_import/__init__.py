"""Import a whole action plan from a workbook laid out as the committee paper's appendix.

``parse`` reads the sheets (``sosafe.spreadsheets.read_sheets``) into themes -> aims -> actions
with their sheet and row; ``names`` splits leads, partners and outcomes; ``resolve`` matches the
names to the partnership's organisations and builds the preview (``plan_preview``) with every
problem; ``services.plan_import_apply`` creates it all in one transaction. The browser flow
(``actionplan.views.plan_import``) and ``manage.py import_plan`` both use these.
"""

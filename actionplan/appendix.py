"""The action plan's table as the partnership's papers lay it out (the committee paper's appendix).

One definition for everything that writes or reads a plan as a spreadsheet: the plan export,
the officers' out-and-back workbook and the plan import all use these column headings.
"""

AIM = "Aim"
ACTION = "Action"
LEAD = "Lead"
PARTNERS = "Partners"
RESOURCES = "Resources"
OUTCOMES = "Expected outcomes"
PROGRESS = "Progress to date"

COLUMNS: tuple[str, ...] = (AIM, ACTION, LEAD, PARTNERS, RESOURCES, OUTCOMES, PROGRESS)

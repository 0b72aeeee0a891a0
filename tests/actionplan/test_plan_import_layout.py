"""The appendix layout, trait by trait, on small sheets (no database): theme headings, repeated
and extended column headings, merged and blank aim cells, letters, page numbers, continuation
rows, notes after the table; and how leads, partners and outcomes are split."""

from decimal import Decimal

import pytest

from actionplan.plan_import.names import (
    Vocabulary,
    recognise_target,
    split_leads,
    split_outcomes,
    split_partners,
)
from actionplan.plan_import.parse import parse_layout
from sosafe.spreadsheets import Row, SheetRows

HEAD = ["Aim", "Action", "Lead", "Partners", "Resources", "Expected outcomes", "Progress to date"]


def sheet(*rows, title="Plan", merged=None):
    merged = merged or {}
    return SheetRows(
        title,
        [
            Row(number=n, cells=list(cells), merged=frozenset(merged.get(n, ())))
            for n, cells in enumerate(rows, start=1)
            if cells
        ],
    )


def tree(layout):
    return [
        (
            t.number,
            t.title,
            [(a.number, a.text, [(x.letter, x.text) for x in a.actions]) for a in t.aims],
        )
        for t in layout.themes
    ]


def test_titles_themes_repeated_headings_merged_and_blank_aims():
    layout = parse_layout(
        [
            sheet(
                ["Action plan 2017/18"],
                ["1. Help people feel safe"],  # the introduction's list: not a theme
                ["1. Antisocial behaviour"],
                [*HEAD, "Status"],
                [
                    "1.1 Prevent ASB.",
                    "a) Identify young people.",
                    "Police (Sergeant)",
                    "HFRS",
                    "",
                    "",
                    "",
                    "On track",
                ],
                [
                    "1.1 Prevent ASB.",
                    "b) Consult young people.",
                    "SBC",
                    "",
                    "",
                    "",
                    "",
                ],  # merged copy
                ["Page 23"],
                ["", "c) Run events.", "SBC", "", "", "", ""],
                ["1.2 Reduce begging.", "a) Identify beggars.", "SBC", "", "", "", ""],
                ["Theme 2: Hate crime"],
                HEAD,
                ["Develop pathways.", "Increase reporting centres.", "SBC", "", "", "", ""],
                merged={6: {0}},
            ),
            sheet(["Abbreviation", "Meaning"], ["ASB", "Anti-social behaviour"], title="Glossary"),
        ]
    )
    assert layout.problems == []
    first = [("a", "Identify young people."), ("b", "Consult young people."), ("c", "Run events.")]
    assert tree(layout) == [
        (
            1,
            "Antisocial behaviour",
            [(1, "Prevent ASB.", first), (2, "Reduce begging.", [("a", "Identify beggars.")])],
        ),
        (2, "Hate crime", [(1, "Develop pathways.", [("", "Increase reporting centres.")])]),
    ]
    assert layout.other_sheets == ["Glossary"]
    assert [place.row for place, _ in layout.ignored] == [1, 2]


def test_a_row_with_no_action_or_lead_continues_the_cells_above():
    layout = parse_layout(
        [
            sheet(
                ["1. Scams"],
                HEAD,
                [
                    "1.3 Educate residents to protect themselves from fraud and",
                    "a) Give advice.",
                    "SBC",
                    "",
                    "Existing staff and",
                    "2 events held.\nPositive",
                    "Done",
                ],
                ["scams.", "", "", "Police", "volunteers.", "feedback.", "more"],
                ["Partnership principles"],
                ["1. Partners share information."],
            )
        ]
    )
    assert layout.problems == []
    aim = layout.themes[0].aims[0]
    action = aim.actions[0]
    assert (aim.number, aim.text) == (
        3,
        "Educate residents to protect themselves from fraud and scams.",
    )
    assert action.resources == "Existing staff and volunteers."
    assert action.outcomes == "2 events held.\nPositive feedback."
    assert action.partners == "Police"
    assert [text for _, text in layout.ignored] == [
        "Partnership principles",
        "1. Partners share information.",
    ]


def test_an_action_merged_down_over_its_leads_rows_keeps_every_lead():
    layout = parse_layout(
        [
            sheet(
                ["1. Safeguarding"],
                HEAD,
                [
                    "1.1 Improve awareness.",
                    "a) Train staff.",
                    "SBC (Safeguarding Lead)",
                    "",
                    "",
                    "",
                    "",
                ],
                ["", "", "Police (Inspector)", "", "", "", ""],
                merged={4: {0, 1}},
            )
        ]
    )
    assert layout.problems == []
    assert layout.themes[0].aims[0].actions[0].lead == "SBC (Safeguarding Lead)\nPolice (Inspector)"


def test_problems_name_the_sheet_and_row():
    layout = parse_layout(
        [
            sheet(
                ["1. Crime"],
                HEAD,
                ["", "a) No aim above.", "SBC", "", "", "", ""],
                ["2.1 Wrong theme.", "a) Act.", "SBC", "", "", "", ""],
                ["", "a) Again.", "", "", "", "", ""],
                ["1.1 Twice.", "b) Act.", "SBC", "", "", "", ""],
                ["---", "---", "---", "--"],
                ["b) Shifted left.", "SBC (Manager)", "Police", "", "", "", ""],
            )
        ]
    )
    problems = [(p.sheet, p.number, p.reason) for p in layout.problems]
    assert (
        "Plan",
        3,
        "This action has no aim: fill in the aim cell of its first action.",
    ) in problems
    assert any(n == 4 and "Aim 2.1 is under theme 1" in r for _, n, r in problems)
    assert any(n == 5 and "Action a) is used twice in aim 1.1" in r for _, n, r in problems)
    assert any(n == 5 and r.startswith("No lead") for _, n, r in problems)
    assert any(
        n == 6 and "Aim 1.1 is already used by Sheet 'Plan', row 4" in r for _, n, r in problems
    )


def test_a_workbook_without_the_column_headings_says_so():
    layout = parse_layout([sheet(["Name", "Address"], ["A", "B"])])
    assert layout.problems[0].number == 0
    assert "No sheet has the plan's column headings" in layout.problems[0].reason


VOCABULARY = Vocabulary(
    organisations={
        key: key.upper()
        for key in ["sbc", "police", "hfrs", "youth connexions", "child uk", "ymca", "ccsu"]
    }
    | {"hertfordshire fire and rescue service": "HFRS"},
    others={
        "jag": "JAG",
        "play centres": "Play Centres",
        "neighbourhood wardens": "Neighbourhood Wardens",
    },
)


def test_leads_one_per_line_or_run_together():
    assert split_leads("SBC (Community Safety) Police (Simon Tabert)", VOCABULARY) == [
        ("SBC", "Community Safety"),
        ("Police", "Simon Tabert"),
    ]
    assert split_leads("Police (Sergeant, Youth)\nSBC", VOCABULARY) == [
        ("Police", "Sergeant, Youth"),
        ("SBC", ""),
    ]
    assert split_leads("SBC Licensing (Jeff Mason)", VOCABULARY) == [
        ("SBC Licensing", "Jeff Mason")
    ]
    assert split_leads("SBC Police (Inspector)", VOCABULARY) == [
        ("SBC", ""),
        ("Police", "Inspector"),
    ]


def test_partners_space_separated_by_name_or_acronym():
    assert split_partners(
        "HFRS Youth Connexions Child UK One YMCA Play Centres JAG", VOCABULARY
    ) == ["HFRS", "Youth Connexions", "Child UK", "One", "YMCA", "Play Centres", "JAG"]
    assert split_partners(
        "Hertfordshire Fire and Rescue Service\nSBC Neighbourhood Wardens, Targeted Youth Support",
        VOCABULARY,
    ) == [
        "Hertfordshire Fire and Rescue Service",
        "SBC",
        "Neighbourhood Wardens",
        "Targeted Youth Support",
    ]


@pytest.mark.parametrize(
    ("text", "target", "unit"),
    [
        ("2 sessions delivered.", 2, "sessions"),
        ("At least 2 partnership events.", 2, "partnership events"),
        ("Deliver at least 4 WRAP sessions to CSP partners.", 4, "WRAP sessions"),
        ("10 training sessions", 10, "training sessions"),
        ("1,000 new members.", 1000, "new members"),
        ("At least 50 in attendance.", None, ""),
        ("Data shared every 6 months.", None, ""),
        ("2017/18 Prevent action plan developed.", None, ""),
        ("96% of clients housed.", None, ""),
        ("One event each quarter.", None, ""),
        ("2 training sessions delivered. 2 refresher sessions.", None, ""),
    ],
)
def test_numeric_targets(text, target, unit):
    assert recognise_target(text) == (None if target is None else Decimal(target), unit)


def test_outcomes_one_per_line_or_bullet():
    outcomes = split_outcomes("\u2022 2 sessions delivered.\n- Positive feedback received.\n\n")
    assert [(o.text, o.target, o.unit) for o in outcomes] == [
        ("2 sessions delivered.", Decimal(2), "sessions"),
        ("Positive feedback received.", None, ""),
    ]


def test_a_lead_merged_down_over_two_actions_leads_both():
    layout = parse_layout(
        [
            sheet(
                ["1. Safeguarding"],
                HEAD,
                ["1.1 Improve awareness.", "a) Train staff.", "SBC (Lead)", "", "", "", ""],
                ["1.1 Improve awareness.", "b) Run events.", "SBC (Lead)", "", "", "", ""],
                ["1.1 Improve awareness.", "", "SBC (Lead)", "", "", "", ""],  # merged copies only
                merged={4: {0, 2}, 5: {0, 2}},
            )
        ]
    )
    assert layout.problems == []
    assert [(a.letter, a.lead) for a in layout.themes[0].aims[0].actions] == [
        ("a", "SBC (Lead)"),
        ("b", "SBC (Lead)"),
    ]

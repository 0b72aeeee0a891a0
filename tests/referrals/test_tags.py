"""Counts and changes come from tags (referrals.templatetags): the same markup the included
templates wrote, localised and escaped the same way."""

import pytest
from django.template import Context, Template

from referrals.figures import change

# The markup the included templates (referrals/includes/count.html and change.html) wrote.
COUNT_AS_MARKUP = Template(
    '{% if value is None or value == "" %}<span aria-hidden="true">–</span>'
    '<span class="visually-hidden">no figure</span>{% else %}{{ value }}{% endif %}'
    '{% if illustrative %} <span class="badge rounded-pill text-bg-light border '
    'border-secondary fw-normal">illustrative figure</span>{% endif %}\n'
)
CHANGE_AS_MARKUP = Template(
    '{% if change.kind == "none" %}<span aria-hidden="true">–</span>'
    '<span class="visually-hidden">no comparison</span>{% else %}'
    '<span class="text-nowrap">{{ change }}</span>{% endif %}\n'
)
COUNT_TAG = Template("{% load referrals %}{% count value illustrative %}")
COUNT_TAG_UNLOCALISED = Template(
    "{% load l10n referrals %}{% localize off %}{% count value illustrative %}{% endlocalize %}"
)
CHANGE_TAG = Template("{% load referrals %}{% change_cell change %}")

CHANGES = [
    change(previous, current)
    for previous, current in ((None, 4), (4, None), (4, 4), (0, 3), (8, 12), (12, 8))
]


@pytest.mark.parametrize("value", [None, "", 0, 7, 12345, "<b>"])
@pytest.mark.parametrize("illustrative", [False, True])
def test_count_writes_what_the_template_wrote(value, illustrative):
    context = {"value": value, "illustrative": illustrative}
    assert COUNT_TAG.render(Context(context)) == COUNT_AS_MARKUP.render(Context(context))
    assert COUNT_TAG_UNLOCALISED.render(Context(context)) == COUNT_AS_MARKUP.render(
        Context(context, use_l10n=False)
    )


@pytest.mark.parametrize("change", CHANGES, ids=str)
def test_change_cell_writes_what_the_template_wrote(change):
    context = {"change": change}
    assert CHANGE_TAG.render(Context(context)) == CHANGE_AS_MARKUP.render(Context(context))

from decimal import Decimal

from funding.charts import _ticks, funder_chart
from funding.selectors import Outcomes


def test_the_chart_is_one_labelled_image_with_no_script():
    svg = funder_chart(
        [
            Outcomes("Police and Crime Commissioner", secured=Decimal("13706.25"), secured_count=3),
            Outcomes("<script>alert(1)</script> & Co", pending=Decimal("500.00"), pending_count=1),
        ],
        title="Funding 2017/18",
        describedby="caption-id",
    )
    assert svg.startswith('<svg role="img" aria-labelledby="caption-id"')
    assert "<script" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in svg
    assert "£13,706.25" in svg and "£500.00" in svg


def test_axis_marks_are_round_numbers_covering_the_largest_bar():
    assert _ticks(Decimal("13706.25")) == [0, 5000, 10000, 15000]
    assert _ticks(Decimal("1423000")) == [0, 500000, 1000000, 1500000]
    assert _ticks(Decimal("0")) == [0, 1]

"""The Django admin lists indicators, values, areas and populations for the site operator."""

from django.urls import reverse

from indicators.models import Area
from tests.indicators.factories import IndicatorFactory, PopulationFactory, month_value


def test_admin_changelists(world, client, django_user_model):
    operator = django_user_model.objects.create_superuser("operator", "op@example.org", "x")
    client.force_login(operator)
    admin_client = client
    indicator = IndicatorFactory(partnership=world.partnership, name="Robbery")
    month_value(indicator, "2025-01", 4)
    Area.objects.create(partnership=world.partnership, lsoa_name_prefix="Stevenage")
    PopulationFactory(partnership=world.partnership)
    for model in ("indicator", "indicatorvalue", "area", "populationestimate"):
        response = admin_client.get(reverse(f"admin:indicators_{model}_changelist"))
        assert response.status_code == 200, model
    page = admin_client.get(reverse("admin:indicators_indicator_changelist")).content.decode()
    assert "Robbery" in page

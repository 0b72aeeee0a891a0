from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    """Performance indicators (crime, ASB and the partnership's own measures) and their values."""

    name = "indicators"
    verbose_name = "Performance indicators"

    def ready(self) -> None:
        from indicators import portal

        portal.register()

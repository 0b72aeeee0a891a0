from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The top layer: pages that read several apps (home, dashboard, papers); imported by none."""

    name = "reports"
    verbose_name = "Dashboards and reports"

    def ready(self) -> None:
        from reports import portal

        portal.register()

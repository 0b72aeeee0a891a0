from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = "Funding bids"

    def ready(self) -> None:
        from funding import portal

        portal.register()

from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = "Services and referrals"

    def ready(self) -> None:
        from referrals import portal

        portal.register()

from django.apps import AppConfig


class SosafeConfig(AppConfig):
    name = "sosafe"
    verbose_name = "Partnership"

    def ready(self) -> None:
        from sosafe import converters

        converters.register()

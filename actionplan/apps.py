from django.apps import AppConfig


class ActionplanConfig(AppConfig):
    name = "actionplan"
    verbose_name = "Strategies and action plans"

    def ready(self) -> None:
        from actionplan import portal

        portal.register()

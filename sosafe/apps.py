from django.apps import AppConfig


class SosafeConfig(AppConfig):
    name = "sosafe"
    verbose_name = "Partnership"

    def ready(self) -> None:
        from sosafe import converters, members, registry

        converters.register()
        registry.register_nav(
            "sosafe:members",
            "Members",
            "sosafe:member-list",
            allowed=members.can_administer,
            order=90,
        )

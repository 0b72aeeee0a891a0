from django.apps import AppConfig


class SosafeConfig(AppConfig):
    name = "sosafe"
    verbose_name = "Partnership"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from sosafe import converters, members, registry
        from sosafe.middleware import mark_activity

        converters.register()
        user_logged_in.connect(mark_activity, dispatch_uid="sosafe-idle-clock")
        registry.register_nav(
            "sosafe:members",
            "Members",
            "sosafe:member-list",
            allowed=members.can_administer,
            order=90,
        )

from django.apps import AppConfig


class SosafeConfig(AppConfig):
    name = "sosafe"
    verbose_name = "Partnership"

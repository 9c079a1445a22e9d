from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data set (`seed_demo`, `demo_accounts`): composes every app, so it sits above them all."""

    name = "demo"

from django.apps import AppConfig


class HealingConfig(AppConfig):
    name = "healing"
    verbose_name = "Healing Hearts"

    def ready(self) -> None:
        from healing import checks  # noqa: F401  (registers the system checks)

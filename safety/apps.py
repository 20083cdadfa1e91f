from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "safety"
    verbose_name = "Safety plan"

    def ready(self) -> None:
        from safety import export

        export.register()

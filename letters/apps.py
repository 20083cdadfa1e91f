from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = "Letters to my future self"

    def ready(self) -> None:
        from letters import export

        export.register()

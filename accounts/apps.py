from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self) -> None:
        from accounts import authenticators, portability  # noqa: F401 (connects its receivers)
        from accounts.models import User

        portability.register(
            portability.Part(
                name="account",
                models={"accounts.User": "pk"},
                export=User.export_profile,
                restore=User.restore_profile,
            )
        )

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from accounts import authenticators, portability  # noqa: F401 (connects its receivers)
        from accounts.middleware import note_sign_in
        from accounts.models import User

        user_logged_in.connect(note_sign_in, dispatch_uid="accounts.note_sign_in")

        portability.register(
            portability.Part(
                name="account",
                models={"accounts.User": "pk"},
                export=User.export_profile,
                restore=User.restore_profile,
            )
        )

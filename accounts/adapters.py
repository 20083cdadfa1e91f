"""allauth policy for Healing Hearts."""

from __future__ import annotations

from allauth.mfa.adapter import DefaultMFAAdapter

from accounts import crypto


class MFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery-code seeds, encrypted at rest with the master keys.

    allauth passes no user here, so these use the master keys rather than a
    person's data key. Decryption failure raises: a secret is never guessed.
    """

    def encrypt(self, text: str) -> str:
        return crypto.encrypt_with_master(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt_with_master(encrypted_text)

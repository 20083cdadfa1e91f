from __future__ import annotations

import zoneinfo

from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from tests.accounts.factories import PASSWORD
from tests.accounts.helpers import link_in_last_email, reauthenticate

NEW_PASSWORD = "another calm passphrase"


def test_a_forgotten_password_can_be_reset_from_the_emailed_link(client, user):
    client.post("/accounts/password/reset/", {"email": user.email})
    link = link_in_last_email(r"/accounts/password/reset/key/[^\s]+/")

    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_changing_the_password_sends_a_security_notice(auth_client, user):
    auth_client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert mail.outbox[-1].to == [user.email]
    assert "password" in mail.outbox[-1].subject.lower()


def test_a_notice_gives_its_time_on_the_person_s_own_clock(auth_client, user):
    user.time_zone = "Asia/Tokyo"  # UTC+9 all year
    user.save()
    before = timezone.now().astimezone(zoneinfo.ZoneInfo("Asia/Tokyo"))

    auth_client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    body = mail.outbox[-1].body
    assert f"When: {before:%-d %B %Y, %H}:" in body
    assert "(Asia/Tokyo time)" in body


def test_changing_the_email_address_needs_the_new_address_confirmed(auth_client, user):
    reauthenticate(auth_client)

    auth_client.post("/accounts/email/", {"action_add": "", "email": "moved@example.com"})
    assert not EmailAddress.objects.get(email="moved@example.com").verified
    link = link_in_last_email(r"/accounts/confirm-email/[^/\s]+/")
    auth_client.post(link)

    user.refresh_from_db()
    assert user.email == "moved@example.com"
    assert EmailAddress.objects.get(email="moved@example.com").verified

from __future__ import annotations

import io
import json
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts import portability
from tests.accounts.factories import PASSWORD, UserFactory
from tests.accounts.helpers import reauthenticate


def download(client) -> bytes:
    response = client.post("/settings/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="export-')
    return response.content


def upload(client, content: bytes, name="export.zip"):
    return client.post("/settings/import/", {"file": SimpleUploadedFile(name, content)})


def test_export_asks_for_the_password_again(auth_client):
    response = auth_client.get("/settings/export/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")


def test_export_is_a_zip_with_complete_json_and_readable_markdown(auth_client, user):
    user.display_name = "Sam"
    user.save()
    reauthenticate(auth_client)

    archive = zipfile.ZipFile(io.BytesIO(download(auth_client)))
    data = json.loads(archive.read("data.json"))

    assert data["format"] == "healing-hearts-export"
    assert data["account"]["display_name"] == "Sam"
    assert data["account"]["email_addresses"] == [
        {"email": user.email, "verified": True, "primary": True}
    ]
    assert set(portability.PARTS) <= set(data)


def test_export_is_rate_limited(auth_client):
    reauthenticate(auth_client)
    for _ in range(5):
        download(auth_client)

    response = auth_client.post("/settings/export/")

    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()


def test_import_restores_into_an_account_without_duplicating(auth_client, user, other_user):
    other_user.display_name = "Sam"
    other_user.time_zone = "Europe/Dublin"
    other_user.save()
    exported = portability.export_zip(other_user)

    first = upload(auth_client, exported)
    second = upload(auth_client, exported)

    assert first.status_code == second.status_code == 302
    user.refresh_from_db()
    assert (user.display_name, user.time_zone) == ("Sam", "Europe/Dublin")
    html = auth_client.get("/settings/import/").content.decode()
    assert "Everything in this file was already here" in html


def test_import_also_takes_the_bare_json(auth_client, user, other_user):
    other_user.display_name = "Sam"
    other_user.save()
    raw = json.dumps(portability.export_data(other_user)).encode()

    assert upload(auth_client, raw, "data.json").status_code == 302
    user.refresh_from_db()
    assert user.display_name == "Sam"


def test_a_file_that_is_not_an_export_is_explained(auth_client):
    cases = [
        (b"\x89PNG not json", "it is not JSON"),
        (b'{"hello": "world"}', "not a Healing Hearts export"),
        (b'{"format": "healing-hearts-export", "version": 99}', "version 99"),
        (b"PK\x03\x04 broken zip", "no data.json"),
    ]
    for content, message in cases:
        response = upload(auth_client, content)
        assert response.status_code == 400
        assert message in response.content.decode()


def test_a_damaged_part_is_explained_and_nothing_is_restored(auth_client, user):
    data = {"format": "healing-hearts-export", "version": 1, "account": "not an object"}

    response = upload(auth_client, json.dumps(data).encode())

    assert response.status_code == 400
    assert "The “account” part of this export is damaged" in response.content.decode()
    user.refresh_from_db()
    assert (user.display_name, user.time_zone) == ("", "UTC")


def test_an_empty_upload_is_explained(auth_client):
    response = auth_client.post("/settings/import/", {})

    assert response.status_code == 400
    assert "Choose the file you exported" in response.content.decode()


def test_anonymous_visitors_cannot_export_or_import(client, db):
    for path in ["/settings/export/", "/settings/import/"]:
        assert client.post(path)["Location"].startswith("/accounts/login/")


def test_export_then_delete_then_sign_up_again_then_import_brings_everything_back(client, user):
    user.display_name = "Sam"
    user.time_zone = "Asia/Kolkata"
    user.save()
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    reauthenticate(client)
    exported = download(client)
    before = json.loads(zipfile.ZipFile(io.BytesIO(exported)).read("data.json"))
    client.post("/settings/delete/", {"confirmation": "delete my account"})

    again = UserFactory(email=user.email)
    client.force_login(again)
    assert upload(client, exported).status_code == 302

    again.refresh_from_db()
    after = portability.export_data(again)
    assert after["account"]["display_name"] == "Sam"
    assert after["account"]["time_zone"] == "Asia/Kolkata"
    for name in set(portability.PARTS) - {"account"}:
        assert after[name] == before[name], name


def test_files_that_would_break_a_parser_are_explained_not_crashed_on(auth_client):
    cases = [
        b"[" * 100_000,  # nested too deep
        b'{"format": "healing-hearts-export", "version": ' + b"9" * 5000 + b"}",  # huge number
    ]
    for content in cases:
        response = upload(auth_client, content, "data.json")
        assert response.status_code == 400
        assert "not JSON" in response.content.decode()


def test_a_zip_whose_data_is_too_large_is_refused_before_it_is_unpacked(auth_client, settings):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", b" " * (portability.MAX_EXPORT_BYTES + 1))

    response = upload(auth_client, buffer.getvalue())

    assert response.status_code == 400
    assert "too large" in response.content.decode()


def test_text_that_cannot_be_stored_is_explained(auth_client, user):
    data = {"format": "healing-hearts-export", "version": 1, "account": {"display_name": "a\x00b"}}

    response = upload(auth_client, json.dumps(data).encode())

    assert response.status_code == 400
    assert "cannot be stored" in response.content.decode()
    user.refresh_from_db()
    assert user.display_name == ""


def test_a_malformed_part_is_refused_even_when_nothing_would_change(auth_client, user):
    user.display_name = "Sam"
    user.save()
    data = {"format": "healing-hearts-export", "version": 1, "account": [1]}

    response = upload(auth_client, json.dumps(data).encode())

    assert response.status_code == 400
    assert "damaged" in response.content.decode()


def test_export_import_and_delete_answer_405_to_other_methods(auth_client):
    reauthenticate(auth_client)
    for path in ["/settings/export/", "/settings/import/", "/settings/delete/"]:
        assert auth_client.put(path).status_code == 405

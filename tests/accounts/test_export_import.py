from __future__ import annotations

import io
import json
import tracemalloc
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


# ---------------------------------------------------------------------------
# Zips that cannot exhaust a worker or crash the page
# ---------------------------------------------------------------------------


def export_bytes(data: bytes | None = None) -> bytes:
    data = data or json.dumps({"format": "healing-hearts-export", "version": 1}).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", data)
    return buffer.getvalue()


def claiming_size(zipped: bytes, size: int) -> bytes:
    """The same zip, its headers lying that data.json holds `size` bytes."""
    patched = bytearray(zipped)
    local = patched.index(b"PK\x03\x04")
    central = patched.index(b"PK\x01\x02")
    patched[local + 22 : local + 26] = size.to_bytes(4, "little")
    patched[central + 24 : central + 28] = size.to_bytes(4, "little")
    return bytes(patched)


def test_a_zip_whose_headers_lie_about_its_size_is_read_only_up_to_the_limit(auth_client):
    unpacked = 200 * 1024 * 1024  # 200 MB of spaces, about 200 KB zipped
    lying = claiming_size(export_bytes(b" " * unpacked), 1000)

    tracemalloc.start()
    response = upload(auth_client, lying)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    assert response.status_code == 400
    assert "damaged" in response.content.decode()
    assert peak < 20 * 1024 * 1024


def test_a_zip_larger_than_its_headers_say_stops_at_the_limit(auth_client, settings):
    oversized = b" " * (portability.MAX_EXPORT_BYTES + 2 * portability.READ_CHUNK)
    lying = claiming_size(export_bytes(oversized), portability.MAX_EXPORT_BYTES)

    response = upload(auth_client, lying)

    assert response.status_code == 400
    assert "damaged" in response.content.decode() or "too large" in response.content.decode()


def test_a_password_protected_zip_says_to_unzip_it_first(auth_client):
    zipped = bytearray(export_bytes())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = zipped.index(signature) + flags_at
        zipped[at] |= 0x1  # what a password-protected zip sets

    response = upload(auth_client, bytes(zipped))

    assert response.status_code == 400
    assert "protected with a password" in response.content.decode()
    assert "choose the data.json from inside it" in response.content.decode()


def test_a_zip_in_a_compression_we_cannot_read_is_explained(auth_client):
    zipped = bytearray(export_bytes())
    for signature, method_at in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = zipped.index(signature) + method_at
        zipped[at : at + 2] = (99).to_bytes(2, "little")  # AES, as 7-Zip and WinZip write

    response = upload(auth_client, bytes(zipped))

    assert response.status_code == 400
    assert "made in a way we cannot read" in response.content.decode()


def test_a_corrupt_deflate_stream_is_explained(auth_client):
    zipped = bytearray(export_bytes(b'{"format": "healing-hearts-export"' + b" " * 5000 + b"}"))
    data_at = zipped.index(b"PK\x03\x04") + 30 + len("data.json")
    zipped[data_at : data_at + 4] = b"\xff\xff\xff\xff"

    response = upload(auth_client, bytes(zipped))

    assert response.status_code == 400
    assert "damaged" in response.content.decode()


def test_imports_are_rate_limited(auth_client):
    for _ in range(10):
        assert upload(auth_client, export_bytes()).status_code == 302

    response = upload(auth_client, export_bytes())

    assert response.status_code == 429

from __future__ import annotations

from accounts.models import User


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get("/settings/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/settings/"


def test_it_shows_the_settings_and_the_account_pages(auth_client):
    html = auth_client.get("/settings/").content.decode()

    for link in [
        "/accounts/password/change/",
        "/accounts/email/",
        "/accounts/2fa/",
        "/accounts/sessions/",
    ]:
        assert f'href="{link}"' in html
    for link in ["/settings/export/", "/settings/import/", "/settings/delete/"]:
        assert f'href="{link}"' in html


def test_it_saves_display_name_and_time_zone(auth_client, user):
    response = auth_client.post(
        "/settings/", {"display_name": "Sam", "time_zone": "America/Argentina/Buenos_Aires"}
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.display_name, user.time_zone) == ("Sam", "America/Argentina/Buenos_Aires")
    assert "Your settings are saved." in auth_client.get("/settings/").content.decode()


def test_an_unknown_time_zone_is_explained_and_nothing_is_lost(auth_client, user):
    response = auth_client.post("/settings/", {"display_name": "Sam", "time_zone": "Mars/Olympus"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose your time zone from the list." in html
    assert 'value="Sam"' in html
    assert User.objects.get(pk=user.pk).display_name == ""


def test_a_too_long_display_name_is_explained(auth_client):
    response = auth_client.post("/settings/", {"display_name": "x" * 81, "time_zone": "UTC"})

    assert response.status_code == 400
    assert "at most 80 characters" in response.content.decode()


def test_it_answers_405_to_other_methods(auth_client):
    assert auth_client.put("/settings/").status_code == 405


def test_the_time_zone_list_marks_the_persons_own_and_names_each_place_once(auth_client, user):
    user.time_zone = "America/Argentina/Buenos_Aires"
    user.save()
    html = auth_client.get("/settings/").content.decode()

    select = html[html.index('<select name="time_zone"') : html.index("</select>")]
    assert 'id="id_time_zone"' in select
    assert '<option value="America/Argentina/Buenos_Aires" selected>' in select
    assert select.count(" selected") == 1
    assert '<option value="Europe/Paris">Europe/Paris</option>' in select
    assert select.count('<option value="UTC"') == 1

from __future__ import annotations

from django.http import HttpResponse
from django.urls import include, path

from tests.access import (
    CROSS_PERSON_CASES,
    NOT_PRIVATE,
    load_all_tests,
    parameterised_patterns,
    unguarded_patterns,
)


def test_every_url_that_takes_an_object_id_has_a_cross_person_case():
    load_all_tests()

    assert unguarded_patterns() == []


def test_registered_cases_name_real_urls():
    load_all_tests()

    names = {name for _, name in parameterised_patterns()}

    assert (CROSS_PERSON_CASES | set(NOT_PRIVATE)) - names == set()


def view(request, **kwargs):
    return HttpResponse()


def test_the_harness_catches_an_unguarded_url():
    urlconf = (
        path("", view, name="home"),
        path("notes/<uuid:code>/", view, name="note"),
        path("things/", include(([path("<int:pk>/", view)], "things"))),
        path("admin/users/<int:pk>/", view, name="admin-user"),
    )

    assert unguarded_patterns(urlconf) == [
        "notes/<uuid:code>/ (note)",
        "things/<int:pk>/ (unnamed: name it and register a cross-person case)",
    ]

from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from accounts import portability
from accounts.forms import DeleteAccountForm, ImportForm, SettingsForm
from healing.headers import clear_site_data


def _posted(request: HttpRequest) -> QueryDict | None:
    """A POST's data, even when empty, so the form is bound and says what is missing."""
    return request.POST if request.method == "POST" else None


@login_required
@require_http_methods(["GET", "POST"])
def edit_settings(request: HttpRequest) -> HttpResponse:
    form = SettingsForm(_posted(request), instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your settings are saved.")
        return redirect("accounts:settings")
    status = 400 if form.errors else 200
    return render(request, "accounts/settings.html", {"form": form}, status=status)


@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def download_export(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "accounts/export.html")
    if not ratelimit.consume(request, action="export", user=request.user):
        return render(request, "429.html", status=429)
    # A shared Downloads folder need not name us.
    filename = f"export-{request.user.today():%Y-%m-%d}.zip"
    response = HttpResponse(portability.export_zip(request.user), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def restore_export(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and not ratelimit.consume(
        request, action="import", user=request.user
    ):
        return render(request, "429.html", status=429)
    form = ImportForm(_posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = portability.read_export(form.cleaned_data["file"])
            report = portability.import_data(request.user, data)
        except portability.UnreadableExport as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, portability.describe(report))
            return redirect("accounts:import")
    status = 400 if form.errors else 200
    return render(request, "accounts/import.html", {"form": form}, status=status)


@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        request.user.delete_account()
        logout(request)
        messages.info(request, "Your account and everything in it have been deleted. Take care.")
        return clear_site_data(redirect("home"))
    status = 400 if form.errors else 200
    return render(request, "accounts/delete.html", {"form": form}, status=status)


def _is_prefetch(request: HttpRequest) -> bool:
    """A browser fetching ahead of a click (Chrome's `Sec-Purpose: prefetch` and
    `prefetch;prerender`, the older `Purpose: prefetch`): nobody has asked to leave."""
    purpose = request.headers.get("Sec-Purpose") or request.headers.get("Purpose") or ""
    return "prefetch" in purpose.lower()


@never_cache
@require_safe
def quick_exit(request: HttpRequest) -> HttpResponse:
    """Leave for a neutral site, signed out unless the person chose otherwise.

    A GET without a CSRF token, by design (one of two named exceptions to "a GET
    changes nothing"): the button must work as a plain link, and a link from
    another site can at worst sign someone out.
    """
    if _is_prefetch(request):
        return HttpResponse(status=204)
    if request.user.is_authenticated and not request.user.stay_signed_in_on_quick_exit:
        logout(request)
    # Back must find nothing kept: no cached page, no stored data. Cookies stay,
    # so a person who chose to stay signed in does.
    return clear_site_data(HttpResponseRedirect(settings.QUICK_EXIT_URL))

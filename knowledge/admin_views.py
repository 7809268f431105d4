"""Admin screens where moderators review registrations and approve or decline them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import members
from .forms import ApproveRegistrationForm, ReasonForm
from .models import CityIndexPage, Registration

PERMISSION = "knowledge.change_registration"


def _require(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def index(request):
    _require(request)
    status = request.GET.get("status", Registration.Status.PENDING)
    registrations = Registration.objects.select_related("city")
    if status in Registration.Status.values:
        registrations = registrations.filter(status=status)
    counts = {
        value: Registration.objects.filter(status=value).count()
        for value in Registration.Status.values
    }
    return TemplateResponse(
        request,
        "knowledge/admin/registrations.html",
        {
            "registrations": registrations,
            "status": status,
            "statuses": [(v, label, counts[v]) for v, label in Registration.Status.choices],
            "header_title": gettext_lazy("Registrations"),
        },
    )


def inspect(request, pk):
    _require(request)
    registration = get_object_or_404(Registration.objects.select_related("city", "user"), pk=pk)
    approve_form = ApproveRegistrationForm(registration=registration, prefix="approve")
    decline_form = ReasonForm(prefix="decline")
    if request.method == "POST" and registration.status == Registration.Status.PENDING:
        if "approve" in request.POST:
            approve_form = ApproveRegistrationForm(
                request.POST, registration=registration, prefix="approve"
            )
            if approve_form.is_valid():
                with transaction.atomic():
                    city = approve_form.cleaned_data["city"]
                    if city is None:
                        index_page = CityIndexPage.objects.get(
                            locale__language_code=registration.language
                        )
                        city = members.create_requested_city(
                            registration, index_page, approve_form.cleaned_data["region"]
                        )
                    members.approve(registration, request.user, city)
                messages.success(request, _("The registration was approved."))
                return redirect("knowledge_registrations:index")
        elif "decline" in request.POST:
            decline_form = ReasonForm(request.POST, prefix="decline")
            if decline_form.is_valid():
                members.decline(registration, request.user, decline_form.cleaned_data["reason"])
                messages.success(request, _("The registration was declined."))
                return redirect("knowledge_registrations:index")
    return TemplateResponse(
        request,
        "knowledge/admin/registration.html",
        {
            "registration": registration,
            "approve_form": approve_form,
            "decline_form": decline_form,
            "header_title": registration.name,
        },
    )


urlpatterns = [
    path("", index, name="index"),
    path("<int:pk>/", inspect, name="inspect"),
]

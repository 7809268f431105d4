"""What visitors see of certification: the stages, the register of current certificates, the
tools library, and the verification of a certificate by its number. Nothing of applications."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wagtail.models import Locale

from knowledge.base import cache_tags
from library.models import ItemKind, LibraryIndexPage, LibraryItemPage

from . import permissions
from .certificate_pdf import certificate_pdf
from .forms import RevokeForm
from .models import AgendaItem, Assessment, Certificate, CertificationStage
from .register import CERTIFICATE_NUMBER, register_rows

MAX_TOOLS = 50

NUMBER_MAX_LENGTH = 30


def index(request):
    # The tools and resources are library items: a publication of one purges the page.
    cache_tags.add("certificates", "certification", cache_tags.list_tag(LibraryItemPage))
    locale = Locale.get_active()
    stages = CertificationStage.objects.filter(locale=locale).prefetch_related("criteria")
    if not stages:
        stages = CertificationStage.objects.filter(locale=Locale.get_default())
    current = Certificate.objects.current().select_related("body")
    return render(
        request,
        "certification/index.html",
        {
            "stages": stages.order_by("order"),
            "certificates": register_rows(current.order_by("stage_code", "-issued_on"), locale),
            "tools": LibraryItemPage.objects.live()
            .public()
            .filter(locale=locale)
            .exclude(kind=ItemKind.PUBLICATION)
            .order_by("title")[:MAX_TOOLS],
            "library_index": LibraryIndexPage.objects.live().public().filter(locale=locale).first(),
        },
    )


def decision_summary(certificate):
    """The committee's rationale for the certificate and the stage report's summary (criteria
    met, partly met, not met), for the public register entry."""
    from django.db.models import Count

    decision = (
        AgendaItem.objects.filter(application_id=certificate.application_id, outcome="certify")
        .order_by("-decided_at")
        .values_list("rationale", flat=True)
        .first()
    )
    counts = dict(
        Assessment.objects.filter(application_id=certificate.application_id)
        .values_list("result")
        .annotate(n=Count("pk"))
        .values_list("result", "n")
    )
    summary = [(label, counts.get(value, 0)) for value, label in Assessment.Result.choices]
    return {"rationale": decision or "", "summary": summary, "total": sum(counts.values())}


def verification_context(request, certificate, **extra):
    locale = Locale.get_active()
    register_rows([certificate], locale)
    context = {
        "decision": decision_summary(certificate),
        "certificate": certificate,
        "state": certificate.state(),
        "can_revoke": permissions.is_secretariat(request.user) and certificate.revoked_at is None,
    }
    if context["can_revoke"]:
        context["revoke_form"] = RevokeForm()
    context.update(extra)
    return context


def verify(request, number=None):
    """The verification form, and a certificate's state by its number (in the address, or from
    the form, which is redirected to the address). Anything that is not a certificate's number
    is answered with the form and a message (404), before it reaches the database."""
    cache_tags.add("certificates", "certification")
    from_form = number is None
    number = (request.GET.get("number", "") if from_form else number).strip().upper()
    shown = "".join(character for character in number if character.isprintable())
    context = {"number": shown[:NUMBER_MAX_LENGTH], "certificate": None}
    if not number:
        return render(request, "certification/verify.html", context)
    if not CERTIFICATE_NUMBER.fullmatch(number):
        context["not_found"] = _(
            "This is not a certificate number. Numbers look like SDGC-2026-000001."
        )
        return render(request, "certification/verify.html", context, status=404)
    if from_form:
        return redirect("certification:verify", number)
    certificate = Certificate.objects.select_related("body").filter(number=number).first()
    if certificate is None:
        context["not_found"] = _("No certificate has this number.")
        return render(request, "certification/verify.html", context, status=404)
    return render(request, "certification/verify.html", verification_context(request, certificate))


def certificate_download(request, number):
    """The certificate as PDF, in the city's language, for anyone who has its number."""
    number = number.strip().upper()
    certificate = None
    if CERTIFICATE_NUMBER.fullmatch(number):
        certificate = (
            Certificate.objects.select_related("body", "application").filter(number=number).first()
        )
    if certificate is None:
        return verify(request, number)  # the form, with its message, 404
    cache_tags.add("certificates", "certification")
    pdf = certificate_pdf(certificate, request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{certificate.number}.pdf"'
    return response

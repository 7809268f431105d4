"""Awards in the demo: the SDG City Award with its 2026 cycle decided and published (a winner
and two finalists among the demo initiatives, nominated by their cities' members and scored by
a jury of two, one of whom declared a link to Rosario), translated through wagtail-localize.

Once made, nothing is made again: an existing cycle, nomination or score is left as it is."""

import datetime

from awards.models import AwardCycle, AwardProgramme, Nomination, Rank, Score
from awards.setup import JURY, SECRETARIAT, ensure_award_roles
from certification.models import ConflictOfInterest
from knowledge.models import CityMembership, CityPage, InitiativePage

from .certification import _user
from .translation import TARGET_LANGUAGES, demo_strings, sync_translation

PROGRAMME = {
    "code": "sdg-city-award",
    "name": "SDG City Award",
    "organiser": "Urban SDG Knowledge Platform and partners",
    "description": (
        "A yearly award for initiatives that cities have shared on the platform and that show "
        "measurable progress on the Sustainable Development Goals, can be taken up by other "
        "cities and involve the people they serve."
    ),
}
YEAR = 2026
# initiative slug, city slug, result, statement
NOMINATIONS = [
    (
        "sustainable-food-production",
        "rosario",
        Rank.WINNER,
        "Urban farmers grow food on vacant land, earn an income and green the city; the model "
        "has already been studied by several other cities.",
    ),
    (
        "school-area-road-safety",
        "dar-es-salaam",
        Rank.FINALIST,
        "Assessments around schools led to safer crossings and lower speeds where children walk.",
    ),
    (
        "regional-mangrove-restoration",
        "saint-louis",
        Rank.FINALIST,
        "Restored mangroves protect the coast and the livelihoods of fishing communities.",
    ),
    (
        "western-cape-industrial-symbiosis-programme",
        "cape-town",
        "",
        "Companies exchange waste and by-products, saving money and landfill space.",
    ),
]
JURORS = [("demo-juror-1", "Hana", "Kim"), ("demo-juror-2", "Pablo", "Ortega")]
SECRETARY = ("demo-awards-secretariat", "Nadia", "Rahman")


def load(log):
    groups = ensure_award_roles()
    programme = _programme(log)
    jurors = [_user(*names) for names in JURORS]
    for juror in jurors:
        juror.groups.add(groups[JURY])
    _user(*SECRETARY).groups.add(groups[SECRETARIAT])
    rosario = CityPage.objects.get(slug="rosario", locale__language_code="en")
    ConflictOfInterest.objects.get_or_create(
        person=jurors[1], city=rosario, defaults={"notes": "Advised the city's food programme."}
    )
    cycle, created = AwardCycle.objects.get_or_create(
        programme=programme,
        year=YEAR,
        defaults={
            "opens_on": datetime.date(YEAR, 3, 1),
            "closes_on": datetime.date(YEAR, 6, 30),
            "decision_on": datetime.date(YEAR, 10, 15),
            "status": AwardCycle.Status.DECIDED,
            "results_published": True,
        },
    )
    if not created:
        return
    cycle.jury.set(jurors)
    for slug, city_slug, rank, statement in NOMINATIONS:
        initiative = InitiativePage.objects.get(slug=slug, locale__language_code="en")
        city = CityPage.objects.get(slug=city_slug, locale__language_code="en")
        member = CityMembership.objects.filter(city_key=city.translation_key).first()
        nomination = Nomination.objects.create(
            cycle=cycle,
            initiative=initiative,
            statement=statement,
            rank=rank,
            nominated_by=member.user if member else None,
        )
        for juror in jurors:
            if juror == jurors[1] and city_slug == "rosario":
                continue  # the declared link to Rosario: this juror did not score it
            high = 5 if rank == Rank.WINNER else 4 if rank else 3
            Score.objects.create(
                nomination=nomination,
                juror=juror,
                impact=high,
                replicability=high,
                sdg_alignment=max(high - 1, 1),
                comment="Clear results, well documented.",
            )
    log(f"Awards: {cycle} with {len(NOMINATIONS)} nominations")


def _programme(log):
    programme = AwardProgramme.objects.filter(
        code=PROGRAMME["code"], locale__language_code="en"
    ).first()
    if programme is None:
        programme = AwardProgramme.objects.create(**PROGRAMME)
        log(f"award programme “{programme.name}” (en): saved")
    for code in TARGET_LANGUAGES:
        if sync_translation(programme, code, demo_strings(code)):
            log(f"award programme “{programme.name}” ({code}): translated")
    return programme

"""Pictures, documents, links and partner logos of the demo, generated with Pillow.

Every picture is drawn here (the city's name over bands in the colours of its initiative's
goals), so the demo ships no third-party image: they are dedicated to the public domain (CC0 1.0),
which their PNG metadata and their title in the image library say. Looked up by title, so that
loading twice creates nothing new.
"""

import io

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

from knowledge.models import CityPage, InitiativePage, SustainableDevelopmentGoal
from pages.models import PartnerPage

from .content.knowledge import CITIES
from .content.media import DOCUMENTS, LICENCE, LINKS, PARTNER_COLOURS
from .pages import translate_page, update_page

SIZE = (1200, 675)
CREDIT = "Urban SDG Knowledge Platform (generated demo illustration)"


def _png(title, description, draw):
    """A PNG of SIZE drawn by `draw(canvas, image)`, with its credit and licence in its text
    chunks (Title, Author, Copyright, Description: the PNG specification's keywords)."""
    image = PillowImage.new("RGB", SIZE, "#ffffff")
    draw(ImageDraw.Draw(image), image)
    info = PngInfo()
    info.add_text("Title", title)
    info.add_text("Author", CREDIT)
    info.add_text("Copyright", LICENCE)
    info.add_text("Description", description)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info, optimize=True)
    return buffer.getvalue()


def _hex(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _text_colour(background):
    """Black or white, whichever is further from the background's luminance."""
    red, green, blue = (channel / 255 for channel in background)
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return (0, 0, 0) if luminance > 0.45 else (255, 255, 255)


def _banded(name, caption, colours):
    """Diagonal bands in `colours`, the name on a plain panel at the bottom."""

    def draw(canvas, image):
        width, height = SIZE
        band = (width + height) // max(len(colours), 1) + 1
        for index, colour in enumerate(colours):
            left = index * band - height
            canvas.polygon(
                [
                    (left, height),
                    (left + band, height),
                    (left + band + height, 0),
                    (left + height, 0),
                ],
                fill=_hex(colour),
            )
        panel = _hex(colours[0])
        canvas.rectangle([(0, height - 190), (width, height)], fill=panel)
        ink = _text_colour(panel)
        canvas.text((60, height - 165), name, font=ImageFont.load_default(size=84), fill=ink)
        canvas.text((64, height - 60), caption, font=ImageFont.load_default(size=30), fill=ink)

    return draw


def _logo(name, colour):
    def draw(canvas, image):
        width, height = SIZE
        background = _hex(colour)
        canvas.rectangle([(0, 0), SIZE], fill=background)
        initials = "".join(word[0] for word in name.split() if word[0].isupper())[:4]
        font = ImageFont.load_default(size=300)
        box = canvas.textbbox((0, 0), initials, font=font)
        canvas.text(
            ((width - (box[2] - box[0])) / 2 - box[0], (height - (box[3] - box[1])) / 2 - box[1]),
            initials,
            font=font,
            fill=_text_colour(background),
        )

    return draw


def _image(title, description, draw):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing, None
    data = _png(title, description, draw)
    image = Image(
        title=title,
        description=description,
        collection=Collection.get_first_root_node(),
        file=ContentFile(data, name="demo.png"),
    )
    image.save()
    return image, image


def _document(spec):
    """A one-page PDF fact sheet (Pillow writes PDF) with the title and summary lines."""
    Document = get_document_model()
    existing = Document.objects.filter(title=spec["title"]).first()
    if existing is not None:
        return existing, None
    page = PillowImage.new("RGB", (1240, 1754), "#ffffff")  # A4 at 150 dpi
    canvas = ImageDraw.Draw(page)
    canvas.rectangle([(0, 0), (1240, 40)], fill=_hex(spec["colour"]))
    canvas.text((100, 120), spec["title"], font=ImageFont.load_default(size=44), fill=(0, 0, 0))
    y = 240
    for line in spec["lines"]:
        canvas.text((100, y), line, font=ImageFont.load_default(size=28), fill=(30, 30, 30))
        y += 48
    canvas.text(
        (100, 1650), f"{CREDIT}. {LICENCE}", font=ImageFont.load_default(size=22), fill=(80, 80, 80)
    )
    buffer = io.BytesIO()
    page.save(buffer, "PDF", title=spec["title"], author=CREDIT, subject=LICENCE, resolution=150)
    document = Document(
        title=spec["title"],
        collection=Collection.get_first_root_node(),
        file=ContentFile(buffer.getvalue(), name="fact-sheet.pdf"),
    )
    document.save()
    return document, document


def _raw(blocks):
    """Stream blocks as stored (documents by id), to compare with what a page holds."""
    return [
        (kind, {name: getattr(item, "pk", item) for name, item in value.items()})
        for kind, value in blocks
    ]


def _note(log, created):
    """Log a created image or document (the thing itself, for -v 2)."""
    if created:
        log(f"{type(created).__name__} “{created.title}”: created")
    return bool(created)


def load(log):
    """Images of every city and initiative, documents and links, partner logos.

    Returns how many images and documents were created."""
    created = 0
    colours = {
        goal.number: goal.color
        for goal in SustainableDevelopmentGoal.objects.filter(locale__language_code="en")
    }
    for spec in CITIES:
        city = CityPage.objects.get(slug=spec["slug"], locale__language_code="en")
        initiative_spec = spec["initiative"]
        goal_colours = [colours[number] for number in initiative_spec["sdgs"]]
        goals = ", ".join(str(number) for number in initiative_spec["sdgs"])

        city_image, new = _image(
            f"{spec['title']}: illustration ({LICENCE})",
            f"The name {spec['title']} over bands in the colours of goals {goals}.",
            _banded(spec["title"], "Urban SDG Knowledge Platform", goal_colours),
        )
        created += _note(log, new)
        update_page(city, {"image": city_image}, log)
        translate_page(city, log)

        initiative = InitiativePage.objects.child_of(city).get(slug=initiative_spec["slug"])
        picture, new = _image(
            f"{initiative_spec['title']}: illustration ({LICENCE})",
            f"{initiative_spec['title']}, {spec['title']}: bands in the colours of goals {goals}.",
            _banded(spec["title"], initiative_spec["title"][:60], list(reversed(goal_colours))),
        )
        created += _note(log, new)
        media = []
        document_spec = DOCUMENTS.get(initiative_spec["slug"])
        if document_spec:
            document, new = _document({**document_spec, "colour": goal_colours[0]})
            created += _note(log, new)
            media.append(("document", {"document": document, "title": document_spec["title"]}))
        for title, url in LINKS.get(initiative_spec["slug"], []):
            media.append(("link", {"title": title, "url": url}))
        fields = {"image": picture}
        if _raw(media) != [(block["type"], block["value"]) for block in initiative.media.raw_data]:
            fields["media"] = media
        update_page(initiative, fields, log)
        translate_page(initiative, log)

    for partner in PartnerPage.objects.filter(locale__language_code="en"):
        logo, new = _image(
            f"{partner.title}: logo ({LICENCE})",
            f"{partner.title} logo",
            _logo(partner.title, PARTNER_COLOURS.get(partner.slug, "#19486A")),
        )
        created += _note(log, new)
        update_page(partner, {"logo": logo}, log)
        translate_page(partner, log)
    return created

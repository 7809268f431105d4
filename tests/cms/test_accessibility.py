"""Accessibility rules checked without a browser: colour contrast of the SDG palette, and form
fields linked to their help and error text."""

import re

from django import forms
from django.conf import settings
from django.template.loader import render_to_string

DARK_INK = "#1b1f24"


def luminance(colour):
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_on_every_sdg_colour_reaches_4_5_to_1():
    css = (settings.PROJECT_DIR / "static" / "css" / "site.css").read_text()
    inks = re.findall(
        r"\.sdg-colour-(\d+) \{ --sdg-colour: (#[0-9A-Fa-f]{6}); --sdg-ink: ([^;]+); \}", css
    )

    assert len(inks) == 17
    ratios = {}
    for number, colour, ink in inks:
        ink = DARK_INK if ink == "var(--sdg-ink-dark)" else ink
        ratios[int(number)] = contrast(colour, ink)
    assert min(ratios.values()) >= 4.5, ratios
    # White on the yellow of goal 7 was 1.6:1; it now has dark text.
    assert round(ratios[7], 1) == 10.2
    assert f"--sdg-ink-dark: {DARK_INK};" in css


def test_focus_ring_reaches_3_to_1_on_the_page_and_the_header():
    css = (settings.PROJECT_DIR / "static" / "css" / "site.css").read_text()
    ring = re.search(r"--color-focus: (#[0-9a-f]{6});", css).group(1)
    on_dark = re.search(r"--color-focus-on-dark: (#[0-9a-f]{6});", css).group(1)

    for background in ("#ffffff", "#f4f6f8"):
        assert contrast(ring, background) >= 3
    assert contrast(on_dark, "#19486a") >= 3  # the header


class HelpedForm(forms.Form):
    name = forms.CharField(help_text="As on your passport.")
    goals = forms.MultipleChoiceField(
        choices=[("1", "One"), ("2", "Two")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Pick any.",
    )
    plain = forms.CharField(required=False)


def ids_in(html):
    return set(re.findall(r'\bid="([^"]+)"', html))


def test_help_and_errors_are_linked_to_their_fields():
    form = HelpedForm(data={"name": "", "goals": []})
    form.is_valid()
    html = render_to_string("includes/form_fields.html", {"form": form})

    described = re.findall(r'aria-describedby="([^"]+)"', html)
    assert described == ["id_name_helptext id_name_error1", "id_goals_helptext id_goals_error1"]
    for value in described:
        assert set(value.split()) <= ids_in(html)
    assert 'id="id_name" aria-invalid="true"' in html or re.search(
        r'<input[^>]*aria-invalid="true"[^>]*id="id_name"', html
    )
    assert not re.search(r'<input[^>]*id="id_plain"[^>]*aria-describedby', html)


def test_unbound_form_links_only_the_help():
    html = render_to_string("includes/form_fields.html", {"form": HelpedForm()})

    assert re.findall(r'aria-describedby="([^"]+)"', html) == [
        "id_name_helptext",
        "id_goals_helptext",
    ]
    assert "aria-invalid" not in html

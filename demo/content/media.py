"""What the demo's pictures, documents and links say (demo.media draws the pictures).

Links are the awards whose case studies the demo initiatives retell ("Partnerships and
Innovation for Accelerating the Implementation of the SDGs in Cities", 2023, names the award of
each case). The document is a fact sheet written for the demo about the ordinance that the Quito
case study is built on.
"""

LICENCE = "CC0 1.0: dedicated to the public domain"

PRIZE = ("WRI Ross Center Prize for Cities", "https://prizeforcities.org/")
GUANGZHOU = (
    "Guangzhou International Award for Urban Innovation",
    "https://www.guangzhouaward.org/",
)

LINKS = {
    "urban-wage-employment-initiative": [PRIZE, GUANGZHOU],
    "western-cape-industrial-symbiosis-programme": [GUANGZHOU],
    "eco-efficiency-ordinance": [GUANGZHOU],
    "regional-mangrove-restoration": [GUANGZHOU],
    "sustainable-food-production": [PRIZE],
    "milan-food-policy": [GUANGZHOU],
    "school-area-road-safety": [PRIZE],
    "womens-action-climate-resilience": [PRIZE],
}

DOCUMENTS = {
    "eco-efficiency-ordinance": {
        "title": "Eco-efficiency Ordinance of Quito: fact sheet",
        "lines": [
            "Adopted in 2016 by the Metropolitan District of Quito.",
            "Green buildings (energy and water efficient) near transit stations",
            "may build higher, in exchange for a share of the added land value.",
            "Affordable housing is part of the bargain.",
            "Local area plans around the Metro stations were drawn up with",
            "community leaders and universities.",
        ],
    },
}

# Background colours of the generated partner logos.
PARTNER_COLOURS = {
    "escap": "#19486A",
    "seoul-metropolitan-government": "#00689D",
    "citynet": "#3F7E44",
}

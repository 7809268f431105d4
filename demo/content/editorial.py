"""English demo content of the editorial pages: partners, events, webinars, SDGs, menus.

Past events come from the background paper. Upcoming events and webinars are dated relative to
the day the demo is loaded (see demo.editorial), so that "upcoming" is never empty.
"""

EVENT_INDEX = {
    "title": "Events",
    "intro": "Forums, workshops and conferences on urban policy for the Sustainable Development "
    "Goals, where cities and partners meet.",
}

WEBINAR_INDEX = {
    "title": "Webinars",
    "intro": "Online sessions in which cities present the policies and initiatives that worked "
    "for them, with time for questions.",
}

PARTNER_INDEX = {
    "title": "Partners",
    "intro": "The organisations that run the platform and work with cities on urban policy for "
    "the goals.",
}

SDG_INDEX = {
    "title": "Sustainable Development Goals",
    "intro": "All seventeen goals have an urban side. See the targets of each goal and the "
    "initiatives, events and webinars that address it.",
}

PARTNERS = [
    {
        "slug": "escap",
        "title": "ESCAP",
        "kind": "united-nations",
        "website": "https://www.unescap.org",
        "intro": "The United Nations Economic and Social Commission for Asia and the Pacific.",
        "description": [
            "ESCAP is the regional development arm of the United Nations for Asia and the "
            "Pacific. It supports its member States in putting the 2030 Agenda into practice, "
            "including through the Asia-Pacific Urban Forum and the Asia-Pacific Forum on "
            "Sustainable Development."
        ],
    },
    {
        "slug": "seoul-metropolitan-government",
        "title": "Seoul Metropolitan Government",
        "kind": "government",
        "website": "https://english.seoul.go.kr",
        "intro": "The government of the capital of the Republic of Korea.",
        "description": [
            "The Seoul Metropolitan Government has pioneered policies in transport, "
            "e-governance, urban regeneration and the sharing economy, and shares what it has "
            "learned with other cities."
        ],
    },
    {
        "slug": "citynet",
        "title": "CityNet",
        "kind": "city-network",
        "website": "https://citynet-ap.org",
        "intro": "The regional network of urban stakeholders in Asia and the Pacific.",
        "description": [
            "CityNet connects local governments, development agencies and civil society "
            "organisations so that cities can learn from each other and work together."
        ],
    },
]

# Events: `days` dates an upcoming event relative to the day the demo is loaded; `start` and
# `end` give the date and local time of past ones.
EVENTS = [
    {
        "slug": "international-forum-urban-policy-sdgs-2016",
        "title": "International Forum on Urban Policy for the SDGs",
        "summary": "The first international forum on urban policy for the goals, convened by "
        "ESCAP, the Seoul Metropolitan Government and CityNet.",
        "body": [
            "Cities and partners met in Seoul to discuss how local governments can lead the "
            "implementation of the 2030 Agenda. The forum adopted the Seoul Communiqué on "
            "urban policy for the goals.",
            "The partners agreed to hold such a forum every other year and to keep working with "
            "cities in between, among other things through this platform.",
        ],
        "start": "2016-06-08T09:00",
        "end": "2016-06-10T18:00",
        "time_zone": "Asia/Seoul",
        "attendance": "in-person",
        "city": "Seoul",
        "country": "KR",
        "organisers": ["escap", "seoul-metropolitan-government", "citynet"],
        "sdgs": [11, 17],
        "themes": ["governance", "urban-planning"],
    },
    {
        "slug": "asia-pacific-urban-forum-6",
        "title": "Sixth Asia-Pacific Urban Forum (APUF-6)",
        "summary": "The regional forum that adopted the Jakarta Call for Action on the role of "
        "local governments in sustainable urban development.",
        "body": [
            "The forum recognised that local governments need to be more involved in "
            "implementing and monitoring the Sustainable Development Goals, and called for "
            "stronger partnerships between all levels of government."
        ],
        "start": "2015-10-19T09:00",
        "end": "2015-10-21T18:00",
        "time_zone": "Asia/Jakarta",
        "attendance": "in-person",
        "city": "Jakarta",
        "country": "ID",
        "organisers": ["escap"],
        "sdgs": [11],
        "themes": ["urban-planning", "governance"],
    },
    {
        "slug": "asia-pacific-forum-sustainable-development-2016",
        "title": "Asia-Pacific Forum on Sustainable Development 2016",
        "summary": "The regional forum on the 2030 Agenda, which highlighted the role of cities "
        "in implementing it.",
        "body": [
            "Governments and stakeholders of the region reviewed the first steps in "
            "implementing the 2030 Agenda. The role of cities in reaching the goals was one of "
            "the messages of the forum."
        ],
        "start": "2016-05-03T09:00",
        "end": "2016-05-05T18:00",
        "time_zone": "Asia/Bangkok",
        "attendance": "in-person",
        "city": "Bangkok",
        "country": "TH",
        "organisers": ["escap"],
        "sdgs": [17, 11],
        "themes": ["governance"],
    },
    {
        "slug": "regional-workshop-localizing-sdgs",
        "title": "Regional workshop on localizing the SDGs",
        "summary": "Two days for city officials to work on local plans, indicators and "
        "reviews of the goals, with peers from the region.",
        "body": [
            "Participants will compare how their cities have brought the goals into local "
            "plans and budgets, and prepare a first voluntary local review.",
            "Places are limited to two officials per city; registration closes two weeks "
            "before the workshop.",
        ],
        "days": 45,
        "duration_days": 2,
        "local_time": "09:00",
        "time_zone": "Asia/Bangkok",
        "attendance": "hybrid",
        "venue": "United Nations Conference Centre",
        "city": "Bangkok",
        "country": "TH",
        "registration_url": "https://example.org/register/localizing-sdgs",
        "organisers": ["escap", "citynet"],
        "sdgs": [11, 16, 17],
        "themes": ["governance", "urban-planning"],
    },
    {
        "slug": "city-to-city-exchange-climate-resilience",
        "title": "City-to-city exchange on climate resilience",
        "summary": "Cities that have faced heat waves and floods share what they changed, in "
        "an online exchange open to all members.",
        "body": [
            "Each city presents one measure in ten minutes, followed by questions from the "
            "other participants."
        ],
        "days": 90,
        "duration_hours": 3,
        "local_time": "10:00",
        "time_zone": "Asia/Seoul",
        "attendance": "online",
        "registration_url": "https://example.org/register/climate-exchange",
        "organisers": ["citynet", "seoul-metropolitan-government"],
        "sdgs": [13, 11],
        "themes": ["environment-resilience"],
    },
]

WEBINARS = [
    {
        "slug": "food-policies-for-cities",
        "title": "Food policies for cities",
        "summary": "How Milan and Rosario made food a matter of urban policy, from school "
        "meals to urban farms.",
        "body": [
            "The two cities presented how they organised food policy across departments and "
            "with their partners, and what other cities should consider before starting."
        ],
        "days": -30,
        "local_time": "14:00",
        "duration": 90,
        "time_zone": "Europe/Rome",
        "recording_url": "https://example.org/recordings/food-policies-for-cities",
        "organisers": ["citynet"],
        "case_studies": ["milan-food-policy", "sustainable-food-production"],
        "speakers": [
            ("Giulia Rossi", "Food policy office", "City of Milan", "milan"),
            (
                "Lucía Fernández",
                "Urban agriculture coordinator",
                "Municipality of Rosario",
                "rosario",
            ),
        ],
        "sdgs": [2, 12],
        "themes": ["food"],
    },
    {
        "slug": "land-value-capture-for-green-growth",
        "title": "Land value capture for green growth",
        "summary": "How Quito finances denser, greener neighbourhoods around its metro by "
        "sharing in the value that density creates.",
        "body": [
            "The session will explain the eco-efficiency ordinance step by step and discuss "
            "how other cities with new transit lines could adapt it."
        ],
        "days": 14,
        "local_time": "09:00",
        "duration": 60,
        "time_zone": "America/Guayaquil",
        "video_url": "https://example.org/live/land-value-capture",
        "organisers": ["escap"],
        "case_studies": ["eco-efficiency-ordinance"],
        "speakers": [
            ("Mateo Andrade", "Urban planning advisor", "Metropolitan District of Quito", "quito")
        ],
        "sdgs": [11, 7],
        "themes": ["finance", "urban-planning"],
    },
    {
        "slug": "data-for-local-sdg-monitoring",
        "title": "Data for local SDG monitoring",
        "summary": "Using the data a city already has to follow its progress on the goals.",
        "body": [
            "Seoul will show how large data sets support planning and management, followed by a "
            "discussion of simple first steps for cities with fewer resources."
        ],
        "days": 30,
        "local_time": "15:00",
        "duration": 60,
        "time_zone": "Asia/Seoul",
        "video_url": "https://example.org/live/local-sdg-data",
        "organisers": ["seoul-metropolitan-government", "escap"],
        "case_studies": ["big-data-urban-management"],
        "speakers": [
            (
                "Park Ji-won",
                "International relations officer",
                "Seoul Metropolitan Government",
                "seoul",
            )
        ],
        "sdgs": [17, 11],
        "themes": ["digital", "governance"],
    },
]

PRIVACY = {
    "slug": "privacy",
    "title": "Privacy",
    "intro": "What the platform records about you and why.",
    "body": [
        ("heading", "What we record"),
        (
            "paragraph",
            "Visitors can browse the platform without an account. When a city member registers, "
            "we keep their name, e-mail address, city and role so that moderators can approve "
            "the registration and other members can reach them.",
        ),
        ("heading", "Who sees it"),
        (
            "paragraph",
            "Focal points' names and roles are public. Their e-mail addresses and phone numbers "
            "are shown only to signed-in members; visitors reach them through a contact form.",
        ),
    ],
}

TERMS = {
    "slug": "terms-of-use",
    "title": "Terms of use",
    "intro": "The conditions for using and contributing to the platform.",
    "body": [
        ("heading", "Contributions"),
        (
            "paragraph",
            "Cities remain responsible for the policies and initiatives they share. Moderators "
            "review every contribution before it is published and may decline those that do "
            "not fit the platform.",
        ),
        ("heading", "Reuse"),
        (
            "paragraph",
            "Published content may be shared and quoted with a link to its page on the platform.",
        ),
    ],
}

FOOTER_TEXT = (
    "A platform where cities share the policies and initiatives they use to reach the "
    "Sustainable Development Goals, run with ESCAP, the Seoul Metropolitan Government and CityNet."
)

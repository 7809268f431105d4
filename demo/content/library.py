"""English demo content of the library: publications the seeds cite (002_…: footnotes 4, 8, 11
and 25), with their real titles, publishers and years. Links are those the seeds give,
else the publisher's site. The certification's tools are in the library already (moved from
certification/data/criteria.yml at migrate); the demo adds their goals and years."""

LIBRARY_INTRO = (
    "Publications, guides, data and tools that help cities plan, measure and report their work "
    "on the Sustainable Development Goals, including those the certification suggests for each "
    "gap."
)

PUBLICATIONS = [
    {
        "slug": "world-cities-report-2022",
        "title": "World Cities Report 2022: Envisaging the Future of Cities",
        "kind": "publication",
        "publisher": "UN-Habitat",
        "year": 2022,
        "link": "https://unhabitat.org",
        "sdgs": [11],
        "themes": ["urban-planning"],
        "abstract": "UN-Habitat's flagship report looks at the scenarios cities face after the "
        "pandemic and at the choices that lead to fairer, greener and more productive cities.",
    },
    {
        "slug": "international-guidelines-urban-territorial-planning",
        "title": "International Guidelines on Urban and Territorial Planning",
        "kind": "guide",
        "publisher": "UN-Habitat",
        "year": 2015,
        "link": "https://unhabitat.org",
        "sdgs": [11],
        "themes": ["urban-planning", "governance"],
        "criteria": "P3, E1",
        "abstract": "Principles and recommendations for national governments, local authorities "
        "and planners on how planning at every scale can make cities compact, inclusive and "
        "resilient.",
    },
    {
        "slug": "new-urban-agenda-high-level-meeting-2022",
        "title": "High-Level Meeting to assess progress on the implementation of the New Urban "
        "Agenda: summary by the President of the General Assembly",
        "kind": "publication",
        "publisher": "United Nations General Assembly",
        "year": 2022,
        "link": "https://www.un.org/pga/76/wp-content/uploads/sites/101/2022/06/"
        "Final-HLM-on-NUA-PGA-Summary.pdf",
        "sdgs": [11],
        "themes": ["governance"],
        "abstract": "The main messages of the April 2022 meeting of the General Assembly on the "
        "New Urban Agenda, five years after its adoption.",
    },
    {
        "slug": "sdg-report-2019-goal-11",
        "title": "The Sustainable Development Goals Report 2019: Goal 11",
        "kind": "data",
        "publisher": "United Nations Statistics Division",
        "year": 2019,
        "link": "https://unstats.un.org/sdgs/report/2019/goal-11/",
        "sdgs": [11],
        "themes": ["housing", "transport"],
        "abstract": "Global figures on slums, public transport, urban sprawl, air quality and "
        "public space, the indicators of the goal on cities.",
    },
]

# Goals and years of the certification's tools (by code), the same in every language.
TOOL_DETAILS = {
    "global-urban-monitoring-framework": {"year": 2022, "sdgs": [11, 17]},
    "unhabitat-catalogue-of-services": {"year": 2022, "sdgs": [11, 17]},
    "voluntary-local-reviews-guidance": {"sdgs": [11, 17]},
    "city-planning-assessment": {"sdgs": [11]},
    "urban-legislation-assessment": {"sdgs": [11, 16]},
    "municipal-revenue-assessment": {"sdgs": [11, 17]},
    "urban-governance-assessment": {"sdgs": [11, 16]},
    "sdg-cities-learning-community": {"sdgs": [11, 17]},
}

"""English demo content of the home page and the "About the platform" page."""

HOME = {
    "title": "Urban SDG Knowledge Platform",
    "intro": (
        "Cities around the world share here the policies and initiatives that bring them closer "
        "to the Sustainable Development Goals. See what has worked, learn from the cities that "
        "did it, and get in touch with them."
    ),
    "heading": "What you will find here",
    "paragraph": (
        "A searchable database of urban initiatives, the profiles of the cities behind them, "
        "events and webinars on urban policy for the goals, and the SDG Cities certification."
    ),
}

ABOUT = {
    "title": "About the platform",
    "intro": (
        "The Urban SDG Knowledge Platform helps cities learn from one another as they put the "
        "2030 Agenda for Sustainable Development into practice."
    ),
    "why_heading": "Why cities",
    "why": (
        "Every one of the seventeen goals has an urban side, and most of their targets cannot be "
        "met without local governments. Cities that have found solutions that work can help "
        "others adapt them and take them further."
    ),
    "how_heading": "How it works",
    "how": (
        "Registered cities upload their policies and initiatives, which moderators review before "
        "they are published. Visitors search them by theme, goal, region or keyword, and members "
        "can comment on them and contact the cities behind them."
    ),
}

# Slugs that differ from the English one. Home pages sit side by side at the root of the tree,
# where slugs must be unique.
SLUGS = {
    "home": {
        "ar": "home-ar",
        "zh-hans": "home-zh-hans",
        "fr": "home-fr",
        "ru": "home-ru",
        "es": "home-es",
    },
    "about": {"fr": "a-propos", "ru": "o-platforme", "es": "acerca-de"},
}

"""English demo content of the knowledge base: twelve cities and one initiative each.

Facts come from the case studies of "Partnerships and Innovation for Accelerating the
Implementation of the SDGs in Cities" (2023) and from the platform's background paper, retold in
our own words. Focal points are fictional; their addresses use the reserved example.org domain.
Translations are in demo/translations/<language>.po, keyed by these English strings.
"""

CITY_INDEX = {
    "title": "Cities",
    "intro": (
        "The cities that share their policies and initiatives on the platform, grouped by region."
    ),
}

INITIATIVE_INDEX = {
    "title": "Initiatives",
    "intro": (
        "Search the policies and initiatives that cities use to reach the Sustainable "
        "Development Goals. Combine filters by goal, theme, region, country, city, start year "
        "and status."
    ),
}

# Each city: profile fields, then its initiative. Paragraph lists become rich text.
CITIES = [
    {
        "slug": "odisha",
        "title": "Odisha",
        "country": "IN",
        "region": "asia-pacific",
        "latitude": "20.296100",
        "longitude": "85.824500",
        "website": "https://odisha.gov.in",
        "intro": "An Indian state whose towns and cities took in workers returning home during "
        "the COVID-19 lockdown.",
        "profile": [
            "Odisha is one of the Indian states that have long sent workers to the large "
            "metropolitan areas. When the pandemic closed down the informal economy of those "
            "cities, many of them came back to Odisha's towns looking for a livelihood."
        ],
        "focal_points": [
            ("Anita Mohanty", "Urban employment coordinator", "focal.point@odisha.example.org"),
        ],
        "social": [],
        "initiative": {
            "slug": "urban-wage-employment-initiative",
            "title": "Urban Wage Employment Initiative",
            "summary": "A state programme that guaranteed urban workers a minimum number of paid "
            "working days a year on small public works, launched when migrants returned home "
            "during the pandemic.",
            "background": [
                "The national lockdown exposed how vulnerable India's urban workforce is: many "
                "informal workers in the large cities are migrants from poorer states. When "
                "their jobs disappeared, large numbers returned to provincial towns with weak "
                "local economies, Odisha among them.",
                "The state government needed to give these returning workers an income quickly "
                "and to keep the economic shock from pushing more households into poverty.",
            ],
            "actions": [
                "The state guaranteed large groups of urban workers a minimum number of working "
                "days each year at a set daily wage. It planned a series of small, much-needed "
                "public works in its towns and cities to provide that work.",
                "Community groups helped to identify which local projects were needed, so that "
                "work could start quickly where it was most useful.",
            ],
            "impacts": [
                "The initiative softened the economic blow of the pandemic for poor urban "
                "households and improved local infrastructure at the same time.",
                "The state has kept the programme as a long-term tool against poverty, using "
                "labour-intensive public works to improve the quality of life and the economy "
                "of its urban areas.",
            ],
            "budget": [
                "Wages were paid from a salary pool built from existing national and state "
                "welfare schemes rather than from a new budget line."
            ],
            "sdgs": [1, 8, 9],
            "targets": ["8.5", "1.3"],
            "themes": ["economy-jobs", "social-inclusion"],
            "start_year": 2020,
            "end_year": None,
            "status": "ongoing",
            "implementing_agencies": "Government of Odisha, Housing and Urban Development "
            "Department",
            "partners": "Urban local bodies of Odisha\nCommunity groups",
        },
    },
    {
        "slug": "cape-town",
        "title": "Cape Town",
        "country": "ZA",
        "region": "africa",
        "population": 4_700_000,
        "latitude": "-33.924900",
        "longitude": "18.424100",
        "website": "https://www.capetown.gov.za",
        "intro": "A South African metropolis with both formal and informal industrial economies.",
        "profile": [
            "Cape Town has around 4.7 million inhabitants. Its industry ranges from large "
            "formal manufacturers to small informal businesses, and its landfills have limited "
            "room left."
        ],
        "focal_points": [
            (
                "Thandiwe Nkosi",
                "Sustainability programme officer",
                "focal.point@capetown.example.org",
            ),
        ],
        "social": [],
        "initiative": {
            "slug": "western-cape-industrial-symbiosis-programme",
            "title": "Western Cape Industrial Symbiosis Programme",
            "summary": "A free matchmaking service that links companies so that the waste or "
            "unused resources of one become the raw material of another.",
            "background": [
                "Much of the region's economy followed a linear model: resources were used once "
                "and thrown away, filling the remaining landfill space.",
                "The city wanted to move towards a circular economy in which, as the programme's "
                "motto puts it, one company's waste is another company's resource.",
            ],
            "actions": [
                "The programme offers member companies, whatever their size or whether they are "
                "formal or informal, a free facilitation service that finds exchanges of "
                "materials, energy and know-how between them.",
                "Since 2013, university researchers have analysed the flows of materials in "
                "industrial areas to find new opportunities to reuse resources. The approach "
                "was adapted from the United Kingdom's national industrial symbiosis programme "
                "to a network that includes informal businesses.",
            ],
            "impacts": [
                "Exchanges between members keep waste out of landfills, save members money, "
                "lower the carbon intensity of production and create jobs.",
                "Because it works with informal members as well, the model can be adapted by "
                "other cities that have large informal economies.",
            ],
            "budget": [
                "The City of Cape Town funds the programme as part of its sustainability work. "
                "It is delivered by a not-for-profit company together with the local university."
            ],
            "sdgs": [12, 13, 8],
            "targets": ["12.5"],
            "themes": ["waste", "economy-jobs", "environment-resilience"],
            "start_year": 2013,
            "end_year": None,
            "status": "ongoing",
            "implementing_agencies": "City of Cape Town\nGreenCape",
            "partners": "University of Cape Town\nMember companies",
        },
    },
    {
        "slug": "quito",
        "title": "Quito",
        "country": "EC",
        "region": "latin-america-caribbean",
        "population": 1_847_000,
        "latitude": "-0.180700",
        "longitude": "-78.467800",
        "website": "https://www.quito.gob.ec",
        "intro": "The capital of Ecuador, which has opened its first metro line.",
        "profile": [
            "Quito is home to about 1.8 million people. Its new public transport system gave "
            "the city a chance to rethink how and where it grows."
        ],
        "focal_points": [
            ("Mateo Andrade", "Urban planning advisor", "focal.point@quito.example.org"),
        ],
        "social": [],
        "initiative": {
            "slug": "eco-efficiency-ordinance",
            "title": "Eco-efficiency Ordinance",
            "summary": "An ordinance that lets developers build denser, greener buildings near "
            "transit stations in exchange for a share of the land value this creates for the "
            "city.",
            "background": [
                "Like many growing cities, Quito faced urban sprawl, rising demand for energy "
                "and water, and a shortage of affordable housing.",
                "The city wanted to concentrate growth around its new metro and make sure that "
                "the public shares in the value that denser development creates.",
            ],
            "actions": [
                "Adopted in 2016, the ordinance rewards high-density buildings that save energy "
                "and water and use sustainably sourced materials, when they are built at key "
                "transit nodes and include affordable housing.",
                "It uses land value capture: the city recovers part of the increase in land "
                "value produced by the extra density it allows. Community leaders and "
                "universities helped to set the parameters of local plans around stations and "
                "the way to calculate that increase.",
            ],
            "impacts": [
                "The city estimates that selling development rights has brought in about "
                "10.7 million dollars.",
                "The ordinance supports demand for the metro, curbs urban expansion and shares "
                "the benefits and burdens of densification more fairly between the public and "
                "private sectors.",
            ],
            "budget": [
                "The scheme finances itself through the sale of development rights, whose "
                "revenue goes back to the city."
            ],
            "sdgs": [6, 7, 11],
            "targets": ["11.3", "7.3"],
            "themes": ["urban-planning", "housing", "energy", "finance"],
            "start_year": 2016,
            "end_year": None,
            "status": "ongoing",
            "implementing_agencies": "Metropolitan District of Quito",
            "partners": "Community leaders\nLocal universities\nProperty developers",
        },
    },
    {
        "slug": "saint-louis",
        "title": "Saint-Louis",
        "country": "SN",
        "region": "africa",
        "population": 312_369,
        "latitude": "16.032600",
        "longitude": "-16.481800",
        "intro": "A city near the mouth of the Senegal River, 320 kilometres north of Dakar.",
        "profile": [
            "Saint-Louis has more than 310,000 inhabitants and lies in the Sahel, where poverty "
            "is widespread and climate, economic and security pressures weaken resilience. Its "
            "mangroves stretch across three municipalities."
        ],
        "focal_points": [
            (
                "Awa Diop",
                "Environment officer, Departmental Council",
                "focal.point@saint-louis.example.org",
            ),
        ],
        "social": [],
        "initiative": {
            "slug": "regional-mangrove-restoration",
            "title": "Regional mangrove restoration programme",
            "summary": "Three municipalities restore their shared mangroves together, linking "
            "climate action with new livelihoods for the people who live beside them.",
            "background": [
                "The mangroves of Saint-Louis, about 1,000 hectares, were losing some "
                "9 hectares a year, mostly to cutting for firewood and to farming.",
                "Local officials had not built mangrove protection into their development "
                "policies, and no single municipality could protect an ecosystem that ignores "
                "administrative boundaries.",
            ],
            "actions": [
                "The Departmental Council brought the three municipalities together around one "
                "plan that combines restoration with climate adaptation and structured economic "
                "activities around the mangroves.",
                "Households that depended on mangrove wood were offered biogas instead, and an "
                "awareness campaign included school dialogues in which elders told young people "
                "how abundant the mangroves once were.",
            ],
            "impacts": [
                "Over nine years, more than 50 hectares of mangroves have grown back, storing "
                "about 350 tonnes of carbon a year. The growth rate has risen to 7 per cent a "
                "year and clearing has fallen by a quarter.",
                "Nearly 80,000 people from over 50 organisations took part. Women from poorer "
                "households near the mangroves benefit most, selling the shrimps that the "
                "restored mangroves support.",
            ],
            "budget": [
                "Local authorities, academics and environmental experts supported the local "
                "private sector and community organisations with technical advice and training."
            ],
            "sdgs": [13, 14, 15],
            "targets": ["14.2", "13.1"],
            "themes": ["environment-resilience", "governance", "economy-jobs"],
            "start_year": None,
            "end_year": None,
            "status": "ongoing",
            "implementing_agencies": "Departmental Council of Saint-Louis",
            "partners": "Three municipalities of Saint-Louis\nCommunity organisations\nLocal "
            "academics and environmental experts",
        },
    },
    {
        "slug": "rosario",
        "title": "Rosario",
        "country": "AR",
        "region": "latin-america-caribbean",
        "population": 1_350_000,
        "latitude": "-32.944200",
        "longitude": "-60.650500",
        "website": "https://www.rosario.gob.ar",
        "intro": "An Argentinian city that turned an economic crisis into a lasting urban "
        "agriculture programme.",
        "profile": [
            "After the collapse of Argentina's economy in 2001, more than half of Rosario's "
            "people lived below the poverty line and a quarter of its workforce was unemployed."
        ],
        "focal_points": [
            ("Lucía Fernández", "Urban agriculture coordinator", "focal.point@rosario.example.org"),
        ],
        "social": [],
        "initiative": {
            "slug": "sustainable-food-production",
            "title": "Sustainable food production for a resilient Rosario",
            "summary": "An urban and peri-urban agriculture programme that began as a response to "
            "hunger and now also protects the city from floods and heat.",
            "background": [
                "The 2001 crisis left many families unable to afford food. The city responded "
                "with an urban agriculture programme run with a local NGO and the national "
                "family garden programme.",
                "In 2007, record rainfall forced more than 3,000 people from their homes, and it "
                "became clear that climate change would bring more floods.",
            ],
            "actions": [
                "With UN-Habitat's Urban Management Programme and the National University of "
                "Rosario, the city mapped vacant land and found that 36 per cent of the "
                "municipal area could be farmed. A 2004 ordinance let it lend vacant land to "
                "poor residents for growing food.",
                "The city opened markets where growers sell directly, created Vegetable Garden "
                "Parks that absorb excess water, and in 2011 set aside 800 hectares of peri-urban "
                "land for agroecological farming, launched as the Green Belt Project in 2015.",
            ],
            "impacts": [
                "More than 2,400 families now have their own gardens and farm sustainably. "
                "Emissions from delivering vegetables are estimated to have fallen by as much "
                "as 95 per cent.",
                "The programme has reduced food insecurity and dependence on imported food, "
                "while containing sprawl and making the city more resilient to floods.",
            ],
            "budget": [
                "The main resource is land: public land and private peri-urban land repurposed "
                "for agriculture, with technical support from the city's partners."
            ],
            "sdgs": [2, 5, 12, 13],
            "targets": ["2.4", "13.1"],
            "themes": ["food", "environment-resilience", "social-inclusion"],
            "start_year": 2002,
            "end_year": None,
            "status": "ongoing",
            "implementing_agencies": "Municipality of Rosario",
            "partners": "Center for the Study of Agroecological Production (CEPAR)\nPro Huerta "
            "national programme\nUN-Habitat\nNational University of Rosario",
        },
    },
    {
        "slug": "milan",
        "title": "Milan",
        "country": "IT",
        "region": "europe",
        "population": 1_300_000,
        "latitude": "45.464200",
        "longitude": "9.190000",
        "website": "https://www.comune.milano.it",
        "intro": "Italy's second city, which hosted the 2015 Universal Exhibition on feeding "
        "the planet.",
        "profile": [
            "Milan has about 1.3 million inhabitants. Trade, tourism and the creative "
            "industries are the main sources of its prosperity."
        ],
        "focal_points": [
            ("Giulia Rossi", "Food policy office", "focal.point@milan.example.org"),
        ],
        "social": [],
        "initiative": {
            "slug": "milan-food-policy",
            "title": "Milan Food Policy",
            "summary": "A city-wide strategy that manages food as one system, from production "
            "and school meals to waste and research.",
            "background": [
                "Preparing for the 2015 Universal Exhibition, whose theme was feeding the "
                "planet, the city decided to treat food as a matter of urban policy.",
                "Food touches health, waste, the environment and the links between the city "
                "and its farmland, and no single department was responsible for it.",
            ],
            "actions": [
                "Since 2016 the policy has pursued five priorities: healthy food for everyone, "
                "sustainable production, food education, less food loss and waste, and "
                "scientific research.",
                "It brings together public agencies, social organisations, researchers and "
                "businesses, and works with European and international city networks on food.",
            ],
            "impacts": [
                "More than 40 initiatives have followed, including the reuse of surplus food and "
                "shorter supply chains.",
                "Buying sustainably produced food for all publicly funded meals, in schools, "
                "hospitals and prisons, is changing farming practices around Milan and "
                "strengthening ties between the city and the countryside.",
            ],
            "budget": [
                "The policy relies on coordination across departments and on partners' "
                "resources, with public procurement for meals as its main lever."
            ],
            "sdgs": [2, 5, 12],
            "targets": ["12.3"],
            "themes": ["food", "waste", "governance", "health"],
            "start_year": 2015,
            "end_year": None,
            "status": "ongoing",
            "implementing_agencies": "City of Milan",
            "partners": "EUROCITIES Working Group Food\nEU Platform on Food Losses and Food "
            "Waste\nC40 Food Systems Network",
        },
    },
    {
        "slug": "dar-es-salaam",
        "title": "Dar es Salaam",
        "country": "TZ",
        "region": "africa",
        "population": 5_383_728,
        "latitude": "-6.792400",
        "longitude": "39.208300",
        "intro": "One of Africa's fastest-growing cities, on track for 20 million residents by "
        "2050.",
        "profile": [
            "Road infrastructure struggles to keep up with the city's growth and rising "
            "traffic. Many children walk to school along roads without safe routes for "
            "pedestrians."
        ],
        "focal_points": [
            ("Neema Mushi", "Road safety liaison", "focal.point@dar-es-salaam.example.org"),
        ],
        "social": [],
        "initiative": {
            "slug": "school-area-road-safety",
            "title": "School area road safety assessments and improvements",
            "summary": "Evidence-based changes to the streets around schools, together with "
            "safety lessons for children, that cut road injuries near schools by a quarter.",
            "background": [
                "Children walking to school face fast traffic without footpaths or crossings; "
                "many are killed or injured, and injuries keep others out of school.",
                "Early efforts that relied only on education did not reduce crashes, and there "
                "was little reliable data on the scale of the problem.",
            ],
            "actions": [
                "The programme started at two schools in 2012. Using public data and community "
                "reports, the team picks the most dangerous school areas, then road engineers "
                "design footpaths, zebra crossings, bollards, speed humps and safer routes for "
                "each one.",
                "Local authorities approve each technical plan, and teachers, parents and "
                "municipal engineers take part in measuring injuries, monitoring and teaching.",
            ],
            "impacts": [
                "A randomised controlled study of 18 schools and more than 13,000 children, "
                "published in 2018, found 26 per cent fewer road traffic injuries at the schools "
                "that received the changes.",
                "The programme now covers more than 50 high-risk school areas in nine "
                "sub-Saharan African countries.",
            ],
            "budget": [
                "An international road safety charity funded the first schools, and a grant "
                "of 1.7 million dollars in 2017 paid for the expansion to other cities."
            ],
            "sdgs": [3, 4, 9, 11],
            "targets": ["3.6", "11.2"],
            "themes": ["transport", "health"],
            "start_year": 2012,
            "end_year": None,
            "status": "ongoing",
            "implementing_agencies": "Amend",
            "partners": "FIA Foundation\nUS Centers for Disease Control and Prevention\nPuma "
            "Energy Foundation\nLocal authorities of Dar es Salaam",
        },
    },
    {
        "slug": "ahmedabad",
        "title": "Ahmedabad",
        "country": "IN",
        "region": "asia-pacific",
        "population": 5_577_940,
        "latitude": "23.022500",
        "longitude": "72.571400",
        "website": "https://ahmedabadcity.gov.in",
        "intro": "An Indian city that adopted one of South Asia's first heat action plans.",
        "profile": [
            "In 2010 a heat wave killed more than 1,300 people in Ahmedabad in one month. The "
            "municipal corporation prepared its first heat action plan in 2013."
        ],
        "focal_points": [
            ("Priya Patel", "Climate resilience officer", "focal.point@ahmedabad.example.org"),
        ],
        "social": [],
        "initiative": {
            "slug": "womens-action-climate-resilience",
            "title": "Women's action towards climate resilience for the urban poor",
            "summary": "Women from informal settlements become climate champions who find "
            "low-cost solutions with experts and bring their communities' needs to the city.",
            "background": [
                "People in informal settlements are the most exposed to heat, floods, water "
                "shortages and disease, and women, who often work from home, are on the front "
                "line.",
                "Solutions existed, but there was a gap between what was on offer and what slum "
                "communities needed.",
            ],
            "actions": [
                "A housing trust that had worked with the municipal corporation for over 20 "
                "years started in 2014 to build climate resilience into its work. From 2015, "
                "local women leaders ran discussions with residents, who named extreme heat, "
                "flooding, water scarcity and vector-borne disease as their main risks.",
                "The women were trained for almost a year, then set up monitoring stations and "
                "taught children to find mosquito breeding sites. Families were shown cool "
                "roofs, rainwater harvesting and other affordable measures.",
            ],
            "impacts": [
                "With this evidence, communities asked the city to clear drains, pave streets, "
                "connect water and sewer lines and install street lights, and they organised "
                "waste collection and tree planting themselves.",
                "The women's work fed into the city's 2017 heat action plan and 2019 monsoon "
                "plan, and the model has reached more than 125,000 people in 107 slums in six "
                "other South Asian cities.",
            ],
            "budget": [
                "The approach relies on local women's knowledge, partnerships with technical "
                "institutions and low-cost solutions that families can afford."
            ],
            "sdgs": [1, 5, 13],
            "targets": ["1.5", "13.1"],
            "themes": ["environment-resilience", "gender", "housing", "social-inclusion"],
            "start_year": 2014,
            "end_year": None,
            "status": "ongoing",
            "implementing_agencies": "Mahila Housing Trust",
            "partners": "Ahmedabad Municipal Corporation\nTechnical institutions and innovators",
        },
    },
    {
        "slug": "seoul",
        "title": "Seoul",
        "country": "KR",
        "region": "asia-pacific",
        "population": 9_400_000,
        "latitude": "37.566500",
        "longitude": "126.978000",
        "website": "https://english.seoul.go.kr",
        "intro": "The capital of the Republic of Korea, known for innovation in transport, "
        "e-government and urban regeneration.",
        "profile": [
            "The Seoul Metropolitan Government has introduced new policies in many areas, "
            "including transport, e-governance and urban regeneration, and has pioneered the "
            "sharing economy and the use of big data in managing the city."
        ],
        "focal_points": [
            ("Park Ji-won", "International relations officer", "focal.point@seoul.example.org"),
        ],
        "social": [("x", "https://x.com/seoul_gov")],
        "initiative": {
            "slug": "big-data-urban-management",
            "title": "Big data for urban planning and management",
            "summary": "The city uses large data sets to plan services and manage the city, from "
            "transport to everyday public services.",
            "background": [
                "A city of this size produces vast amounts of data every day, but decisions on "
                "services and investments were not always based on it.",
                "The city government set out to use that data to plan better and to respond "
                "faster to residents' needs.",
            ],
            "actions": [
                "The city combines its own administrative data with other large data sets to "
                "understand how residents move and use services, and uses the results in urban "
                "planning and management.",
                "The work goes hand in hand with the city's e-governance and its support for a "
                "sharing economy.",
            ],
            "impacts": [
                "Planning and services rest on evidence about how the city is actually used.",
                "The approach is one of the Seoul practices that other cities can learn from "
                "and adapt to their own data and institutions.",
            ],
            "budget": [
                "It relies on the city's data, its information technology staff and cooperation "
                "between departments."
            ],
            "sdgs": [9, 11, 17],
            "targets": ["17.18"],
            "themes": ["digital", "urban-planning", "governance"],
            "start_year": None,
            "end_year": None,
            "status": "ongoing",
            "implementing_agencies": "Seoul Metropolitan Government",
            "partners": "",
        },
    },
    {
        "slug": "almaty",
        "title": "Almaty",
        "country": "KZ",
        "region": "asia-pacific",
        "population": 2_200_000,
        "latitude": "43.222000",
        "longitude": "76.851200",
        "intro": "Kazakhstan's largest city, where residents help plan their public spaces.",
        "profile": [
            "The local government of Almaty has introduced a range of programmes to make urban "
            "planning more participatory."
        ],
        "focal_points": [
            (
                "Aigerim Nurlanovna",
                "Public participation officer",
                "focal.point@almaty.example.org",
            ),
        ],
        "social": [],
        "initiative": {
            "slug": "participatory-urban-planning",
            "title": "Participatory urban planning",
            "summary": "Residents take part in decisions on, and in the design of, the city's "
            "public spaces and facilities.",
            "background": [
                "Public spaces and facilities serve residents best when they reflect what "
                "people need, which planners alone cannot always see.",
            ],
            "actions": [
                "The city involves residents in decision-making and in the design of public "
                "spaces and facilities, rather than consulting them only once plans are made.",
            ],
            "impacts": [
                "Public spaces and facilities better match what residents need, and people take "
                "a greater part in shaping their city.",
            ],
            "budget": [
                "The programmes rely on the city's planning staff and on residents' time and "
                "local knowledge."
            ],
            "sdgs": [11, 16],
            "targets": ["11.3", "11.7", "16.7"],
            "themes": ["urban-planning", "governance", "social-inclusion"],
            "start_year": None,
            "end_year": None,
            "status": "ongoing",
            "implementing_agencies": "Almaty city administration",
            "partners": "Residents and community groups",
        },
    },
    {
        "slug": "seberang-perai",
        "title": "Seberang Perai",
        "country": "MY",
        "region": "asia-pacific",
        "population": 946_092,
        "latitude": "5.399200",
        "longitude": "100.363900",
        "website": "https://www.mbsp.gov.my",
        "intro": "A Malaysian city that plans its budget with women and men in mind.",
        "profile": [
            "Seberang Perai, on the mainland of the state of Penang, has made its budget a tool "
            "for gender equality."
        ],
        "focal_points": [
            (
                "Nurul Aina",
                "Gender-responsive budgeting lead",
                "focal.point@seberang-perai.example.org",
            ),
        ],
        "social": [],
        "initiative": {
            "slug": "gender-responsive-budgeting",
            "title": "Gender-responsive urban budgeting",
            "summary": "The city examines how its policies and spending affect different groups "
            "of women and men, with communities helping to raise resources and oversee them.",
            "background": [
                "Budgets that look neutral can serve women and men differently. The city wanted "
                "its policies and resources to support the different needs of both.",
            ],
            "actions": [
                "The city analyses its policies and budget allocations by their effect on "
                "different groups of women and men, and adjusts them.",
                "Communities take part by mobilising resources and by overseeing how budgets "
                "are spent.",
            ],
            "impacts": [
                "Policies and spending better support the different needs of women and men, "
                "and community oversight strengthens accountability.",
            ],
            "budget": [
                "The approach works within the existing municipal budget, with community "
                "resources adding to it."
            ],
            "sdgs": [5, 11, 16],
            "targets": ["5.c", "16.7"],
            "themes": ["gender", "finance", "governance"],
            "start_year": None,
            "end_year": None,
            "status": "ongoing",
            "implementing_agencies": "Seberang Perai City Council",
            "partners": "Community organisations",
        },
    },
    {
        "slug": "singapore",
        "title": "Singapore",
        "country": "SG",
        "region": "asia-pacific",
        "population": 5_900_000,
        "latitude": "1.352100",
        "longitude": "103.819800",
        "website": "https://www.gov.sg",
        "intro": "A city-state that plans water, public space and nature together.",
        "profile": [
            "Singapore has many integrated initiatives for sustainable development, in which "
            "one investment serves several goals at once."
        ],
        "focal_points": [
            ("Tan Wei Ling", "Urban sustainability planner", "focal.point@singapore.example.org"),
        ],
        "social": [],
        "initiative": {
            "slug": "integrated-water-and-public-space",
            "title": "Integrated public space and water infrastructure",
            "summary": "Programmes that design water infrastructure and public space together, "
            "improving wastewater treatment and reuse while adding parks and green corridors.",
            "background": [
                "A dense city with little land has to make every piece of infrastructure do more "
                "than one job.",
            ],
            "actions": [
                "The city plans its water infrastructure and its public spaces as one programme, "
                "so that waterways and treatment works also become places for people and "
                "corridors for wildlife.",
            ],
            "impacts": [
                "Wastewater management, recycling and reuse have improved, and residents have "
                "more and better public spaces and biodiversity corridors.",
            ],
            "budget": [
                "Combining investments in water and in public space means one budget delivers "
                "several benefits."
            ],
            "sdgs": [6, 11, 15],
            "targets": ["6.3", "11.7"],
            "themes": ["water-sanitation", "environment-resilience", "urban-planning"],
            "start_year": None,
            "end_year": None,
            "status": "ongoing",
            "implementing_agencies": "Government of Singapore",
            "partners": "",
        },
    },
]

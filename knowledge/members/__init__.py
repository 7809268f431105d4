"""City members: accounts and registration, membership of a city and its group, the moderators'
queues of requests and members, and My City, where members post and edit their city's initiatives
(the form built from the page model, attached files and their private collections)."""

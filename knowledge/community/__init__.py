"""Community around initiatives: moderated comments and reports, "contact this city", replication
interest, and the admin's queue and dashboard panel of what waits for moderators. Models live in
knowledge.models.interaction."""

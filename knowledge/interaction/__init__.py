"""Interaction between members and visitors: moderated comments, reports, "contact this city" and
the replication network. Models live in knowledge.models.interaction."""

"""Signals of the interaction services, for apps above `knowledge` (which it does not import).

Each is sent by knowledge.community.services after the action succeeded, inside its
transaction where it has one:

- `contact_relayed(sender=CityPage, city, page, data, language, user)`: a message was relayed to
  the focal points of `city` from `page` (the city page or one of its initiatives); `user` is the
  signed-in sender, or None for a visitor; `data` the form's cleaned data.
- `replication_recorded(sender=ReplicationInterest, interest, page, membership)`: a member's city
  recorded that it replicated, or is interested in, the initiative `page`.
- `comment_posted(sender=InitiativeComment, comment)`: a comment was posted (published at once
  for trusted authors, else pending).
- `comment_moderated(sender=InitiativeComment, comment, moderator, previous_status)`: a moderator
  published or hid a comment (`comment.status` is the new status).
"""

from django.dispatch import Signal

contact_relayed = Signal()
replication_recorded = Signal()
comment_posted = Signal()
comment_moderated = Signal()

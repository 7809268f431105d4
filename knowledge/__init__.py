"""The knowledge base: cities share the policies and initiatives they use to reach the SDGs.

One Django app (label `knowledge`) in parts, each a sub-package with one purpose. A part imports
only the parts below it (the contract is in pyproject.toml, checked by `lint-imports`):

- wiring: `apps`, `wagtail_hooks`, `urls`, `templatetags`, `management`, `signal_handlers`,
  `tasks` (background jobs) and `setup` (the moderators' role and workflow);
- `community`: comments, reports, "contact this city", replication interest;
- `members`: accounts, registration, membership, the moderators' queues, My City;
- `initiatives`: the initiatives database, its exports and API filters, moderation, related
  initiatives;
- `maps`, `opendata`, `query` (parameters and the keyword search), `taxonomy` (SDGs, targets,
  themes) and `uploads` (checks of uploaded files);
- `roles`: groups made once and found by what they stand for;
- `models`: every model of the app, split by concept;
- `blocks` and `base`: what the models are built from;
- `languages`: translation state, review, the translator policy and desk;
- `permissions` and `conf`: page permissions, and the settings with their defaults.
"""

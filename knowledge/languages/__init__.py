"""Working in six languages: who translates and reviews which language (translator and reviewer
groups and their permission policy), the translation desk, the review of translations before
they go live, and the state of each translation against its source."""

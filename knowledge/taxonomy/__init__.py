"""The taxonomies: the 17 SDGs, their targets and the themes, loaded from the official texts in
every language (`data`), edited in the admin (`viewsets`) and served by the API (`api`)."""

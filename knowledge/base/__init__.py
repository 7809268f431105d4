"""What the models of the knowledge base are built from, and what every part uses: API serializer
fields, bulk loading of stream objects, the admin page form, cache tags and version counters,
regions, reader addresses and formats, and the bot trap of public forms. Imports nothing of
knowledge above `languages` and `permissions`, so that the models can use all of it."""

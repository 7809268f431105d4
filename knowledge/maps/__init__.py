"""Maps and charts drawn on the server, without scripts: the world map, a city's tile map, the map
of initiatives, and bar charts per goal and region."""

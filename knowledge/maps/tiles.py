"""A city's location as a small map of web-map tiles, positioned without any script.

With no tile server configured (MAP_TILE_URL), pages show the coordinates as text only.
"""

import math
from dataclasses import dataclass

from django.conf import settings

TILE_SIZE = 256
ZOOM = 11
COLUMNS = range(-2, 3)  # five tiles across
ROWS = range(-1, 2)  # three tiles down


@dataclass(frozen=True)
class Tile:
    url: str
    left: int
    top: int


@dataclass(frozen=True)
class TileMap:
    tiles: list
    # Where the marker sits within the tile grid, in pixels from its top left corner.
    marker_x: int
    marker_y: int
    attribution: str

    @property
    def width(self):
        return TILE_SIZE * len(COLUMNS)

    @property
    def height(self):
        return TILE_SIZE * len(ROWS)


def tile_map(latitude, longitude, zoom=ZOOM):
    """The tiles around a point, or None when no tile server is configured."""
    template = getattr(settings, "MAP_TILE_URL", "")
    if not template or latitude is None or longitude is None:
        return None
    latitude = max(min(float(latitude), 85.0511), -85.0511)
    scale = 2**zoom
    x = (float(longitude) + 180.0) / 360.0 * scale
    radians = math.radians(latitude)
    y = (1.0 - math.asinh(math.tan(radians)) / math.pi) / 2.0 * scale
    centre_x, centre_y = int(x), int(y)
    tiles = []
    for row_index, row in enumerate(ROWS):
        for column_index, column in enumerate(COLUMNS):
            tile_x = (centre_x + column) % scale
            tile_y = centre_y + row
            if not 0 <= tile_y < scale:
                continue
            tiles.append(
                Tile(
                    url=template.format(z=zoom, x=tile_x, y=tile_y),
                    left=column_index * TILE_SIZE,
                    top=row_index * TILE_SIZE,
                )
            )
    return TileMap(
        tiles=tiles,
        marker_x=int((x - centre_x + abs(COLUMNS.start)) * TILE_SIZE),
        marker_y=int((y - centre_y + abs(ROWS.start)) * TILE_SIZE),
        attribution=getattr(settings, "MAP_TILE_ATTRIBUTION", ""),
    )

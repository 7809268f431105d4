"""The world drawn as SVG on the server, from the Natural Earth countries shipped with the project.

`knowledge/data/world-atlas/countries-110m.json` is the `world-atlas` 2.0.2 TopoJSON (Natural
Earth 1:110m, public domain; packaging ISC, see LICENSE beside it). Its arcs are decoded and
projected with the Natural Earth projection once per process, so pages need no script, no tile
server and no network.
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ATLAS = Path(__file__).resolve().parents[1] / "data" / "world-atlas" / "countries-110m.json"

WIDTH = 960
# Antarctica (ISO numeric 010) is left out: no city of the platform is there, and it would take a
# fifth of the height.
LEFT_OUT = {"010"}
SOUTH, NORTH = -58.0, 84.0
MARGIN = 6


def _natural_earth(longitude, latitude):
    """Natural Earth projection (Šavrič et al. 2011), in radians of the unit sphere."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (
        0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4))
    )
    y = phi * (
        1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4))
    )
    return x, y


_X_EXTENT = _natural_earth(180, 0)[0]
_Y_TOP = _natural_earth(0, NORTH)[1]
_Y_BOTTOM = _natural_earth(0, SOUTH)[1]
_SCALE = (WIDTH - 2 * MARGIN) / (2 * _X_EXTENT)
HEIGHT = round((_Y_TOP - _Y_BOTTOM) * _SCALE + 2 * MARGIN)


def project(longitude, latitude):
    """(x, y) in the map's SVG coordinates, y downwards; latitudes outside the map are clamped."""
    latitude = max(min(float(latitude), NORTH), SOUTH)
    x, y = _natural_earth(float(longitude), latitude)
    return (MARGIN + (x + _X_EXTENT) * _SCALE, MARGIN + (_Y_TOP - y) * _SCALE)


def _decode_arcs(topology):
    """Absolute (longitude, latitude) points of every arc of a quantised topology."""
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def _ring(indexes, arcs):
    """The points of a ring made of arcs; a negative index ~i is arc i backwards."""
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their end point.
        points.extend(arc[1:] if points else arc)
    return points


def _across_antimeridian(ring):
    """A ring that crosses longitude 180 (Fiji, Chukotka) made continuous, and drawn on both
    sides of the map; the outline of the map clips what falls beyond its edge."""
    unwrapped = [ring[0]]
    for lon, lat in ring[1:]:
        previous = unwrapped[-1][0]
        while lon - previous > 180:
            lon -= 360
        while previous - lon > 180:
            lon += 360
        unwrapped.append((lon, lat))
    low = min(lon for lon, _lat in unwrapped)
    high = max(lon for lon, _lat in unwrapped)
    copies = [unwrapped]
    if high > 180:
        copies.append([(lon - 360, lat) for lon, lat in unwrapped])
    if low < -180:
        copies.append([(lon + 360, lat) for lon, lat in unwrapped])
    return copies


def _polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def _path_data(rings):
    """Rings as SVG path data on whole pixels, with relative steps: a quarter of the size of
    absolute coordinates, and no visible difference at the map's scale."""
    parts = []
    for ring in rings:
        points = []
        for lon, lat in ring:
            x, y = project(lon, lat)
            point = (round(x), round(y))
            if not points or point != points[-1]:
                points.append(point)
        if len(points) < 3:
            continue
        steps = [f"M{points[0][0]} {points[0][1]}"]
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            steps.append(f"{x1 - x0} {y1 - y0}")
        parts.append(steps[0] + "l" + " ".join(steps[1:]).replace(" -", "-") + "z")
    return "".join(parts)


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166 numeric
    name: str  # Natural Earth's English name (not shown: the markers carry the information)
    path: str


@lru_cache(maxsize=1)
def countries():
    """Every country of the atlas as an SVG path, decoded and projected once per process."""
    topology = json.loads(ATLAS.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    result = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = str(geometry.get("id", ""))
        if code in LEFT_OUT:
            continue
        rings = [
            copy
            for polygon in _polygons(geometry)
            for ring in polygon
            for copy in _across_antimeridian(_ring(ring, arcs))
        ]
        path = _path_data(rings)
        if path:
            result.append(Country(code, geometry["properties"].get("name", ""), path))
    return tuple(result)


@lru_cache(maxsize=1)
def outline_path():
    """The edge of the map: the curved meridians ±180 between its southern and northern limits."""
    east = [project(180, SOUTH + step * (NORTH - SOUTH) / 36) for step in range(37)]
    west = [(WIDTH - x, y) for x, y in reversed(east)]
    return "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in east + west) + "Z"


@lru_cache(maxsize=1)
def land_path():
    """All countries as one path: what the page draws as the background."""
    return "".join(country.path for country in countries())

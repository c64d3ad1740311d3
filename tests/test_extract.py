"""Extraction rules one at a time: casualty counts, quotations, and single sentences coded by the
real pipeline (roles, compound actors, negation, modality, reported speech)."""

from __future__ import annotations

import pytest

from eventwire.extract.casualties import find_casualties, parse_number
from eventwire.extract.claims import find_listings, find_quotations
from eventwire.extract.lexicon import Lexicon, parse_lexicon, verb_forms
from eventwire.extract.syntax import phrase_tokens
from eventwire.pipeline import STEPS, Pipeline
from eventwire.text.nlp import CueFilter, load_nlp


@pytest.mark.parametrize(("text", "killed", "injured", "arrested"), [
    ("7 servicemen of the Azerbaijani Armed Forces became martyrs, 10 soldiers were injured",
     7, 10, None),
    ("Seven soldiers died as martyrs and ten others were wounded.", 7, 10, None),
    ("Shelling killed one soldier, wounding four others.", 1, 4, None),
    ("The army shelled positions, killing 3 and wounding twenty-one.", 3, 21, None),
    ("Police detained 6 people after the clashes.", None, None, 6),
    ("33 people, including 21 civilians, have been killed and 118 others injured", 33, 118, None),
    ("The minister met his counterpart.", None, None, None),
    # The one before an active verb with an object is who killed, not one killed.
    ("A suicide car bomber killed at least eight soldiers.", 8, None, None),
    ("Rockets answered an air strike that killed one of its commanders.", 1, None, None),
    ("A roadside bomb wounded four rangers in Narathiwat.", None, 4, None),
    ("A soldier killed in the clash was buried on Monday.", 1, None, None),
    ("Israeli troops shot dead two Palestinians.", 2, None, None),
    ("A policeman shot dead a suspect.", 1, None, None),
    ("Two protesters shot dead by police were buried.", 2, None, None),
    ("The bodies of seven civilians were recovered from the rubble.", 7, None, None),
])
def test_casualty_counts(text: str, killed, injured, arrested) -> None:
    found = find_casualties(text)
    assert (found.killed, found.injured, found.arrested) == (killed, injured, arrested)


def test_number_words() -> None:
    assert [parse_number(w) for w in ("seven", "twenty-one", "1,200", "a")] == [7, 21, 1200, 1]


def test_quotation_speaker_after_the_quote() -> None:
    text = '"Armenian units opened fire on our positions," the ministry said.'
    (quote,) = find_quotations(text)
    assert text[quote.start:quote.end].startswith("Armenian units")
    assert quote.speaker.text == "the ministry"
    assert quote.verb.text == "said"


def test_steps_are_registered_by_name() -> None:
    assert {"events", "casualties", "claims", "modality", "dates", "places", "references",
            "meetings", "statements", "confidence"} <= set(STEPS)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def one(pipeline: Pipeline, text: str, event_type: str, published: str = "2021-11-17"):
    events = [e for e in pipeline.extract(text, published=published)
              if e.event_type == event_type]
    assert events, f"no {event_type} in {[e.event_type for e in pipeline.extract(text)]}"
    return events[0]


@pytest.mark.slow
def test_subject_and_object_roles(pipeline: Pipeline) -> None:
    event = one(pipeline, "Azerbaijan summoned the French ambassador on Monday.", "ACCUSE")
    assert [a.code for a in event.actors] == ["AZE"]
    assert [a.code for a in event.recipients] == ["FRA GOV"]
    assert event.date == "2021-11-15" and event.date_source == "text"


@pytest.mark.slow
def test_compound_actor_is_one_list(pipeline: Pipeline) -> None:
    event = one(pipeline, "Russia and Turkey signed an agreement on Tuesday.", "SUPPORT")
    assert sorted(a.country for a in event.actors) == ["RUS", "TUR"]


@pytest.mark.slow
def test_negated_and_future_events(pipeline: Pipeline) -> None:
    negated = one(pipeline, "Azerbaijani forces did not open fire on the village.", "ASSAULT")
    assert negated.modality == "negated"
    future = one(pipeline, "Armenia will deploy troops to the border next month.", "MOBILIZE")
    assert future.modality == "future"


@pytest.mark.slow
def test_a_failure_to_agree_is_reject_and_other_failed_acts_did_not_happen(
        pipeline: Pipeline) -> None:
    # The PLOVER gold standard codes "failed to reach agreement" as REJECT.
    failed = one(pipeline, "Serbia and Kosovo failed to reach an agreement in Brussels on "
                 "Monday.", "REJECT")
    assert (failed.cameo, failed.modality) == ("120", "actual")
    assert any("'failed to'" in line for line in failed.explain)
    talks = one(pipeline, "Talks between Serbia and Kosovo in Brussels failed to reach a deal.",
                "REJECT")
    # The talks do nothing themselves: their parties are the actors, not the capital they met in.
    assert sorted(a.code for a in talks.actors) == ["KOS", "SRB"]
    assert not [e for e in pipeline.extract(talks.sentence) if e.event_type == "AGREE"]
    attack = one(pipeline, "Gunmen failed to storm the police station in Mitrovica.", "ASSAULT")
    assert attack.modality == "negated"
    reached = one(pipeline, "Serbia and Kosovo reached an agreement in Brussels on Monday.",
                  "AGREE")
    assert reached.modality == "actual"


@pytest.mark.slow
def test_an_act_to_be_prevented_has_not_happened(pipeline: Pipeline) -> None:
    avoided = one(pipeline, "The army took measures to avoid clashes with the villagers.",
                  "ASSAULT")
    assert avoided.modality == "hypothetical"
    assert any("to be prevented: 'avoid'" in line for line in avoided.explain)
    averted = one(pipeline, "Troops averted an attack on the convoy.", "ASSAULT")
    assert averted.modality == "hypothetical"
    # The act done to prevent another is actual; so is a prevention that is itself the event.
    shelled = one(pipeline, "The army shelled villages to prevent the rebels from advancing.",
                  "ASSAULT")
    assert shelled.modality == "actual"
    stopped = one(pipeline, "Police prevented the protesters from marching to parliament.",
                  "COERCE")
    assert stopped.modality == "actual"


@pytest.mark.slow
def test_a_meeting_someone_is_hoping_or_wishing_for_is_intended(pipeline: Pipeline) -> None:
    # As "plans to meet": PLOVER codes the intent (AGREE, CAMEO 036), not a meeting held.
    text = "The minister, hoping to meet his Turkish counterpart, flew to Ankara."
    intent = one(pipeline, text, "AGREE")
    assert intent.cameo == "036"
    assert not [e for e in pipeline.extract(text) if e.event_type == "CONSULT"]
    # A kind of party described by what it may wish states no intent of its own.
    kind = one(pipeline, "Delegations wishing to visit the region must coordinate with Baku.",
               "CONSULT")
    assert kind.modality == "hypothetical"
    assert any("a kind of party 'wishing' to" in line for line in kind.explain)


@pytest.mark.slow
def test_promised_cooperation_is_agree_and_announced_conflict_is_threaten(
        pipeline: Pipeline) -> None:
    # PLOVER: future CONSULT/SUPPORT/COOPERATE/AID is AGREE (CAMEO 03), conflict announced for
    # later is THREATEN (CAMEO 13); the promise or threat itself is actual.
    promise = one(pipeline, "Iran plans to sign an agreement with Armenia next month.", "AGREE")
    assert (promise.cameo, promise.modality) == ("032", "actual")
    assert any("intent: future SUPPORT" in line for line in promise.explain)
    visit = one(pipeline, "The Armenian president will visit Moscow next week.", "AGREE")
    assert visit.cameo == "036"
    threat = one(pipeline, "Farmers said they would boycott the elections.", "THREATEN")
    assert (threat.cameo, threat.event_mode) == ("133", "restrict")
    done = one(pipeline, "Farmers boycotted the elections on Sunday.", "PROTEST")
    assert done.modality == "actual"
    refusal = one(pipeline, "Armenia will not accept the proposal.", "REJECT")
    assert (refusal.cameo, refusal.modality) == ("120", "actual")
    one(pipeline, "Armenia did not accept the proposal.", "AGREE")  # negated, not refused
    readiness_to_force = one(pipeline, "The government said it is prepared to impose martial "
                             "law.", "THREATEN")
    assert readiness_to_force.cameo == "132"
    warning = one(pipeline, "Nigeria said it will withdraw its force from Chad unless the "
                  "president arranges a ceasefire.", "THREATEN")
    assert warning.modality == "actual"
    # The manual's RETREAT section: "announced ... would withdraw troops" is CONCEDE.
    one(pipeline, "Armenia announced it would withdraw its troops from the border.", "CONCEDE")


@pytest.mark.slow
def test_readiness_is_agree_coded_by_what_is_offered(pipeline: Pipeline) -> None:
    offer = one(pipeline, "France is ready to send troops to Liberia, the minister said.",
                "AGREE")
    assert offer.cameo == "033"
    assert [a.country for a in offer.actors] == ["FRA"]
    assert not [e for e in pipeline.extract("France is ready to send troops to Liberia.")
                if e.event_type == "AID"]


@pytest.mark.slow
def test_what_another_party_must_do_is_a_demand(pipeline: Pipeline) -> None:
    demand = one(pipeline, "Russia said on Tuesday that Sudan must return the helicopter.",
                 "REQUEST")
    assert [a.country for a in demand.actors] == ["RUS"]
    assert [r.country for r in demand.recipients] == ["SDN"]
    assert not [e for e in pipeline.extract("Russia said on Tuesday that Sudan returned the "
                                            "helicopter.") if e.event_type == "REQUEST"]


@pytest.mark.slow
def test_reported_speech_is_claimed_and_is_itself_a_statement(pipeline: Pipeline) -> None:
    text = ("Armenian forces shelled the village of Sotk on Tuesday, the Azerbaijani Defense "
            "Ministry said.")
    events = pipeline.extract(text, published="2021-11-17")
    assault = next(e for e in events if e.event_type == "ASSAULT")
    assert assault.attribution == "claimed"
    assert assault.claimed_by is not None and assault.claimed_by.country == "AZE"
    assert [a.country for a in assault.actors] == ["ARM"]
    statement = next(e for e in events if e.event_type == "ACCUSE")
    assert [a.country for a in statement.actors] == ["AZE"]


@pytest.mark.slow
def test_coming_under_fire_is_an_attack_on_the_subject(pipeline: Pipeline) -> None:
    attack = one(pipeline, "A UN patrol came under attack in Bangui on Tuesday.", "ASSAULT")
    assert [r.code for r in attack.recipients] == ["UNO COP"]
    assert [a.sector for a in attack.actors] == ["UNK"]
    fire = one(pipeline, "The convoy came under fire near the village of Kaga Bandoro.",
               "ASSAULT")
    assert fire.event_mode == "firearms"


@pytest.mark.slow
def test_a_call_and_a_note_reach_whom_they_are_addressed_to(pipeline: Pipeline) -> None:
    call = one(pipeline, "Chad's foreign minister spoke by phone with his Sudanese counterpart "
               "on Monday.", "CONSULT")
    assert call.event_mode == "phone"
    assert sorted(a.country for a in call.actors) == ["SDN", "TCD"]
    note = one(pipeline, "Georgia handed a note of protest to the Russian ambassador.",
               "ACCUSE")
    assert [r.code for r in note.recipients] == ["RUS GOV"]


@pytest.mark.slow
def test_a_summons_is_not_where_what_it_protests_happened(pipeline: Pipeline) -> None:
    summons = one(pipeline, "Chad's foreign ministry summoned the Sudanese charge d'affaires on "
                  "Monday to protest the shelling of the border town of Adre.", "ACCUSE")
    assert summons.trigger.text == "summoned" and not summons.locations


@pytest.mark.slow
def test_a_name_acting_in_another_clause_is_no_place(pipeline: Pipeline) -> None:
    release = one(pipeline, "The rebels released 20 hostages after weeks of negotiations "
                  "mediated by Qatar.", "RETREAT")
    assert not release.locations
    assert [a.code for a in release.actors] == ["REB"]  # not Qatar's rebels


@pytest.mark.slow
def test_a_body_named_by_its_sector_reports_its_own_sides_act(pipeline: Pipeline) -> None:
    text = ("In retaliation, Israeli jets struck Hezbollah positions in the Bekaa valley, the "
            "army said.")
    strike = one(pipeline, text, "ASSAULT")
    # The army is Israel's, announcing its strike: no Lebanese accusation against Israel.
    assert strike.claimed_by is None or strike.claimed_by.country == "ISR"
    assert not [e for e in pipeline.extract(text) if e.event_type == "ACCUSE"]


@pytest.mark.slow
def test_an_act_named_to_say_when_takes_no_counts(pipeline: Pipeline) -> None:
    text = ("Two days after the ambush, the army launched an operation in the forest, killing "
            "six militants.")
    by_trigger = {e.trigger.text: e.killed for e in pipeline.extract(text)
                  if e.event_type == "ASSAULT"}
    assert by_trigger == {"ambush": None, "killing": 6}


@pytest.mark.slow
def test_casualties_go_to_the_attack_and_places_are_geocoded(pipeline: Pipeline) -> None:
    event = one(pipeline, "Armenian troops attacked positions near Lachin, killing two soldiers.",
                "ASSAULT")
    assert event.killed == 2
    assert event.location is not None and event.location.country == "AZE"
    assert any("killed" in line for line in event.explain)


@pytest.mark.slow
def test_one_statement_per_speech_verb_and_outlet_credits_are_not_claims(
        pipeline: Pipeline) -> None:
    text = ("Armenian troops shelled Sotk and Iranian units attacked Lachin, the Azerbaijani "
            "ministry said. Police detained three protesters in Baku, Trend reports.")
    events = pipeline.extract(text, published="2021-11-17")
    assert len({e.id for e in events}) == len(events)
    statements = [e for e in events if e.event_type == "ACCUSE"]
    assert len(statements) == 1
    assert sorted(a.country for a in statements[0].recipients) == ["ARM", "IRN"]
    arrest = next(e for e in events if e.event_type == "COERCE")
    assert arrest.attribution == "asserted" and arrest.claimed_by is None


@pytest.mark.slow
def test_first_person_is_the_speakers_side_and_an_attack_happens_where_its_target_is(
        pipeline: Pipeline) -> None:
    text = ('"Armenian units launched an offensive against our positions near Kalbajar," the '
            'embassy of Azerbaijan in Russia said.')
    attack = one(pipeline, text, "ASSAULT")
    assert [a.code for a in attack.recipients] == ["AZE MIL"]
    assert any("first person" in line for line in attack.explain)
    assert [p.country for p in attack.locations] == ["AZE"]
    statement = one(pipeline, text, "ACCUSE")
    assert statement.cameo == "1123"  # accuse of aggression: the statement blames an attack


@pytest.mark.slow
def test_first_person_without_a_speaker_is_no_party(pipeline: Pipeline) -> None:
    attack = one(pipeline, "Armenian units attacked our positions on Tuesday.", "ASSAULT")
    assert attack.recipients == []


@pytest.mark.slow
def test_participles_and_topics_are_not_events_of_their_own(pipeline: Pipeline) -> None:
    text = ("The ministry issued a statement regarding the fighting. Azerbaijani forces shelled "
            "Armenian positions on Tuesday, killing one soldier. They forced the attacking "
            "groups to withdraw.")
    events = pipeline.extract(text, published="2021-11-17")
    assert [e.trigger.text for e in events if e.event_type == "ASSAULT"] == ["shelled"]
    shelling = next(e for e in events if e.trigger.text == "shelled")
    assert shelling.killed == 1
    assert any("tells the result of 'shelled'" in line for line in shelling.explain)


@pytest.mark.slow
def test_short_names_refer_back_to_the_body_named_in_full(pipeline: Pipeline) -> None:
    text = ("The French ambassador was summoned to the Ministry of Foreign Affairs in Baku on "
            "November 17. According to the ministry, French senators met separatist leaders "
            "there. The embassy of Armenia in Paris condemned the visit. The embassy accused "
            "Baku of provocations.")
    events = pipeline.extract(text, published="2021-11-18")
    summons = next(e for e in events if e.trigger.text == "summoned")
    assert [a.code for a in summons.actors] == ["AZE GOV"]  # summoned *to* the ministry
    assert any("acting at home" in line for line in summons.explain)
    meeting = next(e for e in events if e.event_type == "CONSULT")
    assert meeting.claimed_by is not None and meeting.claimed_by.code == "AZE GOV"
    accusation = next(e for e in events if e.trigger.text == "accused")
    assert [a.code for a in accusation.actors] == ["ARM GOV"]  # the embassy, not the ministry


@pytest.mark.slow
def test_an_act_accused_in_a_quoted_note_is_accused_by_its_author(pipeline: Pipeline) -> None:
    text = ("Bulgaria's Foreign Minister Ivan Petrov handed the Turkish ambassador a note of "
            "protest in Sofia on March 3. Turkish troops attacked a Bulgarian border post on "
            "March 2. \"These attacks violate the sovereignty of Bulgaria,\" the note reads.")
    events = pipeline.extract(text, published="2022-03-04")
    accusation = next(e for e in events if e.trigger.text == "violate")
    # The note speaks for whoever handed it over, and accuses the attackers, not Bulgaria.
    assert [a.code for a in accusation.actors] == ["BGR GOV"]
    assert [a.code for a in accusation.recipients] == ["TUR MIL"]
    assert any("author of the note quoted" in line for line in accusation.explain)


@pytest.mark.slow
@pytest.mark.parametrize("told", [
    "A delegation of Russian lawmakers visited Sukhumi on Monday.",
    "A delegation of Russian lawmakers travelled to Sukhumi on Monday and met separatist "
    "leaders there.",
])
def test_such_trips_accused_by_a_speaker_point_back_to_the_travellers(
        pipeline: Pipeline, told: str) -> None:
    text = f"{told} \"Such trips violate the sovereignty of Georgia,\" the Georgian Foreign " \
           "Ministry said."
    accusation = next(e for e in pipeline.extract(text, published="2022-05-03")
                      if e.trigger.text == "violate")
    assert [a.code for a in accusation.actors] == ["GEO GOV"]
    assert [a.code for a in accusation.recipients] == ["RUS LEG"]


@pytest.mark.slow
def test_a_thing_accused_in_a_note_is_no_act_and_has_no_doer(pipeline: Pipeline) -> None:
    text = ("Bulgaria's Foreign Minister Ivan Petrov handed the Turkish ambassador a note of "
            "protest on March 3. \"The new map violates the sovereignty of Bulgaria,\" the note "
            "reads.")
    accusation = next(e for e in pipeline.extract(text, published="2022-03-04")
                      if e.trigger.text == "violates")
    assert accusation.actors == []
    assert "TUR" not in {a.country for a in accusation.recipients}


@pytest.mark.slow
@pytest.mark.parametrize(("detained", "recipients"), [
    ("six people", []),  # counted, not identified: neither side's, nor Lyon's
    ("more than 20 persons", []),
    ("two men", []),
    ("six Armenians", ["ARM CVL"]),
    ("six of the demonstrators", ["AZE CVL"]),
])
def test_people_detained_are_a_party_only_where_the_text_says_who(
        pipeline: Pipeline, detained: str, recipients: list[str]) -> None:
    text = ("Armenian nationalists attacked Azerbaijani demonstrators in Lyon on Saturday. "
            f"Police detained {detained} over the clashes, the prefecture said.")
    arrest = one(pipeline, text, "COERCE", published="2020-10-26")
    assert [a.code for a in arrest.actors] == ["FRA COP"]
    assert [a.code for a in arrest.recipients] == recipients


@pytest.mark.slow
def test_background_history_is_marked_historical(pipeline: Pipeline) -> None:
    text = "Azerbaijan and Armenia fought a 44-day war in the autumn of 2020."
    war = one(pipeline, text, "ASSAULT", published="2021-11-17")
    assert war.modality == "historical"
    assert one(pipeline, text, "ASSAULT", published="2020-12-01").modality == "actual"


@pytest.mark.slow
def test_repeated_names_and_both_parties_refer_back(pipeline: Pipeline) -> None:
    text = ("Foreign Minister of Armenia Ararat Mirzoyan held a telephone conversation with "
            "Foreign Minister of Iran Hossein Amir-Abdollahian on December 2. The ministers "
            "discussed transport projects. Amir-Abdollahian praised the Armenian government. "
            "The two ministers agreed to meet in Tehran early next year.")
    events = pipeline.extract(text, published="2021-12-03")
    by_trigger = {e.trigger.text: e for e in events}
    assert [a.code for a in by_trigger["discussed"].actors] == ["ARM GOV", "IRN GOV"]
    assert [a.code for a in by_trigger["praised"].actors] == ["IRN GOV"]
    agreement = by_trigger["agreed to meet"]
    assert (agreement.event_type, agreement.cameo) == ("AGREE", "036")
    assert [a.code for a in agreement.actors] == ["ARM GOV", "IRN GOV"]
    # The meeting is next year; the agreement to meet was made on the day of the call.
    assert agreement.date == "2021-12-02"
    assert any("after publication" in line for line in agreement.explain)


@pytest.mark.slow
def test_what_a_condemnation_is_about_is_not_another_event(pipeline: Pipeline) -> None:
    events = pipeline.extract("The Ministry of Foreign Affairs of Azerbaijan strongly condemned "
                              "the attack.", published="2020-10-26")
    assert [(e.event_type, e.trigger.text) for e in events] == [("ACCUSE", "condemned")]
    assert any("'attack' is what 'condemned' is about" in line for line in events[0].explain)


@pytest.mark.slow
def test_a_place_in_a_body_name_gives_its_country_and_own_reports_accuse_nobody(
        pipeline: Pipeline) -> None:
    text = "Police detained six people over the violence, the Kalbajar district police said."
    events = pipeline.extract(text, published="2021-11-17")
    (arrest,) = events  # the police reporting its own arrests is no ACCUSE statement
    assert arrest.event_type == "COERCE"
    assert arrest.claimed_by is not None and arrest.claimed_by.code == "AZE COP"


def test_a_listing_sentence_introduces_the_rest_of_its_paragraph() -> None:
    from eventwire.text.segment import split_sentences

    text = ("The ministry listed the latest incidents. On November 28, a truck hit a mine. On "
            "December 1, a soldier was injured.\n\nOther news followed.")
    (listing,) = find_listings(text, split_sentences(text))
    assert listing.speaker.text == "The ministry"
    assert text[listing.start:listing.end] == ("On November 28, a truck hit a mine. On "
                                               "December 1, a soldier was injured.")


@pytest.mark.slow
def test_mine_incidents_in_a_listed_account(pipeline: Pipeline) -> None:
    text = ("The Ministry of Foreign Affairs of Azerbaijan has issued a statement on the threat "
            "posed by landmines. The ministry listed the latest incidents. On November 28, two "
            "workers were killed when their truck hit an anti-tank mine near Kalbajar. The "
            "ministry called on Armenia to hand over accurate maps of mined areas.")
    events = pipeline.extract(text, published="2021-12-09")
    assert [e.event_type for e in events] == ["ASSAULT", "REQUEST"]  # no threat, no hand-over
    mine, request = events
    assert (mine.date, mine.killed, mine.event_mode) == ("2021-11-28", 2, "explosives")
    assert mine.claimed_by is not None and mine.claimed_by.code == "AZE GOV"
    assert [a.code for a in request.actors] == ["AZE GOV"]  # from the subject of sentence 1
    assert "'hand' is what 'called on' is about, not another event" in request.explain


@pytest.mark.slow
def test_pronouns_take_the_person_named_last_and_dates_are_no_parties(
        pipeline: Pipeline) -> None:
    text = ("Deputy Foreign Minister of Azerbaijan Khalaf Khalafov met the envoy on Saturday. "
            "He stressed that Armenian units had opened fire on Azerbaijani positions.")
    events = pipeline.extract(text, published="2021-11-08")
    meeting = next(e for e in events if e.event_type == "CONSULT")
    assert all(a.text != "Saturday" for a in [*meeting.actors, *meeting.recipients])
    fire = next(e for e in events if e.event_type == "ASSAULT")
    assert fire.claimed_by is not None and fire.claimed_by.code == "AZE GOV"
    assert "pronoun for" in (fire.claimed_by.matched or "")
    lone = pipeline.extract("He stressed that Armenian units had opened fire on Azerbaijani "
                            "positions.", published="2021-11-08")
    assert next(e for e in lone if e.event_type == "ASSAULT").claimed_by is None


@pytest.mark.slow
def test_a_domestic_body_takes_the_datelines_country(pipeline: Pipeline) -> None:
    text = "BAKU, Azerbaijan, Nov. 6. The ministry accused Armenia of provocations."
    (accusation,) = [e for e in pipeline.extract(text, published="2021-11-06")
                     if e.event_type == "ACCUSE"]
    assert [a.code for a in accusation.actors] == ["AZE GOV"]
    assert "acting at home" in (accusation.actors[0].matched or "")


@pytest.mark.slow
def test_the_story_continues_in_place_and_time_but_not_in_the_day_it_was_told(
        pipeline: Pipeline) -> None:
    text = ("Members of the Azerbaijani community held a rally in Lyon on Saturday in support of "
            "Azerbaijan's territorial integrity. Nationalists attacked the demonstrators.\n\n"
            "Police detained six people over the violence, the Lyon prefecture said on Sunday.")
    events = pipeline.extract(text, published="2020-10-26")
    rally, attack, arrest = (next(e for e in events if e.event_type == t)
                             for t in ("PROTEST", "ASSAULT", "COERCE"))
    assert [p.name for p in rally.locations] == ["Lyon"]  # not Azerbaijan beside it
    assert attack.date == arrest.date == "2020-10-24"  # "said on Sunday" dates the saying
    assert [p.name for p in arrest.locations] == ["Lyon"]
    assert any("where the story of 'rally'" in line for line in arrest.explain)
    assert [a.code for a in arrest.actors] == ["FRA COP"]  # police act at home


@pytest.mark.slow
def test_the_object_does_what_it_is_forced_to(pipeline: Pipeline) -> None:
    text = "Azerbaijani units forced Armenian troops to retreat on Tuesday."
    retreat = one(pipeline, text, "RETREAT")
    assert [a.code for a in retreat.actors] == ["ARM MIL"]


@pytest.mark.slow
def test_an_object_pronoun_is_not_its_clauses_subject(pipeline: Pipeline) -> None:
    text = ("The Ambassador of France to Azerbaijan was summoned on November 17, where Deputy "
            "Foreign Minister Khalaf Khalafov handed him a note of protest.")
    note = next(e for e in pipeline.extract(text, published="2021-11-18")
                if e.trigger.text == "note of protest")
    assert [a.code for a in note.recipients] == ["FRA GOV"]


@pytest.mark.slow
def test_a_sentence_that_ends_with_its_speaker_is_the_speakers_account(
        pipeline: Pipeline) -> None:
    text = ("Azerbaijani forces fired on Armenian positions near Sotk, wounding one soldier, "
            "the Armenian Defence Ministry said.")
    fire = one(pipeline, text, "ASSAULT", published="2023-05-20")
    assert fire.claimed_by is not None and fire.claimed_by.code == "ARM GOV"
    assert [p.name for p in fire.locations] == ["Sotk"]  # "near" takes only places
    assert fire.date_source == "published"


@pytest.mark.slow
def test_said_yesterday_dates_what_nothing_else_dates(pipeline: Pipeline) -> None:
    text = ("The Ministry of Defence of Armenia said yesterday that Azerbaijani troops opened "
            "fire on its positions.")
    fire = one(pipeline, text, "ASSAULT", published="2023-05-20")
    assert fire.date == "2023-05-19"
    assert any("the latest it can have happened" in line for line in fire.explain)
    assert [a.code for a in fire.recipients] == ["ARM MIL"]  # "its": the speaker's side
    assert fire.claimed_by is not None and fire.claimed_by.code == "ARM GOV"


@pytest.mark.slow
@pytest.mark.parametrize(("text", "mode"), [
    ("Russian missiles struck Kharkiv on Wednesday.", "heavy-weapons"),
    ("Russian forces struck military facilities in Kharkiv on Wednesday.", None),
    ("The Azerbaijani side used mortars near Sotk.", "heavy-weapons"),
    ("Indian troops carried out unprovoked firing on Pakistani posts.", "firearms"),
])
def test_strikes_and_firing(pipeline: Pipeline, text: str, mode: str | None) -> None:
    assert one(pipeline, text, "ASSAULT").event_mode == mode


@pytest.mark.slow
def test_strikes_that_are_no_attacks(pipeline: Pipeline) -> None:
    for text in ("Dock workers struck for higher pay on Monday.",
                 "The firing of the minister surprised parliament."):
        assert not [e for e in pipeline.extract(text, published="2023-06-08")
                    if e.event_type == "ASSAULT"], text


@pytest.mark.slow
def test_a_statement_names_the_events_it_restates(pipeline: Pipeline) -> None:
    text = ('"Armenian units shelled our positions near Kalbajar," the Azerbaijani Defence '
            'Ministry said.')
    events = pipeline.extract(text, published="2021-11-17")
    attack = next(e for e in events if e.event_type == "ASSAULT")
    statement = next(e for e in events if e.statement_of)
    assert statement.statement_of == [attack.id]
    assert attack.statement_of == []


@pytest.mark.slow
@pytest.mark.parametrize(("text", "event_type", "cameo", "mode"), [
    ("Azerbaijan called on Armenia to hold talks on the border.", "REQUEST", "026", "meet"),
    ("The UN urged Armenia to release the prisoners.", "REQUEST", "0253", "yield"),
    ("The ministry called on Armenia to withdraw its troops.", "REQUEST", "0256", "yield"),
    ("The ministry demanded that Armenia withdraw its troops.", "REQUEST", "1056", "yield"),
    ("The ministry called on Armenia to hand over maps of the minefields.", "REQUEST", "0214",
     "assist"),
    ("Russia threatened to attack Ukrainian ports.", "THREATEN", "138", "violence"),
    ("Iran threatened to impose sanctions on the company.", "THREATEN", "1312", "restrict"),
])
def test_what_is_asked_or_threatened_decides_the_code(
        pipeline: Pipeline, text: str, event_type: str, cameo: str, mode: str) -> None:
    events = pipeline.extract(text, published="2023-01-02")
    assert [(e.event_type, e.cameo, e.event_mode) for e in events] == [
        (event_type, cameo, mode)]


def test_rows_needing_a_must_clause_are_cued_by_must_not_by_their_verb() -> None:
    entries = parse_lexicon(["say\tV\tREQUEST\t\t100\tmust", "attack\tV\tASSAULT\t\t190"],
                            "test.tsv")
    assert entries[0].when.must and entries[0].when.describe() == "must"
    assert Lexicon(entries).cues() == [(frozenset({"must"} | verb_forms("attack")), frozenset())]


def test_each_row_is_cued_by_its_rarest_word_and_its_object_condition() -> None:
    entries = parse_lexicon(["protest\t*\tPROTEST\t\t140", "official ^protest\tN\tACCUSE\t\t114",
                             "on ^alert\tN\tMOBILIZE\t\t152", "^open fire\tV\tASSAULT\t\t193",
                             "end\tV\tSANCTION\t\t162\tobj=aid|loans"], "test.tsv")
    cue_filter = CueFilter(Lexicon(entries).cues())
    assert cue_filter("Police fired on the crowd after the protests.")
    assert cue_filter("Troops were put on high alert.")
    assert cue_filter("Soldiers opened fire on the convoy.")
    assert cue_filter("Japan will end its aid to the region.")
    # The parser splits hyphenated words, so their parts are cues too.
    assert cue_filter("A walk for victims of sex-protests was held.")
    # Only the common word of a pattern, or a conditioned verb without its object: not parsed.
    assert not cue_filter("The official said prices rose on Monday.")
    assert not cue_filter("The museum opened a new hall.")
    assert not cue_filter("The highway will be finished by the end of the year.")


@pytest.mark.slow
@pytest.mark.parametrize(("text", "event_type", "cameo"), [
    ("North Korea tried to hack into the computers of South Korean officers.", "COERCE", "170"),
    ("Japan halted economic aid to Serbia on Tuesday.", "SANCTION", "162"),
    ("The French minister cancelled a planned visit to Haiti.", "SANCTION", "164"),
    ("The prime minister resigned on Sunday.", "RETREAT", "080"),
    ("Iraq allowed U.N. weapons inspectors into the country.", "RETREAT", "086"),
    ("The United States defended the decision of the court.", "SUPPORT", "052"),
    ("Serbia lodged an official protest with Albania.", "ACCUSE", "114"),
    ("Greece is opposed to French mediation.", "REJECT", "120"),
    ("The newspaper violated a ban on reporting.", "REJECT", "128"),
    ("The government accepted demands from the rebels.", "CONCEDE", "083"),
    ("Guerillas blew up three power lines.", "ASSAULT", "1712"),
    ("Workers stopped work on Monday.", "PROTEST", "143"),
    ("North Korea expelled inspectors of the IAEA.", "SANCTION", "1662"),
    ("The army declared a state of siege in the capital.", "COERCE", "1724"),
    ("Liberia denied the charges by Ivory Coast.", "REJECT", "016"),
    ("Ukraine ratified the agreement on Tuesday.", "SUPPORT", "057"),
    ("The rebels laid down their weapons on Monday.", "RETREAT", "0873"),
    ("The court opened a hearing into the killings.", "ACCUSE", "090"),
    ("The rebels dismissed an appeal from the president.", "REJECT", "120"),
    ("Government forces recaptured the town of Souran on Thursday.", "COERCE", "192"),
    ("The rebels took control of the base after days of fighting.", "COERCE", "192"),
    ("The prime minister received a mission of observers from the OSCE.", "RETREAT", "0862"),
    ("Turkish forces established a new military base near the town.", "MOBILIZE", "154"),
    ("The army dispatched hundreds of troops to the border.", "MOBILIZE", "154"),
    ("Security forces raped women fleeing the fighting.", "ASSAULT", "1821"),
])
def test_codebook_rows(pipeline: Pipeline, text: str, event_type: str, cameo: str) -> None:
    assert one(pipeline, text, event_type).cameo == cameo


@pytest.mark.slow
@pytest.mark.parametrize(("text", "event_type", "cameo"), [
    # Refuge given and sought.
    ("Jordan took in 5,000 refugees from the fighting last year.", "AID", "075"),
    ("Thousands of Syrians sought asylum in Sweden.", "REQUEST", "023"),
    ("Hundreds of families took refuge in the embassy compound.", "REQUEST", "023"),
    # Expulsion: from a party, of a population, of agencies, of diplomats.
    ("The ruling party expelled two of its deputies.", "SANCTION", "166"),
    ("Militiamen forced hundreds of villagers out of their homes.", "ASSAULT", "201"),
    ("The government forced the aid agencies out of the region.", "SANCTION", "1663"),
    ("The diplomats expelled by Moscow left on Friday.", "SANCTION", "166"),
    ("Police expelled the foreign reporter on Monday.", "COERCE", "174"),
    # Withdrawing one's own monitors or envoy reduces relations.
    ("The OSCE withdrew its monitors from the region.", "SANCTION", "1662"),
    ("Canada withdrew its ambassador from Riyadh.", "SANCTION", "161"),
    # Permission, pardons, leaving held ground, truces.
    ("The electoral commission allowed the opposition leader to stand in the vote.", "CONCEDE",
     "080"),
    ("The president pardoned 300 political prisoners.", "CONCEDE", "080"),
    ("The army evacuated its outposts along the river.", "RETREAT", "0872"),
    ("An armistice took effect at midnight.", "RETREAT", "0871"),
    ("The cease-fire held through the night.", "RETREAT", "0871"),
    # Charges, verdicts, appeals and orders.
    ("A grand jury indicted the former governor on bribery charges.", "ACCUSE", "1121"),
    ("The court sentenced the opposition leader to five years in prison.", "SANCTION", "116"),
    ("The unions pushed hard for higher wages.", "REQUEST", "020"),
    ("The judge ordered the minister to testify.", "REQUEST", "100"),
    # Restrictions, peacekeepers, inspectors, hosting.
    ("The government imposed restrictions on foreign journalists.", "COERCE", "172"),
    ("Ghana deployed 800 peacekeepers to Lebanon.", "AID", "074"),
    ("The UN dispatched investigators to the camp.", "ACCUSE", "090"),
    ("The king gave a warm welcome to the visiting prime minister.", "CONSULT", "043"),
    # Commitments and agreements reached.
    ("The government is committed to reforming the judiciary.", "AGREE", "030"),
    ("The two parties reached an agreement on the budget.", "AGREE", "030"),
    # Petitions, readiness to attack, human shields, missiles launched at a target.
    ("Activists collected signatures against the new law.", "PROTEST", "140"),
    ("Rebel fighters prepared to attack the airport.", "MOBILIZE", "152"),
    ("The militants used civilians as human shields.", "ASSAULT", "184"),
    ("Militants launched rockets at the town.", "ASSAULT", "194"),
])
def test_acts_of_the_codebook_in_news_wording(pipeline: Pipeline, text: str, event_type: str,
                                              cameo: str) -> None:
    first = pipeline.extract(text, published="2021-11-17")[0]
    assert (first.event_type, first.cameo) == (event_type, cameo)


@pytest.mark.slow
def test_act_rows_need_their_party_target_and_object(pipeline: Pipeline) -> None:
    # A law allows nothing; a missile launched at no one is a test; floods are no armed men;
    # withdrawing troops one is willing to pull out is a retreat, not the row for withdrawing
    # observers.
    def types(text: str) -> list[str]:
        return [e.event_type for e in pipeline.extract(text, published="2021-11-17")]

    assert "CONCEDE" not in types("The new law allows police to hold suspects for a week.")
    assert types("North Korea launched a missile into the sea.") == []
    assert types("Floods forced thousands of people out of their homes.") == []
    # A governor's order to the police is no demand on another party: the firing is the event.
    assert types("The governor ordered police to open fire on the protesters.") == ["ASSAULT"]
    willing = one(pipeline, "Syria is willing to withdraw its troops from Lebanon.", "AGREE")
    assert willing.cameo == "0356"


@pytest.mark.slow
def test_reported_pronoun_is_the_speaker_and_indirect_object_the_recipient(
        pipeline: Pipeline) -> None:
    offer = one(pipeline, "Hungary has said it will support the resolution.", "AGREE")
    assert [a.country for a in offer.actors] == ["HUN"]
    meeting = one(pipeline, "The rebel leaders said they would meet the mediator.", "AGREE")
    assert [a.sector for a in meeting.actors] == ["REB"]
    # Without a speaker to stand for, "it" stays unresolved.
    assert not one(pipeline, "It will support the resolution.", "AGREE").actors
    grant = one(pipeline, "Finland will give Tanzania a grant of 5 million dollars.", "AGREE")
    assert [r.country for r in grant.recipients] == ["TZA"]


@pytest.mark.slow
def test_a_thing_object_gives_way_to_the_party_it_goes_to(pipeline: Pipeline) -> None:
    shipment = one(pipeline, "The United States continued to send arms to Pakistan.", "AID")
    assert [r.country for r in shipment.recipients] == ["PAK"]
    promise = one(pipeline, "Britain promised to continue military aid to Mozambique.", "AGREE")
    assert [r.country for r in promise.recipients] == ["MOZ"]


@pytest.mark.slow
def test_coordinated_nationalities_in_one_phrase_are_separate_parties(pipeline: Pipeline) -> None:
    clash = one(pipeline, "Armenian and Azerbaijani forces clashed on the border.", "ASSAULT")
    assert [(a.text, a.country, a.sector) for a in clash.actors] == [
        ("Armenian", "ARM", "MIL"), ("Azerbaijani", "AZE", "MIL")]
    text = "Armenian and Azerbaijani forces clashed on the border."
    assert text[clash.actors[1].start:clash.actors[1].end] == "Azerbaijani"
    strike = one(pipeline, "US and British forces attacked the port.", "ASSAULT")
    assert [(a.country, a.sector) for a in strike.actors] == [("USA", "MIL"), ("GBR", "MIL")]


@pytest.mark.slow
def test_actor_through_a_measure_noun_and_a_possessive_pronoun(pipeline: Pipeline) -> None:
    games = one(pipeline, "French and Egyptian warships launched ten days of war games.",
                "COOPERATE")
    assert [(a.country, a.sector) for a in games.actors] == [("FRA", "MIL"), ("EGY", "MIL")]
    demand = one(pipeline, "The United Nations reiterated its demand on Monday.", "REQUEST")
    assert [a.country for a in demand.actors] == ["UNO"]
    consensus = one(pipeline, "Israel and the Palestinians reached a consensus on water.",
                    "AGREE")
    assert sorted(a.country for a in consensus.actors) == ["ISR", "PSE"]


@pytest.mark.slow
def test_a_person_is_no_place_unless_the_name_is_a_country(pipeline: Pipeline) -> None:
    from eventwire.extract.places import place_mentions

    doc = pipeline.nlp("President Obama met Johnson in Washington on Monday.")
    found = [span.text for span in place_mentions(doc, pipeline.places)]
    assert "Obama" not in found and "Johnson" not in found
    assert "Washington" in found
    # The small model tags Kharkiv a person here; a city that big stays a place, but not the
    # first name of a person.
    doc = pipeline.nlp("Russian missiles struck Kharkiv on Wednesday.")
    assert [span.text for span in place_mentions(doc, pipeline.places)] == ["Kharkiv"]
    doc = pipeline.nlp("Vladimir Putin spoke on Wednesday.")
    assert not place_mentions(doc, pipeline.places)


@pytest.mark.slow
def test_an_organisation_named_like_a_country_is_that_country(pipeline: Pipeline) -> None:
    from eventwire.extract.places import place_mentions

    # The small model tags a state's official name ORG; the gazetteer knows it as the country.
    doc = pipeline.nlp("Talks with the Democratic People's Republic of Korea resumed in Geneva.")
    found = place_mentions(doc, pipeline.places)
    assert [span.text for span in found] == ["the Democratic People's Republic of Korea",
                                             "Geneva"]
    assert pipeline.places.geocode(found[0].text).country == "PRK"


def test_a_place_entity_ends_before_a_function_word() -> None:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from eventwire.extract.places import _without_trailing_function_words

    words = ["attacked", "in", "the", "Sahel", "on", "Monday"]
    doc = Doc(Vocab(), words=words, tags=["VBD", "IN", "DT", "NNP", "IN", "NNP"])
    assert _without_trailing_function_words(doc[2:5]).text == "the Sahel"
    assert _without_trailing_function_words(doc[2:4]).text == "the Sahel"


@pytest.mark.slow
def test_a_region_of_the_world_is_no_town_named_like_it(pipeline: Pipeline) -> None:
    # The model's entity "the Sahel on" was read whole as a respelling of Heihe, China.
    attack = one(pipeline, "Rebels attacked a convoy in the Sahel on Monday.", "ASSAULT",
                 published="2023-05-02")
    assert [(p.text, p.name) for p in attack.locations] == [("the Sahel", "Sahel")]
    # GeoNames knows "Middle East" only as a neighbourhood of Baltimore.
    attack = one(pipeline, "Two soldiers were killed in an attack in the Middle East on Monday.",
                 "ASSAULT", published="2023-05-02")
    assert attack.locations == []


@pytest.mark.slow
def test_two_places_joined_by_and_that_are_one_country_are_one_place(pipeline: Pipeline) -> None:
    from eventwire.extract.places import place_mentions

    doc = pipeline.nlp("The envoy of Trinidad and Tobago flew to Bosnia and Herzegovina.")
    assert [span.text for span in place_mentions(doc, pipeline.places)] == [
        "Trinidad and Tobago", "Bosnia and Herzegovina"]
    # Two places that are no one name together stay two.
    doc = pipeline.nlp("Floods hit Texas and Oklahoma on Monday.")
    assert [span.text for span in place_mentions(doc, pipeline.places)] == ["Texas", "Oklahoma"]


@pytest.mark.slow
def test_a_capital_named_by_its_country_is_that_city(pipeline: Pipeline) -> None:
    from eventwire.extract.places import place_mentions

    doc = pipeline.nlp("Gunmen attacked a police station in the Libyan capital on Tuesday.")
    assert [span.text for span in place_mentions(doc, pipeline.places)] == ["Libyan capital"]
    attack = one(pipeline, doc.text, "ASSAULT", published="2023-08-16")
    assert [(p.name, p.country) for p in attack.locations] == [("Tripoli", "LBY")]
    # The country inside "Sudan's capital" is part of the phrase, not a place of its own.
    doc = pipeline.nlp("Protesters rallied in Sudan's capital on Monday.")
    assert [span.text for span in place_mentions(doc, pipeline.places)] == ["Sudan's capital"]
    protest = one(pipeline, doc.text, "PROTEST", published="2023-08-16")
    assert [p.name for p in protest.locations] == ["Khartoum"]
    # A capitalised word before "capital" that names no country is no place.
    doc = pipeline.nlp("Human Capital Partners invested in Nairobi on Monday.")
    assert [span.text for span in place_mentions(doc, pipeline.places)] == ["Nairobi"]


@pytest.mark.slow
def test_a_place_named_as_one_and_where_the_parties_are(pipeline: Pipeline) -> None:
    from eventwire.extract.places import place_mentions

    # The small model tags "Samarra" a nationality; "the town of" says it is a place.
    # Tagged a nationality too, a known place as a preposition's object is a place.
    doc = pipeline.nlp("Gunmen ambushed a convoy on the highway between Apatzingan and "
                       "Buenavista on Tuesday night.")
    assert "Apatzingan" in [span.text for span in place_mentions(doc, pipeline.places)]
    doc = pipeline.nlp("Fishermen entered Thai waters.")
    assert not place_mentions(doc, pipeline.places)
    blast = one(pipeline, "A minefield explosion near the town of Samarra killed two Iraqi "
                "youths on Sunday.", "ASSAULT", published="2004-05-10")
    assert [p.country for p in blast.locations] == ["IRQ"]
    # With no place of its own, an event is where its parties are.
    seizure = one(pipeline, "Palestinian police in Jericho confiscated weapons from armed "
                  "groups.", "COERCE", published="1994-05-10")
    assert [(p.name, p.country) for p in seizure.locations] == [("Jericho", "PSE")]
    assert any("where a party is" in line for line in seizure.explain)
    # A claimant's place is where it spoke, not where the event was.
    said = one(pipeline, "Officials in Yerevan said Azerbaijani forces shelled the town of Goris "
               "on Monday.", "ASSAULT")
    assert [p.name for p in said.locations] == ["Goris"]


@pytest.mark.slow
def test_a_name_runs_on_through_its_arabic_article(pipeline: Pipeline) -> None:
    from eventwire.extract.places import place_mentions

    doc = pipeline.nlp("Fighting spread from Deir ez-Zor to Jisr ash-Shughur and Dar es Salaam.")
    assert [span.text for span in place_mentions(doc, pipeline.places)] == [
        "Deir ez-Zor", "Jisr ash-Shughur", "Dar es Salaam"]
    # A particle-like word between two names joins them only into a name the gazetteer knows.
    doc = pipeline.nlp("Troops in Kabul as well as Herat were deployed.")
    assert [span.text for span in place_mentions(doc, pipeline.places)] == ["Kabul", "Herat"]
    blast = one(pipeline, "A car bomb killed eight soldiers outside Deir ez-Zor on Monday.",
                "ASSAULT")
    assert [p.country for p in blast.locations] == ["SYR"]


@pytest.mark.slow
def test_a_group_is_no_place_a_town_shares_its_name_with(pipeline: Pipeline) -> None:
    # GeoNames gives Hamm, Germany, the alternate name "Hamas".
    text = "Israel's prime minister said the offensive would go on until Hamas was defeated."
    assert not [p for e in pipeline.extract(text) for p in e.locations]


@pytest.mark.slow
def test_the_host_of_talks_is_where_they_were_not_a_party(pipeline: Pipeline) -> None:
    talks = one(pipeline, "The Thai government and the Barisan Revolusi Nasional resumed peace "
                "talks in Kuala Lumpur on Tuesday.", "CONSULT")
    assert sorted(a.code for a in talks.actors) == ["THA GOV", "THA REB"]
    assert not talks.recipients
    assert [p.name for p in talks.locations] == ["Kuala Lumpur"]
    # A visit is made to its host.
    visit = one(pipeline, "The Thai prime minister arrived in Kuala Lumpur on a visit on "
                "Tuesday.", "CONSULT")
    assert [r.country for r in visit.recipients] == ["MYS"]


@pytest.mark.slow
def test_what_a_party_is_accused_of_is_claimed_by_the_accuser(pipeline: Pipeline) -> None:
    text = "Azerbaijan accused Armenia of shelling its positions in the Lachin district."
    shelling = one(pipeline, text, "ASSAULT")
    assert [a.code for a in shelling.actors] == ["ARM"]
    assert shelling.attribution == "claimed" and shelling.claimed_by.code == "AZE"
    assert [r.code for r in shelling.recipients] == ["AZE MIL"]  # "its": the accuser's side
    accusation = one(pipeline, text, "ACCUSE")
    assert [r.code for r in accusation.recipients] == ["ARM"]
    # No second, derived accusation restates the first.
    assert len([e for e in pipeline.extract(text) if e.event_type == "ACCUSE"]) == 1
    # What another clause of the sentence says is not part of the accusation.
    denial = one(pipeline, "Kinshasa accuses Rwanda of backing the M23 rebel group, which "
                 "Kigali denies.", "REJECT")
    assert denial.claimed_by is None


@pytest.mark.slow
def test_a_dateline_in_capitals_keeps_its_abbreviated_saint(pipeline: Pipeline) -> None:
    from eventwire.extract.places import place_mentions

    # The tokenizer parts "ST" from its full stop and the model tags "ST" alone a place.
    doc = pipeline.nlp("ST. LOUIS (Reuters) - A man was shot on Monday.")
    [mention] = place_mentions(doc, pipeline.places)
    assert mention.text == "ST. LOUIS"
    assert pipeline.places.geocode(mention.text).admin1 == "Missouri"


@pytest.mark.slow
def test_what_parties_do_in_a_phone_call_is_part_of_it(pipeline: Pipeline) -> None:
    text = ("Foreign Minister of Armenia Ararat Mirzoyan held a telephone conversation with "
            "Foreign Minister of Iran Hossein Amir-Abdollahian. The ministers discussed "
            "transport projects. On Friday the ministers discussed energy in Yerevan.")
    talks = [e for e in pipeline.extract(text, published="2021-12-03")
             if e.event_type == "CONSULT"]
    assert [(e.event_mode, e.cameo) for e in talks] == [("phone", "041"), ("phone", "041"),
                                                        (None, "040")]


@pytest.mark.slow
def test_parties_to_a_call_or_talks_are_all_actors_but_a_visit_keeps_sides(
        pipeline: Pipeline) -> None:
    call = one(pipeline, "The Armenian foreign minister held talks with the Iranian foreign "
               "minister.", "CONSULT")
    assert sorted(a.country for a in call.actors) == ["ARM", "IRN"] and not call.recipients
    visit = one(pipeline, "The Armenian foreign minister visited Iran.", "CONSULT")
    assert [a.country for a in visit.actors] == ["ARM"]
    assert [r.country for r in visit.recipients] == ["IRN"]


@pytest.mark.slow
def test_who_is_to_act_in_a_that_clause_is_the_recipient_of_the_demand(
        pipeline: Pipeline) -> None:
    demand = one(pipeline, "China demanded that the United States cancel the arms sale.",
                 "REQUEST")
    assert [r.country for r in demand.recipients] == ["USA"]
    noun = one(pipeline, "The ILO repeated its demand that Israel ease the restrictions.",
               "REQUEST")
    assert [r.country for r in noun.recipients] == ["ISR"]


@pytest.mark.slow
def test_who_claims_responsibility_for_an_attack_is_its_actor(pipeline: Pipeline) -> None:
    attack = one(pipeline, "Islamist militants claimed responsibility for the attack on the base.",
                 "ASSAULT")
    assert [a.sector for a in attack.actors] == ["REB"]
    assert any("claimed responsibility" in line for line in attack.explain)
    # An attack that is only talked about stays no event of its own.
    assert not [e for e in pipeline.extract("The minister spoke about the attack.")
                if e.event_type == "ASSAULT"]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "event_type", "mode", "cameo"), [
    ("A suicide bomber blew himself up outside the police station.", "ASSAULT",
     "suicide-attack", "1831"),
    ("Militants hurled a grenade at the patrol.", "ASSAULT", "explosives", "183"),
    ("A roadside bomb went off near the convoy.", "ASSAULT", "explosives", "1833"),
    ("A bomb went off near the market.", "ASSAULT", "explosives", "183"),
    ("Israeli jets carried out an air raid on the camp.", "ASSAULT", "aerial", "195"),
    ("Rebels fired rockets at the airport.", "ASSAULT", "heavy-weapons", "194"),
    ("Government forces used sarin against the town.", "ASSAULT", "unconventional", "2041"),
    ("Police fired tear gas at the crowd.", "ASSAULT", "crowd-control", "175"),
    ("Soldiers found a cache of weapons and ammunition in the village.", "COERCE", "seize",
     "1711"),
    ("The army drove the militants out of the town.", "COERCE", "seize", "192"),
    ("Thousands took to the streets of the capital on Monday.", "PROTEST", "demo", "141"),
    ("Rioters looted shops in the city centre.", "COERCE", "seize", "171"),
    ("Gun attacks near the city left seven people dead.", "ASSAULT", "firearms", "193"),
    ("The army began patrols by soldiers along the border.", "MOBILIZE", "troops", "150"),
])
def test_weapons_and_acts_have_their_plover_modes(pipeline: Pipeline, text: str,
                                                  event_type: str, mode: str,
                                                  cameo: str) -> None:
    event = one(pipeline, text, event_type)
    assert (event.event_mode, event.cameo) == (mode, cameo)


@pytest.mark.slow
def test_words_that_only_sound_like_acts(pipeline: Pipeline) -> None:
    # "riot police" is a kind of police, not a riot; a gun found is no shooting.
    police = pipeline.extract("Riot police stood outside the embassy.", published="2021-01-04")
    assert not [e for e in police if e.event_type == "PROTEST"]
    # Finding a solution is no weapons search, and agreeing to it no threat.
    agreed = one(pipeline, "The two leaders agreed to find a solution to the dispute.", "AGREE")
    assert agreed.cameo == "030"
    # Driving people out of a region is not taking ground from fighters.
    assert not [e for e in pipeline.extract("The floods drove residents out of the valley.")
                if e.event_type == "COERCE"]


@pytest.mark.slow
def test_what_happened_without_a_fight_did_not_happen(pipeline: Pipeline) -> None:
    text = "Government forces entered the town without fighting."
    (fight,) = [e for e in pipeline.extract(text, published="2021-01-04")
                if e.event_type == "ASSAULT"]
    assert fight.modality == "negated"


@pytest.mark.parametrize(("text", "event_type", "recipients"), [
    # The party an infinitive or purpose clause acts on.
    ("Kazakhstan threatened on Friday to cut trade links with Kyrgyzstan.", "THREATEN",
     ["KGZ"]),
    ("Bolivia is willing to send doctors to help Peru.", "AGREE", ["PER"]),
    ("Students staged a hunger strike to protest Chile's decision to close the university.",
     "PROTEST", ["CHL"]),
    ("Farmers began a hunger strike in protest against Ghana's new land law.", "PROTEST",
     ["GHA"]),
    # Who undergoes a noun's act, or a verb's "at".
    ("Ethiopia launched an invasion of Eritrea.", "ASSAULT", ["ERI"]),
    # A noun trigger modifying another noun takes that noun's parties.
    ("Qatar launched a mediation effort between Sudan and Chad.", "CONSULT", ["SDN", "TCD"]),
    # Where the act falls, when nothing else names a party.
    ("Police imposed a curfew in Kenya on Sunday.", "COERCE", ["KEN"]),
])
def test_recipients_the_parse_leaves_to_a_complement(pipeline: Pipeline, text: str,
                                                     event_type: str,
                                                     recipients: list[str]) -> None:
    event = one(pipeline, text, event_type)
    assert [a.code for a in event.recipients] == recipients


@pytest.mark.slow
def test_people_are_resolved_on_the_article_date(pipeline: Pipeline) -> None:
    event = one(pipeline, "Erdogan met Putin in Sochi on Monday.", "CONSULT")
    assert [(a.code, a.name) for a in event.actors] == [
        ("TUR GOV", "Recep Tayyip Erdogan"), ("RUS GOV", "Vladimir Putin")]
    # A pronoun takes the person's codes; the person's office is the one held at the time.
    event = one(pipeline, "President Macron said he would visit Algeria next week.", "AGREE")
    assert [(a.code, a.name, a.title) for a in event.actors] == [
        ("FRA GOV", "Emmanuel Macron", "President")]
    old = one(pipeline, "Mubarak met Arafat in Cairo.", "CONSULT", published="1995-05-01")
    assert sorted(a.code for a in old.actors + old.recipients) == ["EGY GOV", "PSE GOV"]


@pytest.mark.slow
def test_a_protest_abroad_is_not_addressed_to_the_host(pipeline: Pipeline) -> None:
    home = one(pipeline, "Thousands of Chilean students demonstrated in Chile on Monday.",
               "PROTEST")
    assert [a.code for a in home.recipients] == ["CHL"]
    abroad = one(pipeline, "Thousands of Chilean students demonstrated in Peru on Monday.",
                 "PROTEST")
    assert abroad.recipients == []
    # "in support of X" is no place.
    rally = one(pipeline, "Chilean students held a rally in support of Peru's farmers.",
                "PROTEST")
    assert "PER" not in [a.country for a in rally.recipients]


@pytest.mark.slow
def test_a_coordinated_party_keeps_its_own_words() -> None:
    doc = load_nlp()("The network has threatened to deliver devastating blows to the United "
                     "States and Israel, a Saudi-owned weekly reports.")
    states = next(t for t in doc if t.text == "States")
    # The appositive after "and Israel" is not part of the first party's text.
    assert [t.text for t in phrase_tokens(states)] == ["United", "States"]
    # A participle that places the head stays with it.
    doc = load_nlp()("The agency sent food to refugees fleeing the civil war in Liberia.")
    refugees = next(t for t in doc if t.text == "refugees")
    assert " ".join(t.text for t in phrase_tokens(refugees)).endswith("in Liberia")


@pytest.mark.slow
def test_unnamed_armed_groups_and_their_victims_are_of_the_place(pipeline: Pipeline) -> None:
    event = one(pipeline, "Gunmen killed five villagers in Kandahar on Sunday.", "ASSAULT")
    assert [a.code for a in event.actors] == ["AFG UAF"]
    assert [a.code for a in event.recipients] == ["AFG CVL"]
    # A nationality says whose they are, wherever they act.
    event = one(pipeline, "French troops killed militants in Mali.", "ASSAULT")
    assert [a.code for a in event.actors] == ["FRA MIL"]
    assert [a.code for a in event.recipients] == ["MLI REB"]


@pytest.mark.slow
def test_own_people_named_by_a_sector_yield_to_the_country_acted_on(pipeline: Pipeline) -> None:
    events = pipeline.extract("Canada will withdraw its military trainers from Mali next month.")
    withdrawal = next(e for e in events if e.trigger.text == "withdraw")
    assert [a.code for a in withdrawal.recipients] == ["MLI"]
    event = one(pipeline, "Britain mobilized army reservists for a war against Iraq.", "MOBILIZE")
    assert [a.code for a in event.recipients] == ["IRQ"]


@pytest.mark.slow
def test_an_arrest_with_no_agent_is_the_state_of_the_place(pipeline: Pipeline) -> None:
    event = one(pipeline, "A French journalist was arrested in Iran on Monday.", "COERCE")
    assert [a.code for a in event.actors] == ["IRN"]
    assert [a.code for a in event.recipients] == ["FRA JRN"]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "places"), [
    ("Gunmen attacked a store in Gainesville on Monday. Police arrested two suspects in Hall "
     "County on Tuesday.", [("Gainesville", "Georgia"), ("Hall County", "Georgia")]),
    ("Protesters rallied in Athens on Monday. Police detained five protesters in Clarke County.",
     [("Athens", "Georgia"), ("Clarke County", "Georgia")]),
])
def test_an_articles_places_are_read_together(pipeline: Pipeline, text: str,
                                              places: list[tuple[str, str]]) -> None:
    # Alone, Gainesville is the bigger one in Florida and Athens the Greek capital.
    events = pipeline.extract(text, published="2023-05-10")
    assert [(p.name, p.admin1) for e in events for p in e.locations] == places
    assert {p.country for e in events for p in e.locations} == {"USA"}


@pytest.mark.slow
@pytest.mark.parametrize(("text", "triggers"), [
    ("At least 15 soldiers were killed when gunmen stormed an army base near Djibo.",
     [("ASSAULT", "190", "stormed")]),
    ("A firefight between troops and rebels erupted near the village on Monday.",
     [("ASSAULT", "193", "firefight")]),
    # Weather storms nothing: the row needs a place taken by force as its object.
    ("A storm hit the town on Monday.", []),
])
def test_storming_a_place_and_firefights_are_assaults(pipeline: Pipeline, text: str,
                                                       triggers: list[tuple[str, str, str]]
                                                       ) -> None:
    events = pipeline.extract(text, published="2023-05-10")
    assert [(e.event_type, e.cameo, e.trigger.text) for e in events] == triggers


@pytest.mark.slow
def test_the_day_a_statement_came_out_does_not_date_what_it_reports(pipeline: Pipeline) -> None:
    text = ("At least 15 soldiers were killed when gunmen stormed an army base in Djibo on "
            "Saturday.\n\nAn armed group claimed responsibility for the attack in a statement "
            "released on Monday.")
    events = pipeline.extract(text, published="2024-03-12")
    # No RETREAT for the "released" statement, and the claimed attack keeps Saturday.
    assert [(e.event_type, e.trigger.text, e.date) for e in events] == [
        ("ASSAULT", "stormed", "2024-03-09"), ("ASSAULT", "attack", "2024-03-09")]
    alone = pipeline.extract("The ministry said in a statement issued on Monday that troops "
                             "had shelled the village.", published="2024-03-12")
    assert [(e.trigger.text, e.date) for e in alone] == [("shelled", "2024-03-11")]
    assert "the latest it can have happened" in alone[0].explain[-1]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "triggers"), [
    ("The army released footage of the strike.", []),
    ("Rebels released 12 hostages on Monday.", ["released"]),
])
def test_releasing_a_statement_frees_no_one(pipeline: Pipeline, text: str,
                                            triggers: list[str]) -> None:
    assert [e.trigger.text for e in pipeline.extract(text, published="2024-03-12")] == triggers


@pytest.mark.slow
@pytest.mark.parametrize(("text", "events"), [
    # "aid workers" are people named by their work: kidnapping them is no aid.
    ("Gunmen kidnapped two aid workers near Bouca on Monday.", [("ASSAULT", "kidnapped")]),
    ("Aid agencies delivered food to the camp.", [("AID", "delivered")]),
    ("The UN sent tents and blankets to the flood victims.", [("AID", "sent")]),
])
def test_people_named_by_their_work_are_no_event(pipeline: Pipeline, text: str,
                                                 events: list[tuple[str, str]]) -> None:
    found = pipeline.extract(text, published="2024-03-12")
    assert [(e.event_type, e.trigger.text) for e in found] == events


@pytest.mark.slow
def test_what_someone_comments_on_is_a_topic_not_an_event(pipeline: Pipeline) -> None:
    # As "a statement on the threat": the visit is what the comment is about, and the
    # negation is the comment's, so no negated visit is coded.
    assert pipeline.extract("The co-chairs have not commented on the visit so far.",
                            published="2024-03-12") == []


@pytest.mark.slow
def test_foreign_bodies_of_a_kind_are_of_no_country_named_before(pipeline: Pipeline) -> None:
    text = ("The French government condemned the verdict on Monday. Foreign delegations wishing "
            "to visit the region must coordinate with Baku.")
    visit = one(pipeline, text, "CONSULT")
    assert [(a.text, a.country, a.sector) for a in visit.actors] == [
        ("Foreign delegations", None, "GOV")]
    # A body of the same kind named without "foreign" still points back.
    said = one(pipeline, "The French government condemned the verdict on Monday. The "
               "delegation demanded an apology.", "REQUEST")
    assert [a.code for a in said.actors] == ["FRA GOV"]


@pytest.mark.slow
def test_a_present_passive_in_a_relative_clause_is_a_state_not_an_act(
        pipeline: Pipeline) -> None:
    for text in ("The territory where Russian peacekeepers are temporarily deployed can be "
                 "entered only with permission.",
                 "Villagers fled to the camp where their relatives are held by the militia."):
        assert pipeline.extract(text) == [], text
    # In the past, or as the sentence's own verb, it is what someone did.
    deployed = one(pipeline, "The troops that were deployed to the border on Monday fired on "
                   "protesters.", "MOBILIZE")
    assert deployed.modality == "actual"
    assert one(pipeline, "Russian peacekeepers are deployed to the corridor.", "AID")


@pytest.mark.slow
def test_an_office_holder_holds_office_in_the_body_named_earlier_in_the_sentence(
        pipeline: Pipeline) -> None:
    text = ("The Italian ambassador was summoned to the Ministry of Foreign Affairs in Ankara on "
            "Monday, where Deputy Foreign Minister Ayse Demir handed him a note of protest.")
    note = next(e for e in pipeline.extract(text, published="2021-11-17")
                if e.trigger.text == "note of protest")
    assert [(a.name, a.code) for a in note.actors] == [("Ayse Demir", "TUR GOV")]
    # A title of another office says nothing of where its holder serves.
    other = next(e for e in pipeline.extract(text.replace("Deputy Foreign", "Deputy Defence"),
                                             published="2021-11-17")
                 if e.trigger.text == "note of protest")
    assert [a.country for a in other.actors] == [None]


@pytest.mark.slow
def test_land_named_by_what_became_of_it_and_the_state_a_liberation_ended_are_no_acts(
        pipeline: Pipeline) -> None:
    text = ("The ministry issued a statement on the threat posed by landmines in the territories "
            "liberated from occupation.")
    assert pipeline.extract(text) == []
    # The liberation itself is one act; the occupation it ended is not another.
    freed = pipeline.extract("The army liberated the town from occupation on Monday.")
    assert [(e.event_type, e.trigger.text) for e in freed] == [("COERCE", "liberated")]
    # With a time or a doer of its own, the participle tells an act.
    seized = one(pipeline, "The villages seized on Monday were shelled again.", "COERCE")
    assert seized.trigger.text == "seized"


@pytest.mark.slow
def test_the_attackers_are_who_did_the_first_attack_told(pipeline: Pipeline) -> None:
    text = ("Units of the Armenian army tried to launch an offensive against Azerbaijani "
            "positions on Tuesday. Azerbaijani units returned fire and forced the attacking "
            "groups to retreat.")
    retreat = one(pipeline, text, "RETREAT")
    assert [(a.text, a.code) for a in retreat.actors] == [("attacking groups", "ARM MIL")]


@pytest.mark.slow
def test_the_result_of_an_attack_told_by_a_coordinated_verb_is_no_second_attack(
        pipeline: Pipeline) -> None:
    text = ("Azerbaijani units returned fire and forced the attacking groups to retreat, "
            "inflicting heavy losses on them.")
    attacks = [e.trigger.text for e in pipeline.extract(text) if e.event_type == "ASSAULT"]
    assert attacks == ["returned fire"]
    # Told alone, the losses inflicted are the fight's blows.
    alone = one(pipeline, "Government troops inflicted heavy losses on the rebels.", "ASSAULT")
    assert alone.trigger.text == "inflicted"

"""Roles the parse leaves unattached, coded by the real pipeline: relative pronouns, a threat's
condition, counted objects, and parties that only an earlier sentence names."""

from __future__ import annotations

import pytest

from eventwire.model import Event
from eventwire.pipeline import Pipeline

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def by_trigger(events: list[Event], word: str) -> Event:
    return next(e for e in events if word in e.trigger.text)


def codes(actors: list) -> list[str]:
    return sorted(a.code for a in actors)


def test_a_relative_pronoun_subject_is_the_phrase_it_describes(pipeline: Pipeline) -> None:
    events = pipeline.extract("The minister said he met the EU Special Representative for the "
                              "South Caucasus, who visited Baku on Friday.",
                              published="2021-11-06")
    visit = by_trigger(events, "visited")
    assert codes(visit.actors) == ["EUR GOV"]
    assert visit.actors[0].text.startswith("EU Special Representative")


@pytest.mark.parametrize(("text", "target"), [
    ("Druze inhabitants of the Golan Heights threatened today to hold a general strike unless "
     "Israel rescinded its annexation of the region.", "ISR"),
    ("Russia has threatened to stop negotiations if the United States goes ahead with the "
     "deployment of new missiles.", "USA"),
])
def test_a_threat_is_aimed_at_whoever_must_meet_its_condition(
        pipeline: Pipeline, text: str, target: str) -> None:
    threat = by_trigger(pipeline.extract(text, published="2000-01-01"), "threatened")
    assert codes(threat.recipients) == [target]


def test_a_threats_own_target_comes_before_its_condition(pipeline: Pipeline) -> None:
    text = ("The Azerbaijani parliament threatened on Monday to break relations with Russia "
            "unless the Kremlin closed its radar base.")
    threat = by_trigger(pipeline.extract(text, published="2000-01-01"), "threatened")
    assert [r.text for r in threat.recipients] == ["relations with Russia"]


def test_up_to_a_number_is_the_object_not_a_preposition(pipeline: Pipeline) -> None:
    text = "Afghan rebels have kidnapped up to 16 Russian advisers from a town bazaar."
    kidnapping = by_trigger(pipeline.extract(text, published="2000-01-01"), "kidnapped")
    assert [r.country for r in kidnapping.recipients] == ["RUS"]


def test_condemning_the_attack_told_before_targets_the_attackers(pipeline: Pipeline) -> None:
    text = ("A group of Armenian nationalists attacked the demonstrators in Lyon. "
            "The Ministry of Foreign Affairs of Azerbaijan strongly condemned the attack.")
    condemnation = by_trigger(pipeline.extract(text, published="2020-10-26"), "condemned")
    assert codes(condemnation.recipients) == ["ARM CVL"]
    # "an attack" is not one told before: no target is taken from the earlier sentence.
    other = text.replace("condemned the attack", "condemned an attack on journalists")
    assert "ARM CVL" not in codes(by_trigger(pipeline.extract(other, published="2020-10-26"),
                                             "condemned").recipients)


def test_returned_fire_answers_the_attackers(pipeline: Pipeline) -> None:
    text = ("Armenian armed forces launched an attack on Azerbaijani positions on Tuesday. "
            "Azerbaijani units returned fire.")
    fire = by_trigger(pipeline.extract(text, published="2021-11-17"), "returned fire")
    assert codes(fire.actors) == ["AZE MIL"]
    assert codes(fire.recipients) == ["ARM MIL"]


def test_demonstrators_are_the_people_who_rallied(pipeline: Pipeline) -> None:
    text = ("Members of the Azerbaijani community held a peaceful rally in Lyon on Saturday. "
            "A group of Armenian nationalists attacked the demonstrators.")
    attack = by_trigger(pipeline.extract(text, published="2020-10-26"), "attacked")
    assert codes(attack.actors) == ["ARM CVL"]
    assert codes(attack.recipients) == ["AZE CVL"]


def test_a_subject_pronoun_continues_the_speaker_not_a_relative_clause(
        pipeline: Pipeline) -> None:
    text = ("Deputy Foreign Minister of Azerbaijan Khalaf Khalafov said he had discussed the "
            "border with the EU Special Representative, who visited Baku on Friday. "
            "He also called on Armenia to begin the delimitation of the border.")
    call = by_trigger(pipeline.extract(text, published="2021-11-06"), "called on")
    assert codes(call.actors) == ["AZE GOV"]


@pytest.mark.parametrize(("text", "trigger", "victims"), [
    ("On December 1, a serviceman of the Azerbaijani Army was seriously injured by a mine "
     "explosion in the Fuzuli district.", "explosion", ["AZE MIL"]),
    ("Three US servicemen were killed by an improvised explosive device on Monday.",
     "killed", ["USA MIL"]),
])
def test_harm_done_by_a_device_has_an_unidentified_actor(
        pipeline: Pipeline, text: str, trigger: str, victims: list[str]) -> None:
    blast = by_trigger(pipeline.extract(text, published="2021-12-09"), trigger)
    assert codes(blast.actors) == ["UNK"]
    assert codes(blast.recipients) == victims


def test_a_named_bomber_is_no_unidentified_actor(pipeline: Pipeline) -> None:
    text = "Two soldiers were killed in a bomb attack by Taliban militants in Kandahar."
    attack = by_trigger(pipeline.extract(text, published="2021-12-09"), "attack")
    assert "UNK" not in codes(attack.actors)


def test_a_statement_speaks_for_whoever_issued_it(pipeline: Pipeline) -> None:
    text = ("Landmines have killed 33 people since 2020, the Ministry of Foreign Affairs of "
            "Azerbaijan said. The statement accuses Armenia of planting mines in residential "
            "areas.")
    accusation = by_trigger(pipeline.extract(text, published="2021-12-09"), "accuses")
    assert codes(accusation.actors) == ["AZE GOV"]
    alone = by_trigger(pipeline.extract(text.split("said. ")[1], published="2021-12-09"),
                       "accuses")
    assert alone.actors == []


@pytest.mark.parametrize(("text", "trigger", "target"), [
    ("Radical French farmers said they would blockade Paris from Monday night.", "blockade",
     "FRA CVL"),
    ("Israeli tanks fired four shell bombs at targets in Jericho.", "fired", "PSE CVL"),
])
def test_a_city_an_act_of_force_falls_on_is_its_people(
        pipeline: Pipeline, text: str, trigger: str, target: str) -> None:
    event = by_trigger(pipeline.extract(text, published="2000-01-01"), trigger)
    assert codes(event.recipients) == [target]


def test_a_capital_that_acts_or_is_addressed_stays_the_government(pipeline: Pipeline) -> None:
    call = by_trigger(pipeline.extract("Azerbaijan called on Yerevan to begin talks.",
                                       published="2021-11-06"), "called on")
    assert codes(call.recipients) == ["ARM GOV"]
    links = by_trigger(pipeline.extract("Italy announced a suspension of air links with Serbia.",
                                        published="2000-01-01"), "suspension")
    assert "SRB CVL" not in codes(links.recipients)


def test_a_domestic_party_without_a_country_is_of_the_state_it_faces(
        pipeline: Pipeline) -> None:
    text = "Egyptian police opened fire to disperse Moslem fundamentalist demonstrators."
    fire = by_trigger(pipeline.extract(text, published="2000-01-01"), "opened fire")
    assert codes(fire.recipients) == ["EGY CVL"]
    text = "President Dos Santos conceded to demands from UNITA rebels in Angola."
    concession = pipeline.extract(text, published="2000-01-01")[0]
    assert [a.country for a in concession.actors] == ["AGO"]
    # A meeting is as often between states: nothing is inferred from it.
    meeting = pipeline.extract("Opposition leaders met the Chinese ambassador on Monday.",
                               published="2000-01-01")[0]
    leaders = next(a for a in meeting.actors if a.text == "Opposition leaders")
    assert leaders.country is None


def test_every_party_coordinated_in_a_things_complement_is_a_recipient(
        pipeline: Pipeline) -> None:
    text = "Pakistan threatened to break off diplomatic relations with Kenya and Costa Rica."
    threat = by_trigger(pipeline.extract(text, published="2000-01-01"), "threatened")
    assert sorted(r.country for r in threat.recipients) == ["CRI", "KEN"]


@pytest.mark.parametrize(("text", "trigger", "actor"), [
    ("Serb forces were engaged in ethnic cleansing against the Albanian population.",
     "ethnic cleansing", "SRB MIL"),
    ("Israel is opposed to French mediation in the talks.", "opposed", "ISR"),
    ("One third of Albanian guerrillas have been demobilized since the accord.",
     "demobilized", "ALB REB"),
])
def test_a_passive_form_whose_subject_acts(
        pipeline: Pipeline, text: str, trigger: str, actor: str) -> None:
    event = by_trigger(pipeline.extract(text, published="2000-01-01"), trigger)
    assert codes(event.actors) == [actor]
    assert actor not in codes(event.recipients)


@pytest.mark.parametrize(("text", "trigger", "target"), [
    ("Palestinian police confiscated weapons and explosives from Palestinian armed groups.",
     "confiscated", "PSE REB"),
    ("Turkish police prevented the demonstration staged by students at Ankara University.",
     "prevented", "TUR EDU"),
    ("Serbian military police launched an investigation into alleged crimes committed by "
     "Croat forces.", "investigation", "HRV MIL"),
])
def test_whom_a_thing_is_taken_from_or_whose_act_is_stopped(
        pipeline: Pipeline, text: str, trigger: str, target: str) -> None:
    event = by_trigger(pipeline.extract(text, published="2000-01-01"), trigger)
    assert codes(event.recipients) == [target]


def test_a_protest_is_aimed_at_whom_its_demand_addresses(pipeline: Pipeline) -> None:
    text = ("Egyptian demonstrators rioted following a peaceful demonstration calling for the "
            "immediate removal of President Hosni Mubarak from office.")
    riot = by_trigger(pipeline.extract(text, published="2005-01-01"), "rioted")
    assert codes(riot.recipients) == ["EGY GOV"]


@pytest.mark.parametrize(("text", "trigger", "targets"), [
    ("The United States speeded up the withdrawal of some invasion forces from Panama.",
     "withdrawal", ["PAN"]),
    ("European Community ministers agreed to provide 70 million dollars of aid for Romania and "
     "Poland.", "agreed", ["POL", "ROU"]),
])
def test_where_forces_leave_from_and_whom_aid_is_for(
        pipeline: Pipeline, text: str, trigger: str, targets: list[str]) -> None:
    event = by_trigger(pipeline.extract(text, published="2000-01-01"), trigger)
    assert sorted(r.country for r in event.recipients) == targets


def test_the_subject_of_an_adjective_is_who_does_its_complement(pipeline: Pipeline) -> None:
    text = ("The Philippine military and the Moro Islamic Liberation Front are guilty of "
            "violating the ceasefire agreement.")
    violation = by_trigger(pipeline.extract(text, published="2002-01-01"), "violating")
    assert codes(violation.actors) == ["PHL MIL", "PHL REB"]


def test_the_attack_told_long_before_is_not_the_one_condemned(pipeline: Pipeline) -> None:
    story = ["A group of Armenian nationalists attacked the demonstrators in Lyon."]
    story += [f"Police detained {n} people in the city on Sunday." for n in ("two", "three",
                                                                             "four", "five")]
    story.append("The Ministry of Foreign Affairs of Azerbaijan condemned the attack.")
    condemnation = by_trigger(pipeline.extract(" ".join(story), published="2020-10-26"),
                              "condemned")
    assert "ARM CVL" not in codes(condemnation.recipients)


def test_an_infinitive_on_a_noun_takes_the_subject_of_its_verb(pipeline: Pipeline) -> None:
    text = ("Thousands of Nigerians were converging on Thursday for a rally in Lagos to protest "
            "the rights violations.")
    protest = by_trigger(pipeline.extract(text, published="2000-01-01"), "protest")
    assert codes(protest.actors) == ["NGA CVL"]


def test_a_possessive_determiner_points_back_to_its_owner(pipeline: Pipeline) -> None:
    events = pipeline.extract("Georgian officials said on Monday their troops had completed "
                              "their withdrawal from the disputed village.",
                              published="2008-10-06")
    withdrawal = by_trigger(events, "withdrawal")
    assert codes(withdrawal.actors) == ["GEO MIL"]


@pytest.mark.parametrize("text", [
    "Guards beat Sierra Leonean and Liberian refugees at the camp.",
    "Guards beat scores of Sierra Leonean and Liberian refugees at the camp.",
])
def test_coordinated_nationalities_share_the_noun_they_modify(pipeline: Pipeline,
                                                               text: str) -> None:
    beat = by_trigger(pipeline.extract(text, published="2001-05-03"), "beat")
    assert codes(beat.recipients) == ["LBR REF", "SLE REF"]


def test_what_a_verb_acts_into_is_its_recipient(pipeline: Pipeline) -> None:
    hack = by_trigger(pipeline.extract("Iran has tried to hack into the servers of the Israeli "
                                       "defence ministry.", published="2012-05-03"), "hack")
    assert codes(hack.recipients) == ["ISR GOV"]


def test_whom_a_refusal_would_let_act_is_its_recipient(pipeline: Pipeline) -> None:
    refused = by_trigger(pipeline.extract("Rebels refused to allow Red Cross convoys to enter "
                                          "the town.", published="2001-05-03"), "refused")
    assert codes(refused.recipients) == ["NGO"]


def test_what_is_protested_outright_beats_the_street_blocked(pipeline: Pipeline) -> None:
    blocked = by_trigger(pipeline.extract("Thousands of people blocked streets in Minsk in "
                                          "defiance of Belarusian authorities.",
                                          published="2020-08-10"), "blocked")
    assert codes(blocked.recipients) == ["BLR GOV"]


def test_the_forces_a_deployment_moves_are_who_mobilizes(pipeline: Pipeline) -> None:
    events = pipeline.extract("The first deployment of Turkish troops arrived in Qatar on "
                              "Sunday.", published="2017-06-25")
    assert codes(by_trigger(events, "deployment").actors) == ["TUR MIL"]


def test_a_party_keeps_the_group_it_is_affiliated_with(pipeline: Pipeline) -> None:
    events = pipeline.extract("Thousands of workers affiliated with the Serbian Workers' Union "
                              "stopped work on Monday.", published="2004-03-01")
    assert codes(by_trigger(events, "stopped work").actors) == ["SRB LAB"]


def test_who_orders_an_act_done_by_others_is_its_actor(pipeline: Pipeline) -> None:
    events = pipeline.extract("The Punjab government has ordered patrols by police in Lahore.",
                              published="2007-01-01")
    assert codes(by_trigger(events, "patrols").actors) == ["PAK GOV"]


def test_the_agent_of_a_participle_did_the_act(pipeline: Pipeline) -> None:
    events = pipeline.extract("Farmers began a hunger strike to demand the return of land "
                              "seized by Zimbabwean government forces.", published="2002-05-01")
    assert codes(by_trigger(events, "seized").actors) == ["ZWE MIL"]
    assert codes(by_trigger(events, "hunger strike").recipients) == ["ZWE MIL"]


def test_what_an_act_does_in_its_relative_clause_falls_on_its_recipient(
        pipeline: Pipeline) -> None:
    events = pipeline.extract("Opposition parties organized a general strike that shut down "
                              "Dhaka.", published="2013-04-01")
    assert codes(by_trigger(events, "general strike").recipients) == ["BGD GOV"]


def test_whom_a_refusal_holds_out_against_is_its_recipient(pipeline: Pipeline) -> None:
    events = pipeline.extract("The minister has refused to resign despite growing pressure by "
                              "the Kenyan parliament.", published="2006-02-01")
    assert codes(by_trigger(events, "refused").recipients) == ["KEN LEG"]


def test_whom_part_of_a_thing_is_for_is_the_recipient(pipeline: Pipeline) -> None:
    events = pipeline.extract("Washington suspended part of its military aid for Egypt on "
                              "Wednesday.", published="2013-10-09")
    assert codes(by_trigger(events, "suspended").recipients) == ["EGY"]


def test_a_complaint_accuses_whom_it_is_about(pipeline: Pipeline) -> None:
    events = pipeline.extract("Georgia complained to the United Nations on Tuesday over Russian "
                              "air strikes near Tbilisi.", published="2008-08-12")
    assert codes(by_trigger(events, "complained").recipients) == ["RUS"]


def test_a_verb_coordinated_with_a_passive_shares_its_subject_not_its_agent(
        pipeline: Pipeline) -> None:
    events = pipeline.extract("The Peruvian interior minister was censured by Congress on "
                              "Monday and resigned on Tuesday.", published="2000-01-01")
    assert codes(by_trigger(events, "resigned").actors) == ["PER GOV"]


def test_a_possessive_party_that_names_itself_keeps_its_country(pipeline: Pipeline) -> None:
    events = pipeline.extract("Greece demanded that its European Union partners lift the ban "
                              "on Turkish imports.", published="2000-01-01")
    assert codes(by_trigger(events, "demanded").recipients) == ["EUR"]


def test_a_border_named_by_a_nationality_does_not_place_a_party(pipeline: Pipeline) -> None:
    events = pipeline.extract("Sudanese troops captured a rebel base on the Chadian border on "
                              "Sunday.", published="2000-01-01")
    assert codes(by_trigger(events, "captured").recipients) == ["SDN REB"]


def test_who_issued_a_declaration_demands_what_it_demands(pipeline: Pipeline) -> None:
    events = pipeline.extract("The Taliban issued a declaration demanding that the Afghan "
                              "government release all prisoners.", published="2000-01-01")
    demand = by_trigger(events, "demanding")
    assert codes(demand.actors) == ["AFG REB"]
    assert codes(demand.recipients) == ["AFG GOV"]


def test_whom_a_demand_insisted_on_addresses_is_the_recipient(pipeline: Pipeline) -> None:
    events = pipeline.extract("The separatists insisted on their demand that the Georgian "
                              "government withdraw its troops.", published="2000-01-01")
    assert codes(by_trigger(events, "insisted").recipients) == ["GEO GOV"]


def test_whose_help_an_act_has_is_not_its_recipient(pipeline: Pipeline) -> None:
    events = pipeline.extract("Israel tightened the blockade of Gaza with Egypt's help.",
                              published="2000-01-01")
    assert codes(by_trigger(events, "blockade").recipients) == ["PSE"]


def test_a_named_group_facing_one_states_own_is_of_that_state(pipeline: Pipeline) -> None:
    events = pipeline.extract("The main rebel group, Popular Front for Renewal, accused the "
                              "Chadian army of shelling villages.", published="2000-01-01")
    assert codes(by_trigger(events, "accused").actors) == ["TCD REB"]


def test_a_count_hung_on_a_name_is_not_part_of_it(pipeline: Pipeline) -> None:
    events = pipeline.extract("Iran agreed to hand over to Turkey three of its citizens accused "
                              "of smuggling.", published="2000-01-01")
    recipients = by_trigger(events, "agreed").recipients
    assert [(r.text, r.code) for r in recipients] == [("Turkey", "TUR")]


def test_what_is_coordinated_with_the_owner_of_a_target_is_a_target_too(
        pipeline: Pipeline) -> None:
    events = pipeline.extract("Turkish jets bombed positions of the Syrian security forces and "
                              "residential areas near the town of Kobani.", published="2000-01-01")
    assert codes(by_trigger(events, "bombed").recipients) == ["SYR CVL", "SYR MIL"]


def test_coordinated_infinitives_share_whom_they_act_on(pipeline: Pipeline) -> None:
    events = pipeline.extract("A Lebanese newspaper called on Arabs to unite and rise up against "
                              "the Israeli government.", published="2000-01-01")
    assert codes(by_trigger(events, "called").recipients) == ["ISR GOV"]


def test_where_a_deployment_arrives_is_where_it_falls(pipeline: Pipeline) -> None:
    events = pipeline.extract("The first deployment of Turkish troops arrived in Qatar on Monday.",
                              published="2000-01-01")
    assert codes(by_trigger(events, "deployment").recipients) == ["QAT"]


def test_a_protest_addressed_to_no_one_is_aimed_at_who_did_what_it_is_over(
        pipeline: Pipeline) -> None:
    events = pipeline.extract("Thousands of Greek workers went on strike on Tuesday over pension "
                              "cuts imposed by the Greek government.", published="2000-01-01")
    assert codes(by_trigger(events, "strike").recipients) == ["GRC GOV"]


def test_an_object_moved_after_an_as_phrase_is_the_recipient(pipeline: Pipeline) -> None:
    events = pipeline.extract("Greece denounced as a grave provocation Turkey's violation of its "
                              "airspace on Monday.", published="2000-01-01")
    assert codes(by_trigger(events, "denounced").recipients) == ["TUR"]


def test_an_act_in_a_war_is_aimed_at_the_wars_opponent(pipeline: Pipeline) -> None:
    events = pipeline.extract("Armenia threatened to use heavy weapons in its conflict with "
                              "Azerbaijan if the talks failed.", published="2000-01-01")
    assert codes(by_trigger(events, "threatened").recipients) == ["AZE"]


def test_people_a_past_participle_describes_are_harmed_not_the_attackers(pipeline: Pipeline
                                                                          ) -> None:
    events = pipeline.extract("Twelve soldiers have been killed and 30 others wounded in "
                              "roadside bomb blasts in the province this year, the army said.",
                              published="2023-05-02")
    blasts = by_trigger(events, "blast")
    assert codes(blasts.actors) == ["UNK"]
    assert all("others" not in a.text for a in blasts.actors)

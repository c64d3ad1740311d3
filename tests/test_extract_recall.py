"""Sentences that report violence with no doer named, or name the incident by a noun only, code
an ASSAULT (PLOVER's unidentified actor UNK where no one is named); deaths by disease,
accidents and disasters, and words that only look violent, code none."""

from __future__ import annotations

import pytest

from eventwire.extract.casualties import find_casualties
from eventwire.extract.lexicon import Lexicon, parse_lexicon
from eventwire.model import Event
from eventwire.pipeline import Pipeline

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def coded(pipeline: Pipeline, text: str) -> list[Event]:
    return pipeline.extract(text, published="2024-05-01")


@pytest.mark.parametrize(("text", "trigger", "victims", "killed", "injured"), [
    ("Five civilians were killed in the strikes, a hospital official said.", "killed", "CVL",
     5, None),
    ("Two soldiers were wounded near the border.", "wounded", "MIL", None, 2),
    ("Twenty-two people lost their lives, the statement said.", "lost their lives", "CVL", 22,
     None),
    ("A policeman died of his wounds in hospital.", "died of", "COP", 1, None),
])
def test_a_harm_told_alone_is_an_assault_by_an_unidentified_actor(
        pipeline: Pipeline, text: str, trigger: str, victims: str, killed, injured) -> None:
    (event,) = coded(pipeline, text)
    assert (event.event_type, event.trigger.text) == ("ASSAULT", trigger)
    assert [a.sector for a in event.actors] == ["UNK"]
    assert victims in {a.sector for a in event.recipients}
    assert (event.killed, event.injured) == (killed, injured)


def test_bodies_found_count_as_killed(pipeline: Pipeline) -> None:
    (event,) = coded(pipeline, "At least 20 bodies were found in the streets of the town.")
    assert event.event_type == "ASSAULT"
    assert event.killed == 20
    assert find_casualties("Twelve bodies were recovered from the ruins").killed == 12
    assert find_casualties("The council named two bodies to review the plan").killed is None


@pytest.mark.parametrize("text", [
    "Twelve people died of cholera in the camp.",
    "Three people were killed in a car crash on the highway.",
    "An earthquake killed 300 people in the province.",
    "Four people lost their lives in the floods.",
    "Harold Patterson, the former mayor, died at 79.",
    "He killed time in the lobby.",
    "Nineteen people were killed when their bus plunged off a bridge.",
])
def test_deaths_without_violence_code_no_event(pipeline: Pipeline, text: str) -> None:
    assert [e.event_type for e in coded(pipeline, text)] == []


def test_a_harm_beside_the_act_that_caused_it_is_not_a_second_event(
        pipeline: Pipeline) -> None:
    events = coded(pipeline, "Five civilians were killed in the shelling of the town.")
    assert [(e.event_type, e.trigger.text) for e in events] == [("ASSAULT", "shelling")]
    assert events[0].killed == 5


def test_an_act_told_after_its_harm_is_the_event(pipeline: Pipeline) -> None:
    events = coded(pipeline, "Four children and a man were killed in Israeli tank shelling in "
                             "the east of the Gaza Strip.")
    assert [(e.event_type, e.trigger.text, e.event_mode) for e in events] == [
        ("ASSAULT", "shelling", "heavy-weapons")]


def test_a_harm_told_right_after_the_act_gives_the_act_its_count(pipeline: Pipeline) -> None:
    text = ("A firefight between troops and rebels erupted in the village yesterday.\n\n"
            "One soldier was wounded, the military said.")
    events = coded(pipeline, text)
    assert [e.trigger.text for e in events] == ["firefight"]
    assert events[0].injured == 1


@pytest.mark.parametrize(("text", "trigger", "mode"), [
    ("Gunmen on a motorcycle shot dead two workers in Bannu on Thursday.", "shot dead",
     "firearms"),
    ("Militia members exchanged fire with armed men this afternoon.", "exchanged fire",
     "firearms"),
    ("The army said 27 assailants were neutralised.", "neutralised", None),
    ("Moscow said it had hit only military targets.", "hit", None),
    ("The drone targeted a militant commander.", "targeted", None),
    ("Troops responded to the unprovoked firing.", "unprovoked firing", "firearms"),
    ("Residents said the killings began at dawn.", "killings", None),
])
def test_violent_acts_worded_without_a_usual_trigger(pipeline: Pipeline, text: str,
                                                     trigger: str, mode: str | None) -> None:
    events = [e for e in coded(pipeline, text) if e.event_type == "ASSAULT"]
    assert [(e.trigger.text, e.event_mode) for e in events] == [(trigger, mode)]


def test_aid_groups_are_not_an_aid_event(pipeline: Pipeline) -> None:
    events = coded(pipeline, "Aid groups said the massacre left 30 dead.")
    assert [e.event_type for e in events] == ["ASSAULT"]


def test_harm_rows_are_parsed_and_cued_by_their_own_words() -> None:
    rows = parse_lexicon(["kill\tV\tASSAULT\t\t190\tharm",
                          "find\tV\tASSAULT\t\t190\tharm obj=bodies"], "test")
    assert rows[0].when.harm and not rows[0].when.empty
    assert rows[0].when.describe() == "harm"
    cues = Lexicon(rows).cues()
    assert any("found" in words and objects == {"bodies"} for words, objects in cues)
    assert not any("bodies" in words for words, _ in cues)


@pytest.mark.parametrize(("text", "killed"), [
    ("Two soldiers and a civilian were killed.", 3),
    ("Three police officers, two soldiers and a civilian were killed in the attack.", 6),
    ("In 2020 two soldiers were killed near the border.", 2),
    ("The soldiers in a heavy military vehicle were killed when it struck a mine.", None),
    ("Gunmen raided two villages and three people were killed.", 3),
])
def test_casualty_counts_of_listed_and_longer_subjects(text: str, killed: int | None) -> None:
    assert find_casualties(text).killed == killed


@pytest.mark.parametrize(("text", "victims"), [
    ("Five civilians died in the shelling of the market on Monday.", ["CVL"]),
    ("Three soldiers died in an ambush near Gao.", ["MIL"]),
])
def test_who_died_in_an_attack_is_its_target_not_its_actor(pipeline: Pipeline, text: str,
                                                           victims: list[str]) -> None:
    (event,) = coded(pipeline, text)
    assert event.event_type == "ASSAULT"
    assert [a.sector for a in event.actors] == ["UNK"]
    assert [a.code.split()[-1] for a in event.recipients] == victims


def test_an_object_condition_tests_the_object_not_a_prepositional_phrase(
        pipeline: Pipeline) -> None:
    # "district" in "to the district hospital" is where the wounded went, not what was taken.
    events = coded(pipeline, "The wounded were taken to the district hospital.")
    assert "COERCE" not in [e.event_type for e in events]
    (seized,) = coded(pipeline, "Rebels took the district on Monday.")
    assert (seized.event_type, seized.event_mode) == ("COERCE", "seize")


@pytest.mark.parametrize(("text", "trigger", "victims", "mode", "killed"), [
    ("Three people were hit by stray bullets in the market.", "hit by stray bullets", ["CVL"],
     "firearms", None),
    ("A farmer was struck by shrapnel near his house.", "struck by shrapnel", None, None, None),
    ("Two villagers were caught in crossfire between soldiers and rebels.",
     "caught in crossfire", ["CVL"], "firearms", None),
    ("Two children were among the dead.", "were among the dead", ["CVL"], None, 2),
    ("Among the dead were three soldiers and a policeman.", "Among the dead were",
     ["MIL", "COP"], None, None),
])
def test_harms_worded_by_what_hit_them_or_as_the_dead(
        pipeline: Pipeline, text: str, trigger: str, victims: list[str] | None,
        mode: str | None, killed: int | None) -> None:
    (event,) = coded(pipeline, text)
    assert (event.event_type, event.trigger.text, event.event_mode) == ("ASSAULT", trigger, mode)
    assert [a.sector for a in event.actors] == ["UNK"]
    if victims is not None:
        assert [a.code.split()[-1] for a in event.recipients] == victims
    assert event.killed == killed


@pytest.mark.parametrize("text", [
    "The economy was hit by the crisis.",
    "His plan was hit by bad news from the markets.",
    "The town was struck by a storm.",
    "The minister was among the guests.",
    "Among the dead were three people killed in a car crash.",
    "The minister visited the wounded in hospital and met their families.",
])
def test_harm_wordings_that_tell_no_violence_code_no_assault(pipeline: Pipeline,
                                                             text: str) -> None:
    assert "ASSAULT" not in [e.event_type for e in coded(pipeline, text)]


@pytest.mark.parametrize(("text", "statement", "act", "claimant", "victims"), [
    ("Rights groups condemned the detention of the activists.", "ACCUSE", ("COERCE", "arrest"),
     "Rights groups", ["CVL"]),
    ("Hundreds gathered to protest the shelling of Adre.", "PROTEST",
     ("ASSAULT", "heavy-weapons"), None, ["TCD CVL"]),
    ("The ministry strongly condemned the killing of five civilians in Kidal.", "ACCUSE",
     ("ASSAULT", None), "ministry", ["MLI CVL"]),
])
def test_an_act_a_statement_names_is_its_own_event_claimed_by_the_speaker(
        pipeline: Pipeline, text: str, statement: str, act: tuple[str, str | None],
        claimant: str | None, victims: list[str]) -> None:
    told, named = coded(pipeline, text)
    assert told.event_type == statement
    assert (named.event_type, named.event_mode) == act
    # Who condemns or protests did not do the act: no one in its phrase is named as its actor.
    assert named.actors == []
    assert [a.code for a in named.recipients] == victims
    if claimant is None:
        assert (named.claimed_by, named.attribution) == (None, "asserted")
    else:
        assert named.claimed_by is not None and named.claimed_by.text == claimant
        assert named.attribution == "claimed"


def test_a_named_act_keeps_the_actor_and_day_its_own_phrase_gives(pipeline: Pipeline) -> None:
    told, named = coded(pipeline, "France condemned Israel's shelling of the village.")
    assert [a.code for a in named.actors] == ["ISR"]
    assert named.claimed_by is not None and named.claimed_by.code == "FRA"
    told, named = coded(pipeline, "The UN condemned Tuesday's attack on a convoy near Gao.")
    assert (named.event_type, named.date, named.date_source) == ("ASSAULT", "2024-04-30", "text")


@pytest.mark.parametrize("text", [
    # The day of the condemnation is not the day of what it condemns.
    "On Wednesday, the UN condemned the shelling of the market.",
    # "the attack" alone refers to one told before, which the article codes where it tells it.
    "The government condemned the attack.",
    "Workers protested the closure of the factory.",
    "Protesters demanded the release of the detained activists.",
    "The rebels threatened an attack on the town.",
    # A kind of act, not one act.
    "The minister condemned attacks on journalists.",
])
def test_statements_that_name_no_incident_of_their_own_code_only_themselves(
        pipeline: Pipeline, text: str) -> None:
    assert len(coded(pipeline, text)) == 1


@pytest.mark.parametrize(("text", "trigger", "mode", "actors"), [
    ("The patrol came under heavy fire from militants.", "came under heavy fire", "firearms",
     ["REB"]),
    ("The convoy came under fire from Azerbaijani forces near the border.", "came under fire",
     "firearms", ["AZE MIL"]),
    ("The base came under mortar fire overnight.", "came under mortar fire", "heavy-weapons",
     ["UNK"]),
    ("A mortar round landed in a schoolyard.", "mortar round landed", "heavy-weapons", []),
    ("A rocket slammed into a residential building.", "rocket slammed", "heavy-weapons", []),
    ("He succumbed to his injuries.", "succumbed to his injuries", None, ["UNK"]),
])
def test_wire_wordings_of_fire_impacts_and_deaths_from_wounds(
        pipeline: Pipeline, text: str, trigger: str, mode: str | None,
        actors: list[str]) -> None:
    (event,) = coded(pipeline, text)
    assert (event.event_type, event.trigger.text, event.event_mode) == ("ASSAULT", trigger, mode)
    assert [a.code or a.sector for a in event.actors] == actors


@pytest.mark.parametrize("text", [
    "The opposition slammed the decision.",
    "The minister succumbed to pressure and resigned.",
    "The team came under heavy criticism.",
    "Prices came under pressure from traders.",
])
def test_the_same_words_without_a_weapon_or_a_wound_code_no_assault(pipeline: Pipeline,
                                                                    text: str) -> None:
    assert "ASSAULT" not in [e.event_type for e in coded(pipeline, text)]


@pytest.mark.parametrize(("text", "killed", "injured"), [
    # The outcome word after "of the" names people counted before: no new wounded.
    ("Two of the injured died of their wounds.", 2, None),
    ("Two of the wounded later succumbed to their injuries in hospital.", 2, None),
    ("Three of the soldiers were wounded.", None, 3),
])
def test_a_part_of_the_wounded_who_died_counts_as_killed(text: str, killed: int | None,
                                                         injured: int | None) -> None:
    found = find_casualties(text)
    assert (found.killed, found.injured) == (killed, injured)


def test_the_strike_told_before_hitting_something_is_an_attack_in_a_war_story(
        pipeline: Pipeline) -> None:
    events = coded(pipeline, "Troops shelled the town on Monday.\n\nThe market was crowded "
                             "with traders when the strike hit shortly before noon.")
    assert [(e.event_type, e.trigger.text) for e in events] == [
        ("ASSAULT", "shelled"), ("ASSAULT", "strike hit")]
    labour = coded(pipeline, "Dock workers stopped work on Monday over pay.\n\n"
                             "The strike hit exports badly.")
    assert "ASSAULT" not in [e.event_type for e in labour]


@pytest.mark.parametrize(("text", "act", "doer", "claimant"), [
    ("The government blamed rebels for the killing of five soldiers.", "killing", "REB",
     "government"),
    ("The army blamed the militia for Tuesday's attack on the convoy.", "attack", "PRM", "army"),
])
def test_an_act_one_is_blamed_for_is_the_accusers_claim_not_a_topic(
        pipeline: Pipeline, text: str, act: str, doer: str, claimant: str) -> None:
    accusation, blamed = coded(pipeline, text)
    assert (accusation.event_type, blamed.event_type, blamed.trigger.text) == (
        "ACCUSE", "ASSAULT", act)
    assert [a.code for a in blamed.actors] == [doer]
    assert blamed.claimed_by is not None and blamed.claimed_by.text == claimant


@pytest.mark.parametrize("text", [
    "Officials held talks on Monday about the attack on the convoy.",
    "The minister asked for patience over the bombing of the bridge.",
])
def test_a_topic_of_no_accusation_stays_a_topic(pipeline: Pipeline, text: str) -> None:
    assert "ASSAULT" not in [e.event_type for e in coded(pipeline, text)]


@pytest.mark.parametrize(("text", "act"), [
    ("The family mourned the killing of their son.", "killing"),
    ("Residents described the attack on the village.", "attack"),
    ("Thousands fled the fighting.", "fighting"),
    ("Survivors recalled the massacre.", "massacre"),
    ("Two soldiers went missing after the attack.", "attack"),
])
def test_who_lives_through_or_tells_of_an_act_is_not_its_actor(pipeline: Pipeline, text: str,
                                                               act: str) -> None:
    (event,) = coded(pipeline, text)
    assert (event.event_type, event.trigger.text, event.actors) == ("ASSAULT", act, [])


@pytest.mark.parametrize(("text", "actor"), [
    ("Rebels launched an attack on the village.", "REB"),
    ("The army carried out airstrikes on the town.", "MIL"),
])
def test_who_launches_or_carries_out_an_act_is_its_actor(pipeline: Pipeline, text: str,
                                                         actor: str) -> None:
    (event,) = coded(pipeline, text)
    assert [a.code for a in event.actors] == [actor]


def test_a_dispersal_with_a_crowd_control_weapon_is_crowd_control(pipeline: Pipeline) -> None:
    (event,) = coded(pipeline, "Police dispersed the protesters with tear gas.")
    assert (event.event_type, event.event_mode, event.cameo) == (
        "ASSAULT", "crowd-control", "175")
    assert coded(pipeline, "Police dispersed the crowd peacefully.") == []


@pytest.mark.parametrize(("text", "trigger"), [
    ("A gun battle broke out between police and gunmen.", "gun battle"),
    ("Three people died in a gunbattle with security forces.", "gunbattle"),
])
def test_a_gun_battle_is_a_firearms_assault(pipeline: Pipeline, text: str, trigger: str) -> None:
    (event,) = coded(pipeline, text)
    assert (event.event_type, event.event_mode, event.trigger.text) == (
        "ASSAULT", "firearms", trigger)

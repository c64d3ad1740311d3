"""The event evaluation suites: scoring helpers, the CASE 2021 mapping, file errors, floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import EvaluateError
from eventwire.evaluate import SUITES
from eventwire.evaluate.case2021 import SUBTYPES, case_subtype, main_event
from eventwire.evaluate.case2021 import run as run_case2021
from eventwire.evaluate.conflibert import gold_token_roles, pentaclass, token_offsets
from eventwire.evaluate.metrics import (
    SetMatch,
    accuracy,
    confusion_table,
    macro_f1,
    per_class,
    primary_event,
    weighted_f1,
)
from eventwire.evaluate.plover_gsr import (
    casualty_matches,
    gold_triples,
    location_match,
    plover_type,
    predicted_triples,
)
from eventwire.model import Actor, Event, Place, Span

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold"


def event(event_type: str, mode: str | None = None, cameo: str | None = None, *,
          trigger: str = "attacked", sentence: str = "", actors: list[Actor] | None = None,
          recipients: list[Actor] | None = None, **extra: object) -> Event:
    return Event(article_id="a", event_type=event_type, sentence=sentence or trigger,
                 sentence_start=0, sentence_end=len(sentence or trigger),
                 trigger=Span(trigger, 0, len(trigger)), event_mode=mode, cameo=cameo,
                 actors=actors or [], recipients=recipients or [], **extra)  # type: ignore[arg-type]


def actor(sector: str | None = None, country: str | None = None, start: int = 0,
          end: int = 1) -> Actor:
    return Actor(text="x", start=start, end=end, country=country, sector=sector)


# --- metric helpers -------------------------------------------------------------------------

def test_class_metrics_on_a_hand_example() -> None:
    gold = ["A", "A", "B", "C"]
    predicted = ["A", "B", "B", None]
    scores = per_class(gold, predicted, ["A", "B", "C", "D"])
    assert accuracy(gold, predicted) == 0.5
    assert set(scores) == {"A", "B", "C"}  # D is in neither list
    assert (scores["A"].precision, scores["A"].recall, scores["A"].f1) == (1.0, 0.5,
                                                                           pytest.approx(2 / 3))
    assert (scores["B"].precision, scores["B"].recall) == (0.5, 1.0)
    assert scores["C"].f1 == 0.0
    assert macro_f1(scores) == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert weighted_f1(scores) == pytest.approx((2 / 3 * 2 + 2 / 3 * 1) / 4)


def test_confusion_table_counts_gold_rows_and_no_prediction_column() -> None:
    header, rows = confusion_table(["A", "A", "B"], ["A", None, "A"], ["A", "B"])
    assert header == ["gold \\ predicted", "A", "B", "none"]
    assert rows == [["A", 1, 0, 1], ["B", 1, 0, 0]]
    header, _ = confusion_table(["A"], ["A"], ["A", "B"])
    assert header == ["gold \\ predicted", "A", "B"]


def test_set_match_is_micro_over_items() -> None:
    match = SetMatch()
    match.add([("source", "USA", "")], [("source", "USA", ""), ("target", "IRQ", "")])
    match.add([("target", "FRA", "GOV")], [])
    assert (match.precision, match.recall) == (0.5, 0.5)
    assert match.f1 == 0.5
    assert SetMatch().f1 is None


def test_primary_event_skips_negated_and_derived_statements() -> None:
    statement = event("ACCUSE", "allege", "1123", statement_of=["an-assault"])
    negated = event("AGREE", cameo="030", modality="negated")
    assault = event("ASSAULT", cameo="190")
    assert primary_event([statement, negated, assault]) is assault
    assert primary_event([statement, negated]) is statement
    assert primary_event([]) is None


# --- plover-gsr and conflibert pieces -------------------------------------------------------

def test_plover_draft_names_and_actor_triples() -> None:
    assert [plover_type(n) for n in ("DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT", "AID")] == [
        "REQUEST", "ACCUSE", "ACCUSE", "ASSAULT", "AID"]
    gold = {"source": [{"text": "Iraq", "code": "IRQ", "sector": "GOV"},
                       {"text": "it", "code": None, "sector": None}],
            "target": [{"text": "Iran", "code": "IRN", "sector": None}]}
    assert gold_triples(gold) == {("source", "IRQ", "GOV"), ("target", "IRN", "")}
    coded = event("ACCUSE", actors=[actor("GOV", "IRQ"), actor()], recipients=[actor(None, "IRN")])
    assert predicted_triples(coded) == gold_triples(gold)
    assert predicted_triples(None) == set()
    un = event("AID", actors=[actor(None, "UNO")], recipients=[actor("GOV", "EUR")])
    assert predicted_triples(un) == {("source", "IGO", ""), ("target", "IGO", "GOV")}


def test_plover_gold_spellings_read_as_plover_2() -> None:
    gold = {"source": [{"text": "Japanese", "code": "JAP", "sector": "GOV"},
                       {"text": "ethnic Albanians", "code": "SRB", "sector": "CVLalb"}],
            "target": [{"text": "Libyans", "code": "LBY", "sector": "CIV"},
                       {"text": "Israeli troops", "code": "ISR", "sector": "***"},
                       {"text": "temple", "code": "TUR", "sector": "MOS"}]}
    assert gold_triples(gold) == {("source", "JPN", "GOV"), ("source", "SRB", "CVL"),
                                  ("target", "LBY", "CVL"), ("target", "ISR", ""),
                                  ("target", "TUR", "REL")}


def test_plover_casualties_compare_each_count_the_gold_gives() -> None:
    coded = event("ASSAULT", killed=3, injured=2)
    assert casualty_matches({"dead": "3", "injured": "5"}, coded) == [True, False]
    assert casualty_matches({"dead": None, "injured": None}, coded) == []
    assert casualty_matches({"dead": "1"}, None) == [False]


def test_plover_location_by_name_spelling_or_country() -> None:
    def place(text: str, name: str, country: str) -> Place:
        return Place(text=text, start=0, end=len(text), name=name, country=country)

    countries = {"iran": "IRN"}.get
    herat = event("ASSAULT", locations=[place("Herat", "Herāt", "AFG")])
    assert location_match({"event_loc": {"name": "province of Herat"}}, herat, countries)
    algiers = event("PROTEST", locations=[place("Algiers", "Algiers", "DZA")])
    assert location_match({"event_loc": {"name": "Algers"}}, algiers, countries)
    esfahan = event("AID", locations=[place("Esfahan", "Isfahan", "IRN")])
    assert location_match({"event_loc": {"name": "Iran"}}, esfahan, countries)
    assert not location_match({"event_loc": {"name": "Geneva"}}, esfahan, countries)
    assert not location_match({"event_loc": {"name": "Geneva"}}, None, countries)
    assert location_match({"event_loc": None}, esfahan, countries) is None


def test_pentaclass_from_cameo_root_and_no_event_is_statement() -> None:
    assert [pentaclass(event("X", cameo=c)) for c in ("010", "036", "0871", "112", "163",
                                                      "141", "190")] == [0, 1, 2, 3, 3, 4, 4]
    assert pentaclass(None) == 0


def test_tokens_are_located_in_text_that_is_not_space_joined() -> None:
    text = "Moscow’s will, he said."
    tokens = ["Moscow", "’", "s", "will", ",", "he", "said", "."]
    offsets = token_offsets(text, tokens)
    assert offsets[:4] == [(0, 6), (6, 7), (7, 8), (9, 13)]
    assert offsets[-1] == (22, 23)
    roles = gold_token_roles([{"role": "reciprocal", "tok_start": 0, "tok_end": 2}])
    assert roles == {0: {"source", "target"}, 1: {"source", "target"}}


# --- case2021 mapping -----------------------------------------------------------------------

@pytest.mark.parametrize(("coded", "expected"), [
    (event("ASSAULT", trigger="attack", sentence="A suicide bomber blew himself up."),
     "SUIC_BOMB"),
    (event("ASSAULT", trigger="hurled", sentence="Men hurled a grenade at the shop."),
     "GRENADE"),
    (event("ASSAULT", "aerial", "195", trigger="bombed"), "AIR_STRIKE"),
    (event("ASSAULT", "heavy-weapons", "194", trigger="pounded"), "ART_MISS_ATTACK"),
    (event("ASSAULT", "explosives", "183", trigger="went off"), "REM_EXPLOS"),
    (event("ASSAULT", trigger="attacked", actors=[actor("REB")], recipients=[actor("CVL")]),
     "ATTACK"),
    (event("ASSAULT", trigger="fought", actors=[actor("REB")], recipients=[actor("MIL")]),
     "ARMED_CLASH"),
    (event("ASSAULT", trigger="kidnapped"), "ABDUCT_DISSAP"),
    (event("ASSAULT", trigger="fired", sentence="Police fired on protesters, killing two."),
     "FORCE_AGAINST_PROTEST"),
    (event("PROTEST", "demo", "141", trigger="marched"), "PEACE_PROTEST"),
    (event("PROTEST", "demo", "141", trigger="rallied",
           sentence="Police used tear gas to disperse the rally."), "PROTEST_WITH_INTER"),
    (event("PROTEST", "riot", "145", trigger="rioted"), "VIOL_DEMONSTR"),
    (event("COERCE", "arrest", "173", trigger="arrested"), "ARREST"),
    (event("COERCE", "seize", "192", trigger="captured", actors=[actor("MIL")]),
     "GOV_REGAINS_TERIT"),
    (event("COERCE", "seize", "192", trigger="captured", actors=[actor("REB")]),
     "NON_STATE_ACTOR_OVERTAKES_TER"),
    (event("COERCE", "seize", "171", trigger="seized", sentence="Troops seized a weapons cache."),
     "DISR_WEAP"),
    (event("AGREE", cameo="030", trigger="agreed"), "AGREEMENT"),
    (event("RETREAT", "ceasefire", "0871", trigger="truce"), "AGREEMENT"),
    (event("RETREAT", "withdraw", "0872", trigger="withdrew"), "NON_VIOL_TERRIT_TRANSFER"),
    (event("MOBILIZE", "troops", "152", trigger="deployed"), "CHANGE_TO_GROUP_ACT"),
    (event("CONSULT", cameo="040", trigger="met"), "DIPLO"),
    (event("SUPPORT", cameo="051", trigger="backed"), "DIPLO"),
    (event("ACCUSE", "allege", "112", trigger="blamed"), "ATTRIB"),
    (event("ACCUSE", "disapprove", "111", trigger="condemned"), "DIPLO"),
    (event("REJECT", cameo="016", trigger="denied",
           sentence="The group denied it was responsible for the attack."), "ATTRIB"),
    (event("ACCUSE", "investigate", "090", trigger="investigation",
           sentence="An investigation broke up a smuggling ring."), "ORG_CRIME"),
    (event("ASSAULT", trigger="killed",
           sentence="Vigilantes killed six men they said tried to kidnap teachers."), "MOB_VIOL"),
    (event("ASSAULT", trigger="attack",
           sentence="The group claimed responsibility for the attack on the hotel."), "ATTRIB"),
    (event("ASSAULT", "suicide-attack", "1831", trigger="blew himself up"), "SUIC_BOMB"),
    (event("ASSAULT", "unconventional", "2041", trigger="used"), "CHEM_WEAP"),
    (event("ASSAULT", "sexual", "1821", trigger="molested"), "SEX_VIOL"),
    (event("ASSAULT", "heavy-weapons", "194", trigger="fired",
           sentence="Warplanes fired two missiles at the camp."), "AIR_STRIKE"),
    (event("ASSAULT", "explosives", "183", trigger="exploded",
           sentence="A gas cylinder exploded in a restaurant."), "MAN_MADE_DISASTER"),
    (event("ASSAULT", "explosives", "183", trigger="exploded",
           sentence="A bomb placed in a container exploded."), "REM_EXPLOS"),
    (event("ASSAULT", "firearms", "193", trigger="opened fire"), "ATTACK"),
    (event("ASSAULT", trigger="clashed", recipients=[actor("PTY")]), "ARMED_CLASH"),
    (event("ASSAULT", trigger="clashed", actors=[actor("CVL")]), "MOB_VIOL"),
    (event("ASSAULT", "destroy", "1712", trigger="torched"), "PROPERTY_DISTRUCT"),
    (event("PROTEST", "demo", "141", trigger="protest",
           sentence="Soldiers violently suppressed a peaceful protest."), "FORCE_AGAINST_PROTEST"),
    (event("PROTEST", "demo", "141", trigger="protest",
           sentence="Protesters threw stones at the police during the protest."), "VIOL_DEMONSTR"),
    (event("PROTEST", "vandalize", "145", trigger="vandalized",
           sentence="An angry mob vandalized temples."), "MOB_VIOL"),
    (event("COERCE", "arrest", "173", trigger="detained",
           sentence="Police detained dozens of protesters."), "PROTEST_WITH_INTER"),
    (event("COERCE", "arrest", "173", trigger="arrested",
           sentence="Police arrested activists in anticipation of protests."), "ARREST"),
    (event("COERCE", "seize", "192", trigger="captured", recipients=[actor("REB")]),
     "GOV_REGAINS_TERIT"),
    (event("COERCE", "seize", "192", trigger="took control", actors=[actor("MIL")],
           sentence="The army took control of the town without any fighting."),
     "NON_VIOL_TERRIT_TRANSFER"),
    (event("COERCE", "seize", "1711", trigger="found",
           sentence="Police found two rifles and a pistol."), "DISR_WEAP"),
    (event("COERCE", "cyber", "170", trigger="cyberattack"), "DIPLO"),
    (event("REJECT", "yield", "128", trigger="defied", actors=[actor("CVL")],
           sentence="Crowds defied the curfew, throwing stones at police."), "VIOL_DEMONSTR"),
    (event("ASSAULT", trigger="killed", sentence="The earthquake killed eight people."),
     "NATURAL_DISASTER"),
    (event("RETREAT", "disarm", "0874", trigger="surrendered"), "AGREEMENT"),
    (event("SUPPORT", cameo="057", trigger="signed"), "AGREEMENT"),
    (event("MOBILIZE", "troops", "154", trigger="set up",
           sentence="Turkish forces set up an observation post."), "HQ_ESTABLISHED"),
    (event("REJECT", cameo="120", trigger="denied",
           sentence="The group denied it was responsible for the bombing."), "ATTRIB"),
    (event("ASSAULT", "suicide-attack", "1831", trigger="suicide bombers",
           sentence="Suicide bombers are suspected to be behind the blasts."), "ATTRIB"),
    (event("ASSAULT", "targeted", "1823", trigger="murder",
           sentence="The group has claimed the murder of a blogger."), "ATTRIB"),
    (None, None),
])
def test_case2021_mapping(coded: Event | None, expected: str | None) -> None:
    assert case_subtype(coded) == expected
    assert expected is None or expected in SUBTYPES


def test_case2021_weapon_named_elsewhere_in_the_snippet() -> None:
    shelling = event("ASSAULT", "heavy-weapons", "194", trigger="fired",
                     sentence="Rebels fired shells into the city.")
    assert case_subtype(shelling) == "ART_MISS_ATTACK"
    snippet = "Rebels fired shells into the city. Residents say the shells contained poison gas."
    assert case_subtype(shelling, snippet) == "CHEM_WEAP"


def _placed(e: Event, sentence: str, start: int) -> Event:
    """`e` as coded from `sentence` (at `start` of its snippet), trigger located in it."""
    at = sentence.index(e.trigger.text)
    e.sentence, e.sentence_start, e.sentence_end = sentence, start, start + len(sentence)
    e.trigger = Span(e.trigger.text, start + at, start + at + len(e.trigger.text))
    return e


def test_case2021_main_event() -> None:
    said = event("ACCUSE", "disapprove", "111", trigger="condemned")
    fight = event("ASSAULT", trigger="attacked")
    statement = event("ASSAULT", trigger="attacked", statement_of=["x"])
    assert main_event([said, fight]) is fight  # the material event, not the reaction
    assert main_event([statement, said]) is said
    assert main_event([]) is None
    sentence = "The sides agreed a ceasefire after weeks of fighting."
    agreed = _placed(event("AGREE", cameo="030", trigger="agreed"), sentence, 0)
    fighting = _placed(event("ASSAULT", trigger="fighting"), sentence, 0)
    assert main_event([fighting, agreed]) is agreed  # the fighting is what came before
    # With nothing else in its sentence, an event "after" something is still the news.
    blast = _placed(event("ASSAULT", "explosives", "183", trigger="blast"),
                    "Passengers were evacuated after a blast.", 0)
    killing = _placed(event("ASSAULT", trigger="killing"), "Gunmen hit the airport, killing 40.",
                      41)
    assert main_event([blast, killing]) is blast
    denial = event("REJECT", cameo="120", trigger="denied",
                   sentence="The Taliban denied they were responsible for the attack.")
    assert main_event([fight, denial]) is denial


# --- file errors ----------------------------------------------------------------------------

def test_missing_and_malformed_files_raise_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(EvaluateError, match="not found"):
        run_case2021(tmp_path / "absent.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "1", "text": "Troops fired.", "gold": {"event": "ASSAULT"}}\n')
    with pytest.raises(EvaluateError, match=r"bad\.jsonl:1: not a CASE 2021 task 2 item"):
        run_case2021(bad)
    bad.write_text("{not json\n")
    with pytest.raises(EvaluateError, match=r":1: not JSON") as caught:
        SUITES["plover-gsr"](bad)
    assert "\n" not in str(caught.value)


# --- regression floors on the first 60 gold items -------------------------------------------

# Measured on the first 60 items (2026-11-23: plover-gsr 0.800 accuracy, 0.654 actor F1, 0.917
# detection; conflibert 0.833 accuracy, 0.663 span F1; case2021 0.667 accuracy, 0.696 weighted
# F1; 2026-12-07: plover-gsr actor F1 0.773); the floors sit a little under.
FLOORS = {
    ("plover-gsr", "plover_gsr.jsonl"): {"event_type_accuracy": 0.75, "actor_f1": 0.74,
                                         "event_detection_recall": 0.85},
    ("conflibert-cameo", "conflibert_cameo_test.jsonl"): {"accuracy": 0.78,
                                                          "actor_span_f1": 0.60},
    ("case2021", "case2021_task2.dev.jsonl"): {"accuracy": 0.62, "weighted_f1": 0.65},
}


@pytest.mark.slow
@pytest.mark.parametrize(("name", "file"), list(FLOORS))
def test_suite_floor_on_a_slice(name: str, file: str, tmp_path: Path) -> None:
    source = GOLD / file
    if not source.is_file():
        pytest.skip("shared gold data not present")
    lines = source.read_text(encoding="utf-8").splitlines()[:60]
    sliced = tmp_path / file
    sliced.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = SUITES[name](sliced)
    assert result.suite == name
    assert result.items == 60
    for metric, floor in FLOORS[(name, file)].items():
        value = result.metrics[metric]
        assert value is not None and value >= floor, (metric, value)

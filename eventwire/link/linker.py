"""Reports -> incidents: block by day and party, score candidate pairs, join best-first.

No all-pairs comparison: a report is indexed under (day, country) for every day of its date
window and every country among its parties, places and claimant, under (day, article) so that
restatements in one article meet even without codes, and under (day, grid cell) where it has
coordinates; only reports sharing a key are compared (see `_Blocks`).

Pairs scoring at least `min_score` are joined best-first (single linkage); a report the text dates
only to a week or a month joins afterwards the incident its pairs support most. A join must keep
the incident coherent: every report's date window must share at least one day with every other's
(so a chain of day-apart reports never merges two different days), and no two reports may be
vetoed on place (farther apart than `max_km`, or different names without coordinates).

Linking is incremental: existing incidents come in as fixed groups that new reports may join (or
bridge; the merged incident keeps the smallest of the existing ids), and linking the same reports
again changes nothing.
"""

from __future__ import annotations

import gc
import math
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from eventwire.config import LinkSettings
from eventwire.link.compat import (
    KINDS_APART,
    Evidence,
    Point,
    Profile,
    actor_evidence,
    add_named_places,
    casualty_evidence,
    date_evidence,
    derived_statement,
    doubt_respelt_villages,
    doubt_stray_places,
    kinds_may_link,
    known_places,
    opens_other_incident,
    parties_apart,
    place_evidence,
    place_in_named_province,
    places_apart,
    profile,
    read_in_context,
    restates,
    told_apart,
    type_evidence,
)
from eventwire.model import Event, stable_id

# "kept apart" lines per report, for --explain; pairs of unrelated kinds go unmentioned.
_REJECTIONS_KEPT = 2


@dataclass
class LinkItem:
    """An event with what linking needs from its article."""

    event: Event
    outlet: str | None = None
    published: str | None = None


@dataclass
class Cluster:
    """A group of reports of one incident; `id` is None until `link` names a new one."""

    items: list[LinkItem]
    id: str | None = None
    explain: list[str] = field(default_factory=list)
    # The days every report allows; None when the incident is a report never linked.
    window: tuple[date, date] | None = None


@dataclass
class LinkResult:
    clusters: list[Cluster]  # every new or changed incident, ids assigned
    absorbed: list[str]  # existing incident ids merged into another
    compared: int = 0  # candidate pairs scored


def incident_id(event_ids: Sequence[str]) -> str:
    """Named after the smallest event id, so rebuilding from scratch gives the same names."""
    return "inc-" + stable_id("incident", min(event_ids))


def window_of(profiles: Sequence[Profile],
              settings: LinkSettings) -> tuple[date, date] | None:
    """The days every report of a group allows (None: some report is never linked)."""
    window: tuple[date, date] | None = None
    for p in profiles:
        if p.window is None or not linkable(p, settings):
            return None
        window = p.window if window is None else (max(window[0], p.window[0]),
                                                  min(window[1], p.window[1]))
    return window


def linkable(p: Profile, settings: LinkSettings) -> bool:
    # An act told as not done is linked as the denial of that act.
    return p.window is not None and (p.event.modality in settings.modalities or (
        p.kind != p.event.event_type and "actual" in settings.modalities))


def score_pair(a: Profile, b: Profile,
               settings: LinkSettings) -> tuple[float | None, list[Evidence]]:
    """The pair's total score (None when vetoed) and its evidence, the veto last."""
    same_article = a.event.article_id == b.event.article_id
    same_sentence = _one_sentence(a, b)
    restated = restates(a.event, b.event)
    story = _one_story(a, b)
    told_with = same_sentence or story
    if not (told_with or kinds_may_link(a.kind, b.kind)):
        return None, [Evidence(None, f"{a.kind} and {b.kind}{KINDS_APART}")]
    if not (same_sentence or restated) and (derived_statement(a.event)
                                             or derived_statement(b.event)):
        return None, [Evidence(None, "a statement made from reported speech joins only what it "
                                     "restates and its own sentence")]
    if told_apart(a, b):
        return None, [Evidence(None, "the article tells them as separate incidents")]
    date_ev = date_evidence(a, b)
    if date_ev.veto:
        return None, [date_ev]
    place_ev = place_evidence(a, b, settings)
    # A statement that goes on with a clash's story ("A message ... blamed the Jalisco cartel
    # for the ambush and denied any involvement", with no day or place of its own) is as close
    # to it as one sentence.
    anchored = same_sentence or restated or story or (place_ev.score or 0) >= 0.5
    if not (a.firm_day or b.firm_day or same_article or anchored):
        # Two reports dated only by publication or month, with no place in common, share
        # nothing but a few days and a party: too little to call them one incident.
        return None, [date_ev, Evidence(None, "neither report dates the event itself and no "
                                              "place or article links them")]
    actors_ev = actor_evidence(a, b)
    if actors_ev.veto and (story or same_sentence):
        # A sentence with no day or place of its own that goes on with this one's story, or one
        # sentence ("handed the ambassador a note of protest and asked Moscow to use its
        # influence"), is about the same incident; parties that differ there are more likely a
        # coding slip.
        actors_ev = Evidence(0.0, f"{actors_ev.reason}, but "
                                  + ("one sentence tells both" if same_sentence
                                     else "one goes on with the other's story"))
    evidence = [type_evidence(a, b, anchored, same_sentence, same_article, told_with), date_ev,
                place_ev,
                actors_ev, casualty_evidence(a, b)]
    if same_sentence:
        evidence.append(Evidence(1.0, "same sentence"))
    elif restated:
        evidence.append(Evidence(1.0, "the claimant's statement of this report"))
    elif story:
        # One sentence goes on with the other's story ("The group denied any involvement"
        # after the attack it names): as close as one sentence.
        evidence.append(Evidence(1.0, "same article, one going on with the other's story"))
    elif same_article:
        evidence.append(Evidence(0.5, "same article"))
    for p in (a, b):
        if p.context:
            evidence.append(Evidence(0.0, f"{p.event.id[:8]}: {p.context}"))
    total = 0.0
    for n, ev in enumerate(evidence):
        if ev.score is None:
            return None, evidence[:n + 1]
        total += ev.score
    return round(total, 2), evidence


def reasons(evidence: list[Evidence]) -> str:
    return "; ".join(ev.reason for ev in evidence)


def _worth_scoring(a: Profile, b: Profile) -> bool:
    """False for pairs so plainly apart that --explain need not mention them: unrelated kinds of
    event, or a reported-speech statement with what it does not restate, outside its sentence."""
    same_sentence = _one_sentence(a, b)
    if not (same_sentence or _one_story(a, b) or kinds_may_link(a.kind, b.kind)):
        return False
    return (same_sentence or restates(a.event, b.event)
            or not (derived_statement(a.event) or derived_statement(b.event)))


def _vetoed(a: Profile, b: Profile, settings: LinkSettings) -> bool:
    """`score_pair`'s commonest vetoes, without building reasons (most pairs in a block), for a
    pair `_worth_scoring` let through."""
    assert a.window is not None and b.window is not None
    if max(a.window[0], b.window[0]) > min(a.window[1], b.window[1]):
        return True
    return (parties_apart(a, b) and not (_one_story(a, b) or _one_sentence(a, b))
            or places_apart(a, b, settings))


def _one_sentence(a: Profile, b: Profile) -> bool:
    return a.event.article_id == b.event.article_id and \
        a.event.sentence_start == b.event.sentence_start


def _one_story(a: Profile, b: Profile) -> bool:
    """One report took its day or place from the other: it goes on with that one's story."""
    return a.story_of == b.event.id or b.story_of == a.event.id


def _points(p: Profile) -> list[Point]:
    return [spot.point for spot in p.places.values() if spot.point is not None]


def _cells(p: Profile, settings: LinkSettings, *, around: bool) -> list[tuple[int, int]]:
    """Grid cells (row, column) about `max_km` wide holding the report's points (`around`: with
    the cells next to them, where any point within `max_km` must lie), in a fixed order."""
    size = max(settings.max_km, 1.0) / 111.0
    cells: dict[tuple[int, int], None] = {}
    for lat, lon in _points(p):
        row, col = math.floor(lat / size), math.floor(lon / size)
        if not around:
            cells[row, col] = None
            continue
        reach = math.ceil(1 / max(math.cos(math.radians(min(abs(lat) + size, 89.0))), 0.02))
        for r in (row - 1, row, row + 1):
            for c in range(col - reach, col + reach + 1):
                cells[r, c] = None
    return list(cells)


def _country_tags(p: Profile) -> list[str]:
    """The report's parties, its places' countries and its claimant's country."""
    tags = set(p.parties)
    tags.update(p.countries)
    if p.event.claimed_by and p.event.claimed_by.country:
        tags.add(p.event.claimed_by.country)
    return sorted(tags)


def _own_tags(p: Profile) -> list[str]:
    """The report's article ("@" and its id) and its place names ("#" and the name): a village
    the gazetteer does not know has neither country nor coordinates to meet others by."""
    return ["@" + p.event.article_id, *sorted("#" + name for name in p.places)]


def _days(p: Profile) -> range:
    assert p.window is not None
    return range(p.window[0].toordinal(), p.window[1].toordinal() + 1)


class _Blocks:
    """Reports indexed for every day of their date window under their countries
    (`_country_tags`), their article and place names (`_own_tags`) and their grid cells
    (`_cells`).

    Two located reports meet only through grid cells (or their article), so the country keys
    never pair up two reports hundreds of km apart; a report without coordinates meets every
    report of its countries. Located reports' country entries are kept in a table of their own,
    which a located report's lookups skip instead of walking past every entry.
    """

    def __init__(self) -> None:
        self.shared: dict[tuple[int, str], list[int]] = defaultdict(list)
        self.located: dict[tuple[int, str], list[int]] = defaultdict(list)
        self.cells: dict[tuple[int, int, int], list[int]] = defaultdict(list)

    def add(self, node: int, p: Profile, located: bool, settings: LinkSettings) -> None:
        by_country = self.located if located else self.shared
        countries = _country_tags(p)
        own = _own_tags(p)
        cells = _cells(p, settings, around=False)
        for day in _days(p):
            for tag in countries:
                by_country[day, tag].append(node)
            for tag in own:
                self.shared[day, tag].append(node)
            for row, col in cells:
                self.cells[day, row, col].append(node)

    def meeting(self, p: Profile, located: bool, settings: LinkSettings) -> Iterator[list[int]]:
        """The blocks holding the reports `p` may meet (a report may be in several)."""
        countries = _country_tags(p)
        shared = [*countries, *_own_tags(p)]
        cells = _cells(p, settings, around=True)
        if located:
            countries = []
        for day in _days(p):
            for tag in shared:
                block = self.shared.get((day, tag))
                if block:
                    yield block
            for row, col in cells:
                block = self.cells.get((day, row, col))
                if block:
                    yield block
            for tag in countries:
                block = self.located.get((day, tag))
                if block:
                    yield block


class _Groups:
    """Union-find whose roots carry what a join must keep coherent."""

    def __init__(self, profiles: list[Profile]) -> None:
        self.parent = list(range(len(profiles)))
        self.window = [p.window for p in profiles]
        self.located = [[p] if p.places else [] for p in profiles]
        # Reports of articles that tell another incident after a first one ("In a separate
        # attack ..."): few, so the join test can afford to compare them all.
        parted = {p.event.article_id for p in profiles
                  if opens_other_incident(p.event) or p.flashback_from is not None}
        self.parted = [[p] if p.event.article_id in parted else [] for p in profiles]

    def find(self, node: int) -> int:
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def conflict(self, ra: int, rb: int, settings: LinkSettings) -> str | None:
        wa, wb = self.window[ra], self.window[rb]
        if wa is None or wb is None or max(wa[0], wb[0]) > min(wa[1], wb[1]):
            return "their incidents share no day"
        for a in self.located[ra]:
            for b in self.located[rb]:
                where = place_evidence(a, b, settings)
                if where.veto:
                    return f"their incidents lie apart: {where.reason}"
        for a in self.parted[ra]:
            for b in self.parted[rb]:
                if told_apart(a, b):
                    return "their article tells them as separate incidents"
        return None

    def union(self, ra: int, rb: int) -> int:
        keep, drop = min(ra, rb), max(ra, rb)
        wa, wb = self.window[keep], self.window[drop]
        assert wa is not None and wb is not None
        self.parent[drop] = keep
        self.window[keep] = (max(wa[0], wb[0]), min(wa[1], wb[1]))
        self.located[keep] = self.located[keep] + self.located[drop]
        if self.parted[drop]:
            self.parted[keep] = self.parted[keep] + self.parted[drop]
        return keep


def _compare(node: int, profiles: list[Profile], blocks: _Blocks, located: bool,
             settings: LinkSettings, candidates: list[tuple[float, int, int, list[Evidence]]],
             notes: list[str], nodes: list[LinkItem]) -> int:
    """Score `node` against the reports indexed so far that it may meet; returns the pairs
    compared."""
    p = profiles[node]
    seen: set[int] = set()
    rejected = 0
    for block in blocks.meeting(p, located, settings):
        for other in block:
            if other in seen:
                continue
            seen.add(other)
            q = profiles[other]
            if not _worth_scoring(p, q):
                continue
            quiet = rejected >= _REJECTIONS_KEPT
            if quiet and _vetoed(p, q, settings):
                continue  # no reasons wanted: skip building them
            score, evidence = score_pair(p, q, settings)
            if score is not None and score >= settings.min_score:
                candidates.append((score, other, node, evidence))
            elif not quiet:
                rejected += 1
                shown = evidence[-1].reason if score is None else (
                    f"score {score} < {settings.min_score}: {reasons(evidence)}")
                notes.append(f"kept {_label(nodes[node])} apart from {_label(nodes[other])}: "
                             f"{shown}")
    return len(seen)


def _label(item: LinkItem) -> str:
    return f"{item.event.id[:8]} ({item.outlet or 'no outlet'})"


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector for a bulk run, resuming it (if it was on) afterwards.

    Linking allocates millions of small objects (profiles, block lists, evidence, incident
    records) that stay alive to the end; the collector rescans all of them each time the heap
    grows by a quarter, which took a third of linking 100,000 stored events. Reference counting
    still frees everything else as it goes, and any garbage cycle is collected once the
    collector resumes.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def link(items: Sequence[LinkItem], settings: LinkSettings | None = None,
         existing: Sequence[Cluster] = (),
         previous: Mapping[str, str] | None = None) -> LinkResult:
    """Group `items` into incidents, joining `existing` ones where they fit.

    `existing` clusters are fixed (never split). `previous` maps event ids to incident ids from
    an earlier run: a rebuilt incident takes back the smallest old id among its reports.
    """
    with gc_paused():
        return _link(items, settings or LinkSettings(), existing, previous or {})


def _link(items: Sequence[LinkItem], settings: LinkSettings, existing: Sequence[Cluster],
          previous: Mapping[str, str]) -> LinkResult:
    nodes: list[LinkItem] = []
    home: list[int] = []  # index into `existing`, or -1 for a new item
    for index, cluster in enumerate(existing):
        nodes.extend(cluster.items)
        home.extend([index] * len(cluster.items))
    first_new = len(nodes)
    nodes.extend(items)
    home.extend([-1] * len(items))
    profiles = [profile(n.event, n.outlet, n.published, settings) for n in nodes]
    place_in_named_province(profiles)
    doubt_respelt_villages(profiles)
    doubt_stray_places(profiles)
    add_named_places(profiles, known_places(profiles))
    read_in_context(profiles, settings)
    groups = _Groups(profiles)
    notes: dict[int, list[str]] = defaultdict(list)

    # Existing incidents are fixed groups: their members start joined.
    leaders: dict[int, int] = {}
    for node in range(first_new):
        leader = leaders.setdefault(home[node], node)
        if leader != node:
            groups.parent[node] = leader
    for index, leader in leaders.items():
        # Read with the same article context as the new reports, as when it was linked.
        groups.window[leader] = window_of(
            [profiles[node] for node in range(first_new) if home[node] == index], settings)
        groups.located[leader] = [profiles[node] for node in range(first_new)
                                  if home[node] == index and profiles[node].places]
        groups.parted[leader] = [profiles[node] for node in range(first_new)
                                 if home[node] == index and groups.parted[node]]

    # Existing reports are indexed first; each new report is compared with what is indexed so
    # far, then indexed itself, so every pair is seen once.
    blocks = _Blocks()
    is_located = [bool(_points(p)) for p in profiles]
    candidates: list[tuple[float, int, int, list[Evidence]]] = []
    compared = 0
    for node, p in enumerate(profiles):
        if not linkable(p, settings):
            groups.window[node] = None  # stored without a window, never a candidate again
            if node >= first_new:
                why = ("no usable date" if p.window is None
                       else f"modality {p.event.modality}")
                notes[node].append(f"{_label(nodes[node])} not linked: {why}")
            continue
        if node >= first_new:
            compared += _compare(node, profiles, blocks, is_located[node], settings, candidates,
                                 notes[node], nodes)
        blocks.add(node, p, is_located[node], settings)

    # Reports dated to a day (by the text or by publication) are joined first, best pair first.
    # A report the text dates only to a week or a month ("last week's strike") may fit
    # incidents on several days; it joins afterwards the incident its pairs support most.
    # Two reports of one sentence dated by the same span ("Last week three soldiers were killed
    # in an ambush ..., an attack the army blamed on ...") are of the same day, whichever it is.
    spanned = [vague(profiles[c[1]]) or vague(profiles[c[2]]) for c in candidates]
    spanned = [span and not _one_span(profiles[c[1]], profiles[c[2]])
               for span, c in zip(spanned, candidates, strict=True)]
    dated = [c for c, span in zip(candidates, spanned, strict=True) if not span]
    dated.sort(key=lambda c: (-c[0], nodes[c[1]].event.id, nodes[c[2]].event.id))
    for candidate in dated:
        _join(candidate, groups, notes, nodes, settings)
    support: dict[tuple[int, int], list[tuple[float, int, int, list[Evidence]]]] = (
        defaultdict(list))
    for candidate, span in zip(candidates, spanned, strict=True):
        if span:
            ra, rb = groups.find(candidate[1]), groups.find(candidate[2])
            support[min(ra, rb), max(ra, rb)].append(candidate)
    ranked = sorted(support.values(), key=lambda pairs: (
        -sum(c[0] for c in pairs), min((nodes[c[1]].event.id, nodes[c[2]].event.id)
                                       for c in pairs)))
    for pairs in ranked:
        best = min(pairs, key=lambda c: (-c[0], nodes[c[1]].event.id, nodes[c[2]].event.id))
        village = _other_village(best, profiles, groups)
        if village:
            notes[best[2]].append(f"kept {_label(nodes[best[2]])} apart from "
                                  f"{_label(nodes[best[1]])}: {village}")
            continue
        _join(best, groups, notes, nodes, settings)

    return _result(nodes, home, first_new, groups, notes, existing, previous, compared)


def _other_village(candidate: tuple[float, int, int, list[Evidence]], profiles: list[Profile],
                   groups: _Groups) -> str | None:
    """Why a report dated only to a span may not join the other incident: it names villages and
    the incident names others ("Last week's attack on Chai" against the looting of Mucojo in the
    same district that week). A span holds several incidents, and the village is how the text
    says which one it means; the district they share does not."""
    _, a, b, _ = candidate
    if not vague(profiles[a]):
        a, b = b, a
    named = {name for name, spot in profiles[a].places.items() if spot.unknown_settlement}
    theirs = {name for p in groups.located[groups.find(b)] for name, spot in p.places.items()}
    villages = {name for p in groups.located[groups.find(b)]
                for name, spot in p.places.items() if spot.unknown_settlement}
    if not named or not villages or named & theirs:
        return None
    return (f"dated only to a span, it names {'/'.join(sorted(named))}, the incident "
            f"{'/'.join(sorted(villages))}")


def _one_span(a: Profile, b: Profile) -> bool:
    """Two reports of one sentence dated by one time expression to the same span."""
    told_a, told_b = a.event.date_text, b.event.date_text
    return (_one_sentence(a, b) and told_a is not None and told_b is not None
            and told_a.start == told_b.start and a.window == b.window)


def vague(p: Profile) -> bool:
    """The text dates the report only to a span (a week, a month), not to a day."""
    return p.firm_day is None and p.event.date_source != "published"


def _join(candidate: tuple[float, int, int, list[Evidence]], groups: _Groups,
          notes: dict[int, list[str]], nodes: list[LinkItem], settings: LinkSettings) -> None:
    """Join the incidents of a candidate pair, unless that would make one incoherent."""
    score, a, b, evidence = candidate
    ra, rb = groups.find(a), groups.find(b)
    if ra == rb:
        return
    clash = groups.conflict(ra, rb, settings)
    if clash:
        notes[b].append(f"kept {_label(nodes[b])} apart from {_label(nodes[a])} although "
                        f"score {score}: {clash}")
        return
    groups.union(ra, rb)
    notes[b].append(f"joined {_label(nodes[b])} with {_label(nodes[a])}: score {score} "
                    f"({reasons(evidence)})")


def _result(nodes: list[LinkItem], home: list[int], first_new: int, groups: _Groups,
            notes: dict[int, list[str]], existing: Sequence[Cluster],
            previous: Mapping[str, str], compared: int) -> LinkResult:
    members: dict[int, list[int]] = defaultdict(list)
    for node in range(len(nodes)):
        members[groups.find(node)].append(node)
    clusters: list[Cluster] = []
    absorbed: list[str] = []
    taken: set[str] = set()
    for root in sorted(members, key=lambda r: min(nodes[n].event.id for n in members[r])):
        group = members[root]
        if all(node < first_new for node in group):
            continue  # an existing incident nothing new joined
        old = sorted({existing[home[n]].id or "" for n in group if home[n] >= 0} - {""})
        explain = [line for index in sorted({home[n] for n in group if home[n] >= 0})
                   for line in existing[index].explain]
        explain += [line for node in sorted(group) for line in notes.get(node, [])]
        ids = [nodes[n].event.id for n in group]
        reused = sorted({previous[i] for i in ids if i in previous} - taken)
        if old:
            name = old[0]
            absorbed.extend(old[1:])
        elif reused:
            name = reused[0]
        else:
            name = incident_id(ids)
        taken.add(name)
        items = sorted((nodes[n] for n in group), key=_report_order)
        clusters.append(Cluster(items=items, id=name, explain=explain,
                                window=groups.window[root]))
    return LinkResult(clusters=clusters, absorbed=absorbed, compared=compared)


def _report_order(item: LinkItem) -> tuple[str, str, int, str]:
    return (item.published or "", item.event.article_id, item.event.sentence_start,
            item.event.id)

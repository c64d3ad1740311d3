"""Synthetic news articles for throughput benchmarks and the steady-memory test.

Each article mixes event sentences (attacks with casualties, meetings, phone calls, protests,
accusations, sanctions, aid deliveries, arrests, summonses, demands) with filler sentences
(economy, weather, sports, culture), about 60% filler as in real news where most sentences code
no event. Everything comes from a seeded `random.Random`, one per article, so the same seed gives
the same corpus and the first k articles do not depend on n. Stdlib only.

    python benchmarks/generate_corpus.py --out corpus.jsonl --n 1000 --words 600 --seed 1
    python benchmarks/generate_corpus.py --out corpus_dir/ --n 50
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

FILLER_SHARE = 0.6
FIRST_DAY = dt.date(2020, 1, 1)
DAYS_SPANNED = 3 * 365


@dataclass(frozen=True)
class Country:
    name: str
    adjective: str
    capital: str
    cities: tuple[str, ...]


COUNTRIES = (
    Country("Azerbaijan", "Azerbaijani", "Baku",
            ("Ganja", "Tovuz", "Aghdam", "Fuzuli", "Shusha", "Kalbajar", "Lachin")),
    Country("Armenia", "Armenian", "Yerevan", ("Gyumri", "Jermuk", "Sotk", "Goris", "Vardenis")),
    Country("Georgia", "Georgian", "Tbilisi", ("Batumi", "Kutaisi", "Rustavi")),
    Country("Russia", "Russian", "Moscow", ("Saint Petersburg", "Kazan", "Rostov-on-Don")),
    Country("Turkey", "Turkish", "Ankara", ("Istanbul", "Kars", "Izmir")),
    Country("Iran", "Iranian", "Tehran", ("Tabriz", "Ardabil")),
    Country("France", "French", "Paris", ("Lyon", "Marseille")),
    Country("Germany", "German", "Berlin", ("Munich", "Hamburg")),
    Country("the United States", "American", "Washington", ("Los Angeles", "New York")),
    Country("the United Kingdom", "British", "London", ("Manchester", "Birmingham")),
    Country("Belgium", "Belgian", "Brussels", ("Antwerp", "Ghent")),
    Country("the Netherlands", "Dutch", "Amsterdam", ("Rotterdam", "The Hague")),
    Country("Italy", "Italian", "Rome", ("Milan", "Naples")),
    Country("Spain", "Spanish", "Madrid", ("Barcelona", "Valencia")),
    Country("Poland", "Polish", "Warsaw", ("Krakow", "Gdansk")),
    Country("Ukraine", "Ukrainian", "Kyiv", ("Kharkiv", "Odesa", "Lviv")),
    Country("Belarus", "Belarusian", "Minsk", ("Brest", "Grodno")),
    Country("Kazakhstan", "Kazakh", "Nur-Sultan", ("Almaty", "Shymkent")),
    Country("Uzbekistan", "Uzbek", "Tashkent", ("Samarkand", "Bukhara")),
    Country("Turkmenistan", "Turkmen", "Ashgabat", ("Turkmenbashi",)),
    Country("Kyrgyzstan", "Kyrgyz", "Bishkek", ("Osh",)),
    Country("Tajikistan", "Tajik", "Dushanbe", ("Khujand",)),
    Country("Moldova", "Moldovan", "Chisinau", ("Balti",)),
    Country("Romania", "Romanian", "Bucharest", ("Cluj-Napoca", "Constanta")),
    Country("Bulgaria", "Bulgarian", "Sofia", ("Plovdiv", "Varna")),
    Country("Greece", "Greek", "Athens", ("Thessaloniki",)),
    Country("Israel", "Israeli", "Jerusalem", ("Tel Aviv", "Haifa")),
    Country("Pakistan", "Pakistani", "Islamabad", ("Karachi", "Lahore")),
    Country("India", "Indian", "New Delhi", ("Mumbai", "Kolkata")),
    Country("China", "Chinese", "Beijing", ("Shanghai", "Urumqi")),
    Country("Japan", "Japanese", "Tokyo", ("Osaka",)),
    Country("Egypt", "Egyptian", "Cairo", ("Alexandria",)),
    Country("Saudi Arabia", "Saudi", "Riyadh", ("Jeddah",)),
    Country("the United Arab Emirates", "Emirati", "Abu Dhabi", ("Dubai",)),
    Country("Qatar", "Qatari", "Doha", ("Al Wakrah",)),
    Country("Hungary", "Hungarian", "Budapest", ("Debrecen",)),
    Country("Lithuania", "Lithuanian", "Vilnius", ("Kaunas",)),
    Country("Latvia", "Latvian", "Riga", ("Daugavpils",)),
    Country("Sweden", "Swedish", "Stockholm", ("Gothenburg",)),
    Country("Canada", "Canadian", "Ottawa", ("Toronto", "Montreal")),
    Country("Syria", "Syrian", "Damascus", ("Aleppo", "Idlib")),
    Country("Iraq", "Iraqi", "Baghdad", ("Erbil", "Mosul")),
)

ORGANISATIONS = (
    "the European Union", "the United Nations", "the OSCE", "NATO", "the Council of Europe",
    "the International Committee of the Red Cross", "the World Health Organization",
)
SOURCES = ("Trend", "Azernews", "Report", "Armenpress", "news.am", "APA", "JAMnews", "Civil.ge")
FIRST_NAMES = (
    "Elnur", "Rauf", "Leyla", "Aram", "Ani", "Giorgi", "Nino", "Sergei", "Olga", "Mehmet",
    "Ayse", "Reza", "Maryam", "Pierre", "Claire", "Jonas", "Anna", "David", "Sarah", "Marek",
)
LAST_NAMES = (
    "Mammadov", "Hasanli", "Petrosyan", "Harutyunyan", "Beridze", "Kapanadze", "Volkov",
    "Ivanova", "Yilmaz", "Demir", "Karimi", "Rahimi", "Laurent", "Moreau", "Becker", "Novak",
    "Kowalski", "Miller", "Evans", "Rossi",
)
OFFICES = (
    "Foreign Minister", "Deputy Foreign Minister", "Prime Minister", "President",
    "Defense Minister", "Economy Minister", "Interior Minister",
)
TOPICS = (
    "regional security", "the opening of transport links", "energy cooperation",
    "the delimitation of the border", "humanitarian issues", "trade and investment",
    "the return of displaced persons", "cooperation in the fight against terrorism",
)
GRIEVANCES = (
    "a resolution adopted by its parliament", "remarks made by its officials",
    "the detention of journalists", "an unauthorised visit to the region",
    "the desecration of a monument", "violations of the ceasefire",
)
OFFENCES = (
    "violating the ceasefire", "shelling civilian areas", "spreading disinformation",
    "obstructing the peace process", "planting landmines", "mistreating prisoners of war",
)
CLUBS = ("Neftchi", "Qarabag", "Ararat", "Pyunik", "Dinamo", "Torpedo", "Sabah", "Alashkert")
MONTH_ABBREVIATIONS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.",
                       "Sept.", "Oct.", "Nov.", "Dec.")

# Event sentences by kind; slots are filled by `fill_slots`.
EVENT_SENTENCES: dict[str, tuple[str, ...]] = {
    "attack": (
        "{When}, units of the {adj_a} army shelled {adj_b} positions near {city_b}, killing "
        "{killed} servicemen and wounding {injured} others, the {adj_b} Defense Ministry said.",
        "\"{When}, {adj_a} forces attempted an attack in the direction of {city_b}. {Killed} "
        "soldiers were killed and {injured} were injured,\" the ministry said.",
        "{Killed} civilians were killed and {injured} injured when a drone struck a residential "
        "area of {city_b} {when}, local officials said.",
    ),
    "meeting": (
        "{person_a} met with {person_b} in {capital_b} {when} to discuss {topic}.",
        "{person_a} arrived in {capital_b} on an official visit {when} and held talks with "
        "{person_b} on {topic}.",
    ),
    "phone": (
        "{person_a} held a phone conversation with {person_b} {when}; the sides discussed {topic}.",
        "In a telephone call {when}, {person_a} and {person_b} exchanged views on {topic}.",
    ),
    "protest": (
        "Hundreds of people rallied outside the {adj_b} embassy in {capital_a} {when} to protest "
        "against {grievance}.",
        "About {crowd} demonstrators gathered in {city_a} {when}, and police detained {arrested} "
        "of them.",
    ),
    "accusation": (
        "The {adj_a} Foreign Ministry accused {country_b} of {offence} in a statement issued "
        "{when}.",
        "{person_a} condemned {country_b} for {offence}, calling it a gross violation of "
        "international law.",
    ),
    "summons": (
        "The {adj_b} ambassador was summoned to the {adj_a} Foreign Ministry {when} and handed a "
        "note of protest over {grievance}.",
    ),
    "sanction": (
        "{Country_a} imposed sanctions on {count} {adj_b} officials {when} over {grievance}.",
        "{Country_a} expelled {count} {adj_b} diplomats {when}, declaring them persona non grata.",
    ),
    "aid": (
        "{Country_a} sent {tonnes} tonnes of humanitarian aid to {country_b} {when}, including "
        "food, medicine and tents.",
        "{Org} delivered medical supplies to hospitals in {city_b} {when}.",
    ),
    "arrest": (
        "{Adj_a} police arrested {arrested} people suspected of smuggling weapons in {city_a} "
        "{when}.",
    ),
    "request": (
        "{person_a} called on {country_b} to release all detainees and return to negotiations.",
        "{Org} urged {country_a} and {country_b} to refrain from steps that could escalate "
        "tension.",
    ),
}
# Headlines for an article whose lead sentence is of that kind, from the same slot values.
EVENT_TITLES: dict[str, tuple[str, ...]] = {
    "attack": ("{Killed} killed in attack near {city_b}",
               "{Adj_b} ministry reports shelling of {city_b}"),
    "meeting": ("{Adj_a}, {adj_b} officials discuss {topic} in {capital_b}",),
    "phone": ("{Adj_a} and {adj_b} officials talk by phone",),
    "protest": ("Protest in {capital_a} over {grievance}",),
    "accusation": ("{Adj_a} side accuses {country_b} of {offence}",),
    "summons": ("{Adj_a} MFA summons {adj_b} ambassador",),
    "sanction": ("{Country_a} takes measures against {adj_b} officials",),
    "aid": ("Aid delivered to {country_b}",),
    "arrest": ("{Arrested} detained in {city_a}",),
    "request": ("Calls for restraint between {country_a} and {country_b}",),
}
EVENT_KINDS = tuple(sorted(EVENT_SENTENCES))

FILLER_TEMPLATES = (
    "The central bank kept its refinancing rate at {rate} percent at its meeting this month.",
    "Foreign trade turnover reached ${billions} billion in the first {months} months of the year, "
    "up {percent} percent year on year.",
    "The price of Brent crude rose to ${oil} per barrel on world markets.",
    "Annual inflation stood at {rate} percent in {month}, according to the statistics committee.",
    "The construction of the new highway is expected to be completed by the end of {year}.",
    "Exports of fruit and vegetables grew by {percent} percent compared to the same period last "
    "year.",
    "Forecasters expect temperatures of {temp} to {temp_high} degrees Celsius in {city_a} over the "
    "coming days, with light rain in the mountains.",
    "Strong winds and snow are expected in the northern regions on the weekend.",
    "{club_a} beat {club_b} {goals_a}-{goals_b} in the national football league on the weekend.",
    "The national wrestling team won {count} medals at the European championship in {city_b}.",
    "The {city_a} Philharmonic will host a concert of classical music next week.",
    "An exhibition of traditional carpets opened at the national museum in {capital_a}.",
    "More than {crowd} tourists visited the country in {month}, the tourism agency said.",
    "The new school year will begin on September 15, the education ministry said.",
    "A film festival dedicated to young directors will be held in {capital_a} in {month}.",
    "Tickets for the match went on sale online and sold out within hours.",
    "The company plans to open {count} new branches in the regions next year.",
    "Wheat harvest in the country is expected to reach {tonnes} thousand tonnes this year.",
)


def publication_date(rng: random.Random) -> dt.date:
    return FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS_SPANNED))


def relative_date_phrase(rng: random.Random, published: dt.date) -> str:
    """A date as news writes it: weekday within the week, month and day further back."""
    days_back = rng.choice((1, 1, 2, 3, 4, 5, 6, 8, 12, 20))
    day = published - dt.timedelta(days=days_back)
    if days_back == 1 and rng.random() < 0.5:
        return "yesterday"
    if days_back < 7:
        return f"on {day:%A}"
    if rng.random() < 0.3:
        return f"on {day:%B} {day.day}, {day.year}"
    return f"on {day:%B} {day.day}"


def person(rng: random.Random, country: Country) -> str:
    return (f"{country.adjective} {rng.choice(OFFICES)} "
            f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}")


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def fill_slots(rng: random.Random, published: dt.date) -> dict[str, str]:
    """Values for every template slot; two distinct countries play sides a and b."""
    a, b = rng.sample(COUNTRIES, 2)
    when = relative_date_phrase(rng, published)
    killed = rng.randint(1, 12)
    slots = {
        "adj_a": a.adjective, "adj_b": b.adjective, "country_a": a.name, "country_b": b.name,
        "capital_a": a.capital, "capital_b": b.capital,
        "city_a": rng.choice((a.capital, *a.cities)), "city_b": rng.choice(b.cities),
        "person_a": person(rng, a), "person_b": person(rng, b), "org": rng.choice(ORGANISATIONS),
        "when": when, "killed": str(killed), "injured": str(rng.randint(0, 20)),
        "arrested": str(rng.randint(2, 40)), "count": str(rng.randint(2, 15)),
        "crowd": str(rng.randrange(100, 5000, 50)), "tonnes": str(rng.randint(5, 400)),
        "topic": rng.choice(TOPICS), "grievance": rng.choice(GRIEVANCES),
        "offence": rng.choice(OFFENCES), "month": f"{published:%B}",
        "year": str(published.year + rng.randint(0, 3)), "rate": f"{rng.uniform(2, 15):.1f}",
        "percent": f"{rng.uniform(0.5, 30):.1f}", "billions": f"{rng.uniform(1, 40):.1f}",
        "months": str(rng.randint(2, 11)), "oil": f"{rng.uniform(40, 110):.2f}",
        "temp": str(rng.randint(-5, 20)), "club_a": rng.choice(CLUBS),
        "club_b": rng.choice(CLUBS), "goals_a": str(rng.randint(0, 4)),
        "goals_b": str(rng.randint(0, 4)),
    }
    slots["temp_high"] = str(int(slots["temp"]) + rng.randint(3, 10))
    # Capitalised variants for slots that can open a sentence or a title.
    for key in list(slots):
        slots[capitalised(key)] = capitalised(slots[key])
    return slots


def event_sentence(rng: random.Random, published: dt.date) -> tuple[str, str]:
    """One event sentence and a headline for it, both from the same slot values."""
    kind = rng.choice(EVENT_KINDS)
    slots = fill_slots(rng, published)
    return (rng.choice(EVENT_SENTENCES[kind]).format_map(slots),
            rng.choice(EVENT_TITLES[kind]).format_map(slots))


def filler_sentence(rng: random.Random, published: dt.date) -> str:
    return rng.choice(FILLER_TEMPLATES).format_map(fill_slots(rng, published))


def compose_sentences(
    rng: random.Random, published: dt.date, words: int
) -> tuple[str, list[tuple[str, str]]]:
    """A headline and (kind, sentence) pairs, kind "event" or "filler", totalling about `words`.

    The lead sentence is always an event, as in real news; the rest are filler with probability
    FILLER_SHARE. Stops at the first sentence that reaches the word budget.
    """
    lead, title = event_sentence(rng, published)
    sentences = [("event", lead)]
    count = len(lead.split())
    while count < words:
        if rng.random() < FILLER_SHARE:
            sentence = ("filler", filler_sentence(rng, published))
        else:
            sentence = ("event", event_sentence(rng, published)[0])
        sentences.append(sentence)
        count += len(sentence[1].split())
    return title, sentences


def dateline(rng: random.Random, published: dt.date, source: str) -> tuple[str, str]:
    """An optional opening dateline ("BAKU, Azerbaijan, Nov. 6.") and closing credit."""
    if rng.random() >= 0.3:
        return "", ""
    home = rng.choice(COUNTRIES[:3])
    month = MONTH_ABBREVIATIONS[published.month - 1]
    return (f"{home.capital.upper()}, {home.name}, {month} {published.day}. ",
            f" {source} reports.")


def paragraphs(rng: random.Random, sentences: list[str]) -> str:
    blocks, index = [], 0
    while index < len(sentences):
        size = rng.randint(1, 4)
        blocks.append(" ".join(sentences[index:index + size]))
        index += size
    return "\n\n".join(blocks)


def generate_article(index: int, words: int = 600, seed: int = 1) -> dict[str, str]:
    """Article `index` of the corpus for `seed`; independent of how many others are generated."""
    rng = random.Random(f"eventwire-corpus:{seed}:{index}")
    published = publication_date(rng)
    source = rng.choice(SOURCES)
    title, pairs = compose_sentences(rng, published, words)
    texts = [sentence for _, sentence in pairs]
    opening, credit = dateline(rng, published, source)
    if opening:
        # The credit joins the lead inside its sentence, as in "..., Trend reports."
        texts[0] = opening + texts[0].rstrip(".") + "," + credit
    return {"id": f"synthetic-{seed}-{index:06d}", "title": title,
            "published": published.isoformat(), "source": source,
            "text": paragraphs(rng, texts)}


def generate_articles(n: int = 1000, words: int = 600, seed: int = 1) -> Iterator[dict[str, str]]:
    """Yield `n` synthetic articles lazily (dicts with id, title, published, source, text)."""
    for index in range(n):
        yield generate_article(index, words, seed)


def write_jsonl(articles: Iterable[dict[str, str]], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for article in articles:
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_directory(articles: Iterable[dict[str, str]], directory: Path) -> int:
    """One .txt file per article, in the same header format as samples/."""
    directory.mkdir(parents=True, exist_ok=True)
    count = 0
    for article in articles:
        header = (f"Title: {article['title']}\nPublished: {article['published']}\n"
                  f"Source: {article['source']}\n"
                  f"URL: https://example.org/synthetic/{article['id']}\n\n")
        (directory / f"{article['id']}.txt").write_text(header + article["text"] + "\n", "utf-8")
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, type=Path,
                        help="a .jsonl file, or a directory for one .txt file per article")
    parser.add_argument("--n", type=int, default=1000, help="number of articles")
    parser.add_argument("--words", type=int, default=600, help="approximate words per article")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.n < 0 or args.words < 1:
        parser.error("--n must be >= 0 and --words >= 1")
    articles = generate_articles(args.n, args.words, args.seed)
    if args.out.suffix == ".jsonl":
        args.out.parent.mkdir(parents=True, exist_ok=True)
        written = write_jsonl(articles, args.out)
    else:
        written = write_directory(articles, args.out)
    print(f"wrote {written} articles to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

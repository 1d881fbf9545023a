"""Vocabulary of the number grammar: words, scales, currencies, units, hedges.

Data only. Everything here is generic English news vocabulary; nothing names a story.
"""

from __future__ import annotations

import tomllib
from importlib import resources


def _data(name: str) -> dict[str, dict[str, object]]:
    return tomllib.loads(resources.files("reconciler").joinpath(f"data/{name}").read_text("utf-8"))

UNITS_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
# multipliers that may follow a number (digits or words)
SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "mn": 1e6, "mln": 1e6, "bn": 1e9, "bln": 1e9, "tn": 1e12, "lakh": 1e5, "lakhs": 1e5,
    "crore": 1e7, "crores": 1e7, "cr": 1e7, "trn": 1e12, "bil": 1e9, "mil": 1e6,
}
# suffixes glued to digits: 91.1K, 7.3bn, $4.12M, 660B
GLUED_SCALES: dict[str, float] = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12, "tn": 1e12, "mm": 1e6,
}
# "a dozen", "dozens of" etc.
DOZEN = {"dozen": 12, "score": 20}

# vague amounts: "tens of millions" -> (low, high)
VAGUE_MULTIPLES: dict[str, tuple[float, float]] = {
    "tens": (10, 100), "dozens": (24, 100), "hundreds": (100, 1000), "thousands": (1e3, 1e4),
    "millions": (1e6, 1e7), "billions": (1e9, 1e10), "trillions": (1e12, 1e13),
}

# hedges before a number: word sequence -> qualifier
HEDGES: dict[str, str] = {
    "about": "approximate", "approximately": "approximate", "approx": "approximate",
    "approx.": "approximate", "around": "approximate", "roughly": "approximate",
    "some": "approximate", "an estimated": "approximate", "estimated": "approximate",
    "close to": "approximate", "circa": "approximate", "c.": "approximate",
    "nearly": "upper_near", "almost": "upper_near", "just under": "upper_near",
    "just below": "upper_near", "a little under": "upper_near", "shy of": "upper_near",
    "less than": "upper", "fewer than": "upper", "under": "upper", "below": "upper",
    "at most": "upper", "no more than": "upper", "not more than": "upper",
    # "as many as 16,384 GPUs": the figure is the maximum reached, not any smaller number
    "up to": "upper_max", "as many as": "upper_max", "as much as": "upper_max",
    "as high as": "upper_max", "a maximum of": "upper_max",
    "more than": "lower", "over": "lower", "at least": "lower", "above": "lower",
    "in excess of": "lower", "upwards of": "lower", "exceeding": "lower", "no less than": "lower",
    "not less than": "lower", "a minimum of": "lower", "well over": "lower",
    "just over": "lower_near", "just above": "lower_near", "a little over": "lower_near",
    "slightly more than": "lower_near", "a little more than": "lower_near",
    "well over ": "lower",
}
# hedges after a number: "200 or so", "300-plus"
POST_HEDGES: dict[str, str] = {
    "or so": "approximate", "or more": "lower", "or less": "upper", "plus": "lower",
    "or fewer": "upper", "and counting": "lower",
}

# currency symbols / codes / names -> ISO 4217.  "$" alone is read as USD.
# the tier words product lines put after a model number ("Zeta 3.5 Pro", "Kite 2 Flash", "Forge 15 Max")
PRODUCT_TIERS = ("Pro", "Max", "Ultra", "Mini", "Plus", "Lite", "Flash", "Turbo", "Nano", "Air", "XL", "SE",
                 "Preview", "Instruct", "Chat", "Base")
CURRENCY_PREFIXES: dict[str, str] = {
    "us$": "USD", "usd": "USD", "$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD",
    "ca$": "CAD", "cad$": "CAD", "can$": "CAD", "cdn$": "CAD", "aud$": "AUD", "mx$": "MXN", "mex$": "MXN",
    "hk$": "HKD", "s$": "SGD", "nz$": "NZD", "nt$": "TWD", "r$": "BRL",
    "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "CNY", "cn¥": "CNY",
    "rmb": "CNY", "cny": "CNY", "jp¥": "JPY", "jpy": "JPY", "₹": "INR", "rs": "INR",
    "rs.": "INR", "inr": "INR", "rm": "MYR", "myr": "MYR", "₩": "KRW", "krw": "KRW",
    "chf": "CHF", "sek": "SEK", "nok": "NOK", "dkk": "DKK", "aud": "AUD", "cad": "CAD",
    "hkd": "HKD", "sgd": "SGD", "₽": "RUB", "rub": "RUB", "₺": "TRY", "r": "ZAR",
    "zar": "ZAR", "brl": "BRL", "mxn": "MXN", "₱": "PHP", "php": "PHP", "₦": "NGN",
    "ngn": "NGN", "idr": "IDR", "rp": "IDR", "thb": "THB", "฿": "THB", "twd": "TWD",
    "nzd": "NZD", "aed": "AED", "sar": "SAR", "pln": "PLN", "zł": "PLN", "euro": "EUR", "dh": "AED",
}
# how an article names the organisation its story is about without naming it: "the company said" is
# the voice of the firm another outlet names ("Zeta said"); "police" or "organisers" are others
SUBJECT_ORG_NOUNS = frozenset("""company firm startup start-up lab laboratory developer maker manufacturer
    carrier airline operator group business chipmaker automaker carmaker retailer lender bank insurer""".split())
# the dollars of countries whose press writes a bare "$": "$50 million Australian", "all figures in
# Canadian dollars" (the adjective as written, lower-cased -> ISO code)
DOLLAR_NATIONS: dict[str, str] = {
    "australian": "AUD", "canadian": "CAD", "hong kong": "HKD", "singapore": "SGD", "new zealand": "NZD",
    "taiwan": "TWD", "taiwanese": "TWD", "us": "USD", "u.s.": "USD", "american": "USD",
}
# currency words the press glues to the digits, cased as written: the wire's "euro345", the Gulf's "Dh472bn"
GLUED_CURRENCY_WORDS = ("euro", "Dh")
CURRENCY_SUFFIXES: dict[str, str] = {
    "us dollars": "USD", "u.s. dollars": "USD", "american dollars": "USD", "dollars": "USD",
    "dollar": "USD", "usd": "USD", "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY",
    "cny": "CNY", "chinese yuan": "CNY", "euros": "EUR", "euro": "EUR", "eur": "EUR",
    "pounds sterling": "GBP", "sterling": "GBP", "gbp": "GBP", "yen": "JPY", "jpy": "JPY",
    "japanese yen": "JPY", "ringgit": "MYR", "myr": "MYR", "rupees": "INR", "rupee": "INR",
    "inr": "INR", "won": "KRW", "krw": "KRW", "swiss francs": "CHF", "francs": "CHF",
    "chf": "CHF", "australian dollars": "AUD", "canadian dollars": "CAD",
    "hong kong dollars": "HKD", "singapore dollars": "SGD", "new zealand dollars": "NZD",
    "rubles": "RUB", "roubles": "RUB", "lira": "TRY", "rand": "ZAR", "reais": "BRL",
    "pesos": "MXN", "naira": "NGN", "rupiah": "IDR", "baht": "THB", "dirhams": "AED",
    "riyals": "SAR", "zloty": "PLN", "kronor": "SEK", "kroner": "NOK",
}

# every current currency's English names from CLDR (tools/gen_data.py); the hand list above wins
_CLDR = _data("currencies.toml")
CURRENCY_NAMES: dict[str, str] = {**{k: str(v) for k, v in _CLDR["last_words"].items()},
                                  **{k: str(v) for k, v in _CLDR["names"].items()}, **CURRENCY_SUFFIXES}
# words that are currencies only where money is plainly meant ("10 won", "5 rand", "3 marks")
AMBIGUOUS_CURRENCY_WORDS = frozenset({"won", "rand", "lira", "marks", "mark", "real", "rial", "riel", "kip",
                                      "som", "leu", "lek", "loti", "pula", "vatu", "tala", "dram"})

# units: surface (lower case) -> (kind, canonical unit, factor to the kind's base unit)
# base units: duration hours; length metre; mass kilogram; area m^2; volume m^3;
# speed m/s; data byte; energy joule; power watt.  Conversions are checked with pint.
DURATION_UNITS: dict[str, float] = {
    "second": 1 / 3600, "seconds": 1 / 3600, "sec": 1 / 3600, "secs": 1 / 3600,
    "minute": 1 / 60, "minutes": 1 / 60, "min": 1 / 60, "mins": 1 / 60,
    "hour": 1.0, "hours": 1.0, "hr": 1.0, "hrs": 1.0, "h": 1.0,
    "day": 24.0, "days": 24.0, "week": 168.0, "weeks": 168.0,
    "month": 730.5, "months": 730.5, "year": 8766.0, "years": 8766.0,
    "decade": 87660.0, "decades": 87660.0,
}
# "GPU hours", "node-hours", "flying hours", "man-hours": a duration in hours, of machines, flights or people
MACHINE_HOUR_PREFIXES = ("gpu", "cpu", "tpu", "node", "machine", "core", "accelerator", "chip",
                         "flying", "flight", "man", "person")

PHYSICAL_UNITS: dict[str, tuple[str, str]] = {
    # surface: (kind, pint unit)
    "mm": ("length", "millimeter"), "millimetre": ("length", "millimeter"),
    "millimetres": ("length", "millimeter"), "millimeter": ("length", "millimeter"),
    "millimeters": ("length", "millimeter"), "cm": ("length", "centimeter"),
    "centimetre": ("length", "centimeter"), "centimetres": ("length", "centimeter"),
    "centimeter": ("length", "centimeter"), "centimeters": ("length", "centimeter"),
    "m": ("length", "meter"), "metre": ("length", "meter"), "metres": ("length", "meter"),
    "meter": ("length", "meter"), "meters": ("length", "meter"),
    "km": ("length", "kilometer"), "kilometre": ("length", "kilometer"),
    "kilometres": ("length", "kilometer"), "kilometer": ("length", "kilometer"),
    "kilometers": ("length", "kilometer"), "mile": ("length", "mile"),
    "miles": ("length", "mile"), "mi": ("length", "mile"),
    "nautical mile": ("length", "nautical_mile"), "nautical miles": ("length", "nautical_mile"),
    "ft": ("length", "foot"), "foot": ("length", "foot"), "feet": ("length", "foot"),
    "inch": ("length", "inch"), "inches": ("length", "inch"), "in.": ("length", "inch"),
    "yard": ("length", "yard"), "yards": ("length", "yard"),
    "kg": ("mass", "kilogram"), "kilogram": ("mass", "kilogram"),
    "kilograms": ("mass", "kilogram"), "g": ("mass", "gram"), "gram": ("mass", "gram"),
    "grams": ("mass", "gram"), "tonne": ("mass", "metric_ton"), "tonnes": ("mass", "metric_ton"),
    "metric ton": ("mass", "metric_ton"), "metric tons": ("mass", "metric_ton"),
    "t": ("mass", "metric_ton"), "ton": ("mass", "short_ton"), "tons": ("mass", "short_ton"),
    "short tons": ("mass", "short_ton"), "long tons": ("mass", "long_ton"),
    "lb": ("mass", "pound"), "lbs": ("mass", "pound"), "pound": ("mass", "pound"),
    "pounds": ("mass", "pound"), "ounce": ("mass", "ounce"), "ounces": ("mass", "ounce"),
    "oz": ("mass", "ounce"),
    "sq km": ("area", "kilometer ** 2"), "square kilometres": ("area", "kilometer ** 2"),
    "square kilometers": ("area", "kilometer ** 2"), "km2": ("area", "kilometer ** 2"),
    "km²": ("area", "kilometer ** 2"), "square miles": ("area", "mile ** 2"),
    "sq mi": ("area", "mile ** 2"), "square feet": ("area", "foot ** 2"),
    "sq ft": ("area", "foot ** 2"), "square metres": ("area", "meter ** 2"),
    "square meters": ("area", "meter ** 2"), "m2": ("area", "meter ** 2"),
    "m²": ("area", "meter ** 2"), "acres": ("area", "acre"), "acre": ("area", "acre"),
    "hectares": ("area", "hectare"), "hectare": ("area", "hectare"), "ha": ("area", "hectare"),
    "litres": ("volume", "liter"), "liters": ("volume", "liter"), "litre": ("volume", "liter"),
    "liter": ("volume", "liter"), "gallons": ("volume", "gallon"), "gallon": ("volume", "gallon"),
    "cubic metres": ("volume", "meter ** 3"), "cubic meters": ("volume", "meter ** 3"),
    "m3": ("volume", "meter ** 3"), "m³": ("volume", "meter ** 3"),
    "barrels": ("volume", "oil_barrel"), "barrel": ("volume", "oil_barrel"),
    "mph": ("speed", "mile / hour"), "km/h": ("speed", "kilometer / hour"),
    "kph": ("speed", "kilometer / hour"), "kmh": ("speed", "kilometer / hour"),
    "knots": ("speed", "knot"), "knot": ("speed", "knot"), "m/s": ("speed", "meter / second"),
    "bytes": ("data", "byte"), "kb": ("data", "kilobyte"), "mb": ("data", "megabyte"),
    "gb": ("data", "gigabyte"), "tb": ("data", "terabyte"), "pb": ("data", "petabyte"),
    "kib": ("data", "kibibyte"), "mib": ("data", "mebibyte"), "gib": ("data", "gibibyte"),
    "tib": ("data", "tebibyte"), "gigabytes": ("data", "gigabyte"),
    "terabytes": ("data", "terabyte"), "megabytes": ("data", "megabyte"),
    "wh": ("energy", "watt_hour"), "kwh": ("energy", "kilowatt_hour"),
    "mwh": ("energy", "megawatt_hour"), "gwh": ("energy", "gigawatt_hour"),
    "twh": ("energy", "terawatt_hour"), "joules": ("energy", "joule"),
    "w": ("power", "watt"), "watts": ("power", "watt"), "kw": ("power", "kilowatt"),
    "kilowatts": ("power", "kilowatt"), "mw": ("power", "megawatt"),
    "megawatts": ("power", "megawatt"), "gw": ("power", "gigawatt"),
    "gigawatts": ("power", "gigawatt"),
}
# factor of each pint unit to its kind's SI base unit: generated with pint (tools/gen_data.py)
BASE_FACTORS: dict[str, float] = {k: float(v) for k, v in _data("unit_factors.toml")["factors"].items()}  # type: ignore[arg-type]
EMISSION_MARKERS = ("co2", "co2e", "co2eq", "carbon dioxide", "co₂")

PERCENT_WORDS = ("percentage points", "percentage point", "per cent", "percent", "pct")

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SEASONS = ("spring", "summer", "fall", "autumn", "winter")

# words after a number that are never a counted noun
NOUN_STOP = frozenset(
    """a an the of in on at to for from by with and or but as is are was were be been being
    has have had do does did that which who whom whose this these those it its their his her
    our your my than then so if per into onto over under about after before during since
    until while when where why how not no nor also only just still even more most less
    least each every any all both either neither some such other another same own very
    too can could will would shall should may might must respectively including includes
    included according say says said up down out off via across through against between
    among within without upon toward towards once unless whether because although though
    despite ahead behind""".split()
)
# classifier words of machine translations: "1.6 * * 1000 block GPUs", "six name workers"
CLASSIFIERS = frozenset({"block", "blocks", "piece", "pieces", "name", "item", "items", "kinds",
                         "kind", "sets", "units", "unit", "pen"})

CHANGE_VERBS = frozenset(
    """rose rise rises rising risen increased increase increases increasing grew grow grows
    growing jumped jump jumps climbed climb climbs fell fall falls falling dropped drop drops
    declined decline declines decreased decrease decreases improved improve improves
    raised raise raises cut cuts reduced reduce reduces went go goes soared soar surged surge
    slid slide plunged plunge extended extend extends expanded expand boosted boost
    revised revise upgraded downgraded doubled tripled shrank shrink up down changed change
    pushed moved moving climbing""".split()
)
PLAN_WORDS = frozenset(
    """target targets targeted aim aims aimed plan plans planned planning goal goals
    scheduled deadline""".split()
)
# an article whose figures are provisional: later articles may report other values without contradiction
# "a preliminary report is due", "a preliminary inquiry": the investigators' work, not a provisional count
_NOT_A_COUNT = (r"(?!\s+(?:report|investigation|inquiry|probe|hearing|findings|examination|autopsy|injunction"
                r"|ruling)s?\b)")
PROVISIONAL = (r"\b(?:preliminary" + _NOT_A_COUNT + r"|provisional|partial\s+(?:results?|counts?|returns)"
               r"|early\s+(?:results?|counts?|returns)"
               r"|so\s+far|still\s+being\s+counted|as\s+of\s+(?:press\s+time|this\s+writing|writing)"
               r"|\d+(?:\.\d+)?%\s+of\s+(?:the\s+)?(?:[\w']+\s+){0,2}(?:polling\s+stations|precincts|votes|ballots)"
               r"\s+(?:reporting|counted|in))\b")

# a figure someone expects rather than one that happened: guidance, forecasts, analysts' estimates
FORECAST_WORDS = frozenset(
    """expect expects expected expecting forecast forecasts forecasted guidance guide guided
    predicted predicts anticipated consensus outlook""".split()
)
# wording that shows a figure changed over time: "rose to 61", "now projects", "has more than doubled"
UPDATE_WORDS = frozenset(
    """now latest updated revised revise risen rose rises climbed climbs increased doubled
    tripled jumped reached currently raised lowered soared grown grew preliminary initially
    originally previously""".split()
)
# what happened to the people counted: a toll of the dead is not the number of workers present
FATE_WORDS: dict[str, str] = {
    **{w: "dead" for w in """kill kills killed killing dead die dies died dying death deaths fatalities
       fatality perished bodies body toll""".split()},
    **{w: "hurt" for w in """injured injures injuring injuries injury wounded wounds wounding hurt
       hospitalised hospitalized""".split()},
    **{w: "missing" for w in """missing unaccounted""".split()},
    **{w: "alive" for w in """rescued survived survivors surviving evacuated alive""".split()},
}
# what people counted may be that is no fate of a toll: "8,000 are homeless" borrows no "missing" from before
STATE_WORDS = frozenset("""homeless displaced stranded trapped sheltering sheltered stuck marooned""".split())
# the context tokens the fates become ("~dead", "~hurt", "~missing", "~alive")
FATE_TOKENS = frozenset("~" + fate for fate in FATE_WORDS.values())

STOPWORDS = NOUN_STOP | frozenset(
    """i we you he she they them him us me what there here would could should will shall
    may might must can one two three four five six seven eight nine ten
    new said says say told according just now then also been being however although though
    because since while whereas yet already around approximately about roughly nearly almost
    over under more less than least most many much few several some per cent percent total
    totalling total figure figures number numbers amount reported report reports reportedly
    s t get got make made like well way ways time times year years day days""".split()
)
# words that say the same about a figure, read as one context word: "pegged the replacement at
# $1.7 billion" and "the job will cost $1.7 billion" state one price
SAME_MEANING: dict[str, str] = {
    **{w: "cost" for w in """cost costs costing price prices priced pricing price-tag pegged
       pegs peg""".split()},
    **{w: "deal" for w in """deal deals contract contracts agreement agreements pact""".split()},
}

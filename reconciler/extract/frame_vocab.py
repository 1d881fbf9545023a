"""Vocabulary of the claim's frame: the cue words that say what a number counts or measures,
whose it is, over which period, and whether it is a part, a projection or a superseded figure.

Data only, generic English news vocabulary; nothing here names a story.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------------------
# what is counted: noun classes. A class key names a kind of thing; person sub-groups carry the
# parent "person" too, so "passengers" and "people" may be one count while "passengers" and
# "crew" never are. Keys are singular stems (see frame._noun_key).
PERSON_GENERIC = frozenset(
    """people person persons individual individuals victim victims casualty casualties""".split()
)
PERSON_SUBGROUPS: dict[str, str] = {
    **dict.fromkeys("passenger passengers".split(), "passenger"),
    **dict.fromkeys("crew crewmember crewmembers crewman crewmen".split(), "crew"),
    **dict.fromkeys("pilot pilots".split(), "pilot"),
    **dict.fromkeys("child children kid kids minor minors".split(), "child"),
    **dict.fromkeys("adult adults".split(), "adult"),
    **dict.fromkeys("woman women".split(), "woman"),
    **dict.fromkeys("man men".split(), "man"),
    **dict.fromkeys("student students pupil pupils".split(), "student"),
    **dict.fromkeys("worker workers employee employees staff staffers".split(), "worker"),
    **dict.fromkeys("soldier soldiers troop troops".split(), "soldier"),
    **dict.fromkeys("officer officers policeman policemen".split(), "officer"),
    **dict.fromkeys("firefighter firefighters".split(), "firefighter"),
    **dict.fromkeys("civilian civilians".split(), "civilian"),
    **dict.fromkeys("tourist tourists visitor visitors".split(), "tourist"),
    **dict.fromkeys("resident residents inhabitant inhabitants".split(), "resident"),
    **dict.fromkeys("foreigner foreigners".split(), "foreigner"),
    **dict.fromkeys("miner miners".split(), "miner"),
    **dict.fromkeys("pirate pirates".split(), "pirate"),
    **dict.fromkeys("suspect suspects".split(), "suspect"),
    **dict.fromkeys("protester protesters protestor protestors demonstrator demonstrators".split(), "protester"),
    **dict.fromkeys("fan fans spectator spectators".split(), "fan"),
    **dict.fromkeys("runner runners participant participants entrant entrants finisher finishers".split(),
                    "participant"),
    **dict.fromkeys("player players".split(), "player"),
    **dict.fromkeys("voter voters".split(), "voter"),
}
# a count named by the noun before it: "a crowd of 14,212", "Attendance: 14,212", "a workforce of 1,450"
COLLECTIVE_NOUNS = frozenset("crowd audience attendance workforce".split())
# other kinds of things news counts, a few synonyms each
# participles written after the counted noun ("ballots cast", "votes counted", "homes destroyed"):
# the noun before them is the thing counted (words ending in -ed count too: see keys.head_words)
AFTER_NOUN_PARTICIPLES = frozenset("cast won lost held taken given left spent sold made built shot hit seen".split())
THING_CLASSES: dict[str, str] = {
    **dict.fromkeys("house houses home homes building buildings dwelling dwellings".split(), "building"),
    **dict.fromkeys("village villages town towns city cities".split(), "settlement"),
    **dict.fromkeys("country countries nation nations".split(), "country"),
    **dict.fromkeys("aftershock aftershocks tremor tremors".split(), "aftershock"),
    **dict.fromkeys("vehicle vehicles car cars truck trucks".split(), "vehicle"),
    **dict.fromkeys("game games match matches".split(), "game"),
    **dict.fromkeys("crowd crowds audience audiences attendance".split(), "crowd"),
    **dict.fromkeys("point points".split(), "point"),
    **dict.fromkeys("goal goals".split(), "goal"),
    **dict.fromkeys("rebound rebounds".split(), "rebound"),
    **dict.fromkeys("assist assists".split(), "assist"),
    **dict.fromkeys("carry carries rush rushes attempt attempts".split(), "carry"),
    **dict.fromkeys("catch catches reception receptions".split(), "reception"),
    **dict.fromkeys("touchdown touchdowns".split(), "touchdown"),
    **dict.fromkeys("round rounds".split(), "round"),
    **dict.fromkeys("seat seats".split(), "seat"),
    **dict.fromkeys("vote votes ballot ballots".split(), "vote"),
    **dict.fromkeys("store stores shop shops branch branches".split(), "store"),
    **dict.fromkeys("flight flights".split(), "flight"),
    **dict.fromkeys("ship ships vessel vessels boat boats ferry ferries".split(), "vessel"),
    **dict.fromkeys("hit hits".split(), "hit"),
    **dict.fromkeys("run runs".split(), "run"),
    **dict.fromkeys("rbi rbis".split(), "rbi"),
    **dict.fromkeys("homer homers".split(), "homer"),
    **dict.fromkeys("year years season seasons".split(), "year"),
    **dict.fromkeys("knockout knockouts ko kos".split(), "knockout"),
    **dict.fromkeys("punch punches jab jabs".split(), "punch"),
    **dict.fromkeys("fight fights bout bouts".split(), "fight"),
    **dict.fromkeys("win wins victory victories".split(), "win"),
    **dict.fromkeys("defeat defeats".split(), "defeat"),
    **dict.fromkeys("medal medals".split(), "medal"),
    **dict.fromkeys("lap laps".split(), "lap"),
    **dict.fromkeys("aircraft plane planes jet jets airliner airliners airplane airplanes helicopter helicopters"
                    .split(), "aircraft"),
    **dict.fromkeys("train trains locomotive locomotives".split(), "train"),
}
# what a mass is of, named beside it: "1,200 kg of propellant", "its dry mass is 1,150 kg", "2,350 kg at
# launch": the launch mass, the propellant, the dry mass and the payload are four figures
MASS_MEASURES: dict[str, str] = {
    **dict.fromkeys("propellant propellants fuel".split(), "propellant"),
    "dry": "dry mass",
    **dict.fromkeys("launch liftoff lift-off".split(), "launch mass"),
    **dict.fromkeys("payload payloads cargo".split(), "payload"),
    **dict.fromkeys("instrument instruments".split(), "instruments"),
}
# the whole craft named beside its mass ("the 2,350-kg spacecraft"): its mass as launched, unless a
# part is named too ("the dry spacecraft is 1,150 kg")
WHOLE_CRAFT = frozenset("spacecraft probe satellite orbiter lander rover capsule".split())
# an age ("a 14-year-old jet", "was 54 years old"): the noun "year-old" (not a count of people,
# whatever the toll beside it), then what is aged when the text says: a person or a thing class
AGE_NOUNS = ("year-old", "month-old", "week-old", "day-old")
AGED_PEOPLE = frozenset(
    """boy boys girl girls baby babies toddler teenager teen son daughter mother father grandmother
    grandfather wife husband brother sister driver captain pilot co-pilot striker goalkeeper
    defender midfielder forward singer actor actress""".split()
)
# trailing modifiers that belong to the counted noun: "people on board", "passengers aboard"
NOUN_MODIFIERS = ("on board", "aboard", "in hospital", "on the ground", "in custody", "on the plane",
                  "on the train", "on the ship", "on the bus")

# ---------------------------------------------------------------------------------------
# what a measured figure is of. Each word maps to a class; "wildcard" words ("touchdown",
# "score") fit any class of their kind. "86-yard burst" and "86-yard touchdown run" are one run;
# a run, a drive and a field goal are three.
MEASURE_CLASSES: dict[str, str] = {
    **dict.fromkeys("run burst scamper dash rush sprint jaunt carry".split(), "run"),
    **dict.fromkeys("drive march possession".split(), "drive"),
    **dict.fromkeys("field-goal fg yarder kick".split(), "field goal"),
    **dict.fromkeys("pass throw catch reception completion strike toss".split(), "pass"),
    **dict.fromkeys("return".split(), "return"),
    **dict.fromkeys("punt".split(), "punt"),
    **dict.fromkeys("depth deep".split(), "depth"),
    **dict.fromkeys("height tall high".split(), "height"),
    **dict.fromkeys("altitude elevation".split(), "altitude"),
    **dict.fromkeys("orbit apogee perigee".split(), "orbit"),
    **dict.fromkeys("length long".split(), "length"),
    **dict.fromkeys("width wide".split(), "width"),
    **dict.fromkeys("span".split(), "span"),
    **dict.fromkeys("weight".split(), "weight"),
    **dict.fromkeys("diameter".split(), "diameter"),
    **dict.fromkeys("radius".split(), "radius"),
    **dict.fromkeys("display screen".split(), "display"),
    **dict.fromkeys("battery".split(), "battery"),
    **dict.fromkeys("storage flash ssd drive hdd".split(), "storage"),
    **dict.fromkeys("memory ram".split(), "memory"),
    **dict.fromkeys("processor cpu chip clock".split(), "processor"),
}
MEASURE_WILDCARDS = frozenset("touchdown td score scoring play gain".split())
# a play's abbreviation written in capitals before its noun ("an 80-yard TD run"), named in full
MEASURE_ABBREVIATIONS = {"td": "touchdown", "fg": "field-goal"}
# verbs before "for N yards" that say which statistic it is
MEASURE_VERBS: dict[str, str] = {
    **dict.fromkeys("ran rushed rushing run runs carried".split(), "rushing"),
    **dict.fromkeys("threw passed passing throws".split(), "passing"),
    **dict.fromkeys("caught receiving catches".split(), "receiving"),
    **dict.fromkeys("returned returning".split(), "return"),
}
# money: the noun that says which amount it is, mapped to a class ("offer" and "deal" are one)
MONEY_NOUNS: dict[str, str] = {
    **dict.fromkeys("offer offers offered deal deals contract contracts bid bids agreement pact package".split(),
                    "deal"),
    **dict.fromkeys("""price prices priced costs cost costing starts retail retails sells budget budgets spend
                    spending spent bill expense expenses outlay""".split(), "cost"),
    **dict.fromkeys("revenue revenues sales turnover".split(), "revenue"),
    **dict.fromkeys("profit profits earnings income".split(), "profit"),
    **dict.fromkeys("loss losses damage damages".split(), "damage"),
    **dict.fromkeys("salary salaries wage wages pay purse purses payday earned pocketed".split(), "salary"),
    **dict.fromkeys("fee fees".split(), "fee"),
    **dict.fromkeys("fine fines penalty".split(), "fine"),
    **dict.fromkeys("valuation valued value worth".split(), "value"),
    **dict.fromkeys("bail".split(), "bail"),
    **dict.fromkeys("reward bounty".split(), "reward"),
    **dict.fromkeys("loot haul jewellery jewelry jewels gems".split(), "haul"),
    **dict.fromkeys("bailout aid rescue loan loans".split(), "aid"),
    # a traded price at one moment of the session: the open, the close ("close to $5m" is a hedge: not here)
    **dict.fromkeys("opened opening debuted".split(), "open"),
    **dict.fromkeys("closed closing ended finished settled".split(), "close"),
    **dict.fromkeys("high highs peak".split(), "high"),
    **dict.fromkeys("low lows trough".split(), "low"),
    **dict.fromkeys("proceeds".split(), "proceeds"),
}
# a money verb named as the amount it states ("the Zeta 11 starts at $999", "it costs $1,199": a price),
# without its subject ("zeta starts" is no name for a row)
MONEY_VERB_LABELS = {
    **dict.fromkeys("starts retails retail sells priced costs".split(), "price"),
    **dict.fromkeys("spent spend spends".split(), "spending"),
    **dict.fromkeys("offered offers".split(), "offer"),
    **dict.fromkeys("earned pocketed".split(), "pay"),
    "costing": "cost",
}
# sellers that take in more than the company itself: "the company and existing investors sold 24 million shares"
WITH_MORE_LEFT = (r"\b(?:the\s+company|the\s+firm|it)\s+and\s+(?:its\s+|some\s+)?(?:existing|selling|early|other)\s+"
                  r"(?:investors|shareholders|holders|backers|stockholders)\s+(?:\w+\s+){0,3}$")
# the basis a valuation or share count is stated on, named right after the figure: two bases are two
# figures ("$6.2 billion on a fully diluted basis" against "$5.4 billion based on shares outstanding")
BASIS = (
    (r"\bfully[\s-]diluted\b|\bon\s+an?\s+(?:fully\s+)?diluted\s+basis\b", "fully diluted"),
    (r"\b(?:on\s+a\s+)?(?:basic|non-diluted|undiluted)\b|\bbased\s+on\s+(?:the\s+|its\s+)?(?:[\d.,]+\s+"
     r"(?:million|billion)\s+)?shares\s+outstanding\b", "basic"),
)
# an amount or count that takes in more than the figure itself: the underwriters' option, the
# shares existing holders sell ("$504 million, including shares sold by existing investors")
WITH_MORE = (r"\bincluding\s+(?:the\s+)?(?:underwriters['’]?\s+|banks['’]?\s+)?(?:over-?allotment|greenshoe"
             r"|option)\b|\bif\s+(?:the\s+)?underwriters\s+exercise\b|\bincluding\s+(?:the\s+)?(?:shares|stock)"
             r"\s+(?:sold|offered)\s+by\b|\bincluding\s+(?:those\s+)?(?:of|from)\s+(?:existing|selling)\b")
# what a duration is of, named right after it ("a three-year deal", "a ten-game ban")
DURATION_WHAT = frozenset("deal contract offer agreement extension sentence term lease ban suspension loan".split())
# the moments of a trading session a price is of: two of them are two prices, never one figure misprinted
# (an offer against a price is weighed: see keys.soft_keys)
SESSION_MOMENTS = frozenset("open close high low".split())
# acronyms of common nouns: "The IPO valued the company", "the CEO earned": no one's name, no owner
COMMON_ACRONYMS = frozenset("IPO IPOs CEO CEOs CFO CFOs CTO COO GDP EPS ETF ETFs SPAC SPACs AGM".split())
# the words a company's name may carry or drop ("Halvard Systems Inc", "Halvard Systems", "Halvard"): not
# the name itself, so not the owner key
COMPANY_SUFFIXES = frozenset("""inc inc. incorporated corp corp. corporation co co. company ltd ltd. limited llc plc
sa s.a. ag nv n.v. gmbh group holdings holding systems technologies technology labs industries international
enterprises""".split())
# a cost definition: one stage's cost is not the whole project's
# what a percentage is of, named just before it in the clause ("the pass@1 score jumped to 71%",
# "turnout reached 64%") or right after it ("19 percent VAT", "a 4% stake")
PERCENT_MEASURES = frozenset("""score accuracy rate turnout margin vat tax tariff growth inflation unemployment approval
support stake discount interest yield efficacy effectiveness majority occupancy participation
completion conversion retention churn dropout literacy poverty vacancy capacity utilization utilisation
humidity probability odds chance return returns gain loss decline drop rise increase cut""".split())

# a percent after a verb of change is a rise or a fall of the verb's subject ("shares fell 17%",
# "Zeta's revenue rose 9 percent"): verb -> direction
CHANGE_VERBS: dict[str, str] = {
    **dict.fromkeys("""fell fall falls falling dropped drop drops dipped dips slid slides slipped slumped slumps
        tumbled tumbles plunged plunges plummeted sank sinks lost loses shed sheds declined declines decreased
        eased retreated crashed""".split(), "fall"),
    **dict.fromkeys("""rose rise rises rising gained gains jumped jumps climbed climbs surged surges soared soars
        rallied rallies grew grows increased increases advanced advances spiked popped leapt leaped""".split(), "rise"),
}
# what rose or fell, as one thing: the stock under its names; other subjects as written
CHANGE_SUBJECTS: dict[str, str] = {
    **dict.fromkeys("shares share stock stocks price".split(), "stock"),
    **dict.fromkeys("""revenue revenues sales profit profits earnings income output exports imports index
        prices costs spending traffic deliveries orders production""".split(), ""),
}
COST_PARTS = frozenset("stage phase portion part share instalment installment tranche".split())

# ---------------------------------------------------------------------------------------
# the time frame a figure covers: phrase (lower case) -> period key
PERIOD_PHRASES: dict[str, str] = {
    "last season": "last season", "last year": "last year", "previous season": "last season",
    "prior season": "last season", "a year earlier": "last year", "a year ago": "last year",
    "year-earlier": "last year", "the previous year": "last year", "last month": "last month",
    "last week": "earlier", "a week earlier": "earlier", "a week before": "earlier", "two weeks ago": "earlier",
    "earlier this season": "earlier", "earlier this year": "earlier", "this season": "season",
    "in a season": "season", "for a season": "season", "in a single season": "season",
    "on the season": "season", "for the season": "season", "season-high": "season",
    "single-season": "season", "this year": "this year", "career": "career", "all-time": "career",
    "lifetime": "career", "averaged": "average", "averages": "average", "averaging": "average",
    "an average of": "average", "per game": "average", "a game": "average",
    "first half": "first half", "second half": "second half", "at the half": "first half",
    "at halftime": "first half", "halftime": "first half", "at the break": "first half",
    "first quarter": "first quarter", "second quarter": "second quarter", "third quarter": "third quarter",
    "fourth quarter": "fourth quarter", "first period": "first period", "overtime": "overtime",
    "first three months": "first quarter", "first six months": "first half",
    # a holding valued at the offer price against its value after trading began: two moments
    **dict.fromkeys(("at the ipo price", "at the offer price", "at the issue price", "at the offering price",
                     "at the listing price", "at its ipo price", "at its offer price", "at the float price"),
                    "at the offer price"),
    **dict.fromkeys(("after the first day", "after its first day", "after the first day of trading",
                     "at the end of the first day", "after the first trading day", "at the first day's close"),
                    "after the first day"),
    # an election before this one: its turnout and shares are another period's
    "last election": "last election", "previous election": "last election", "last vote": "last election",
    "previous vote": "last election", "last poll": "last election", "previous poll": "last election",
    **{f"{n} years ago": "earlier" for n in "two three four five six seven eight ten".split()},
    # the rounds of a fight: "the ninth round", "the 9th round", "round 9" are one round
    **{f"{w} round": f"{w} round" for w in
       "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()},
    **{f"{n}{'st' if n == 1 else 'nd' if n == 2 else 'rd' if n == 3 else 'th'} round": f"{w} round"
       for n, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
                             .split(), 1)},
    **{f"round {n}": f"{w} round" for n, w in
       enumerate("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(), 1)},
}
# a figure someone projects or models rather than one that was counted
PROJECTION = (r"\b(?:could|may|might|expected\s+to|projected\s+to|forecast\s+to|likely\s+to"
              r"|set\s+to|feared\s+to)\s+(?:\w+\s+){0,2}?(?:exceed|reach|top|rise|climb|hit|surpass|total|grow"
              r"|increase|soar|number)\b|\b(?:projected|projection|projections|modelled|modeled|scenario|worst-case"
              r"|forecasts?|exit\s+polls?|opinion\s+polls?)\b")
# revision wording: the figure after it is the old value ("revised from eight", "up from 12") or
# the new one ("has been increased to")
REVISION_OLD = (r"(?:\d[\d.,]*\s*(?:%|percent|per\s+cent|[mb]n|million|billion|trillion)?\s+from"
                r"|\b(?:revised|lowered|raised|cut|reduced|increased|decreased|corrected|adjusted|updated"
                r"|changed|downgraded|upgraded)\s+(?:\w+\s+){0,3}?from|\b(?:up|down)\s+from|\bcompared\s+(?:with|to)"
                r"|\bfrom\s+(?:an?\s+|the\s+)?(?:earlier|initial|previous|original|first)\s+(?:\w+\s+)?(?:of\s+)?"
                r"|\b(?:initially|originally|previously|earlier)\s+(?:\w+\s+){0,2}?(?:reported|said|put|given"
                r"|estimated|announced|stated)(?:\s+(?:as|at|to\s+be))?"
                # a record that was broken is the old figure: "broke X's record of 4,051 yards", "held the
                # previous record at 4,051", "surpassed X's year-old record of 4,051"
                r"|\b(?:break|broke|breaks|breaking|surpass|surpassed|surpasses|surpassing|eclipsed|bettered|topped"
                r"|beat|passed)\s+(?:\S+\s+){0,6}?(?:record|mark|best)\s+(?:of|at)"
                r"|\b(?:previous|old|former|year-old|standing)\s+(?:\S+\s+)?(?:record|mark)\s+(?:of|at))"
                r"\s+(?:about\s+|some\s+)?$")
REVISION_NEW = (r"\b(?:revised|lowered|raised|increased|decreased|corrected|adjusted|updated|changed|risen|rose"
                r"|climbed|jumped|grew|fell|dropped)\s+(?:\w+\s+){0,2}?to\s+(?:about\s+|some\s+|at\s+least\s+)?$")
# a part of a whole stated nearby: "of whom", "including", "in cash"
PART_RIGHT = (r"^\s*(?:in\s+cash|in\s+stock|in\s+shares|of\s+(?:them|those|whom|which)\b|of\s+the\s+(?:\d|[a-z]+\b)"
              # "2:31 of the ninth round", "of the first half": a time frame, not a whole
              r"(?!\s+(?:round|quarter|half|period|inning|innings|season|year|month|week|day)\b))")
# another instance or an increment, not the figure itself: "another 90-yard run", "a further 12 deaths",
# "a second 200-yard game" (a category: the games over 200 yards)
ANOTHER = (r"\b(?:another|a\s+further|an\s+additional|an\s+extra|one\s+more|(?:a|his|her|their|its)"
           r"\s+(?:second|third|fourth|fifth|sixth))\s+(?:[$€£]\s?)?$")
# a margin: the difference between two scores or tallies ("moved ahead by eight", "won by 12 votes")
MARGIN = (r"\b(?:ahead|lead|leads|led|leading|trail|trails|trailed|trailing|won|win|wins|winning|beat|beats|lost"
          r"|lose|loses|losing|defeated|up|down|margin|edged|outscored)\s+(?:\w+\s+)?by\s+(?:just\s+|only\s+)?$")
WHOLE_WORDS = frozenset("total overall altogether combined cumulative all".split())
# clock-time zones as news writes them
TIME_ZONES: dict[str, str] = {
    "local time": "local", "local": "local", "et": "ET", "est": "ET", "edt": "ET", "pt": "PT", "pst": "PT",
    "pdt": "PT", "ct": "CT", "cst": "CT", "cdt": "CT", "mt": "MT", "mst": "MT", "mdt": "MT", "gmt": "GMT",
    "utc": "UTC", "bst": "BST", "cet": "CET", "cest": "CET", "ist": "IST", "jst": "JST", "wib": "WIB",
    "aest": "AEST", "hkt": "HKT", "sgt": "SGT",
}
# hours ahead of GMT of each zone above, every offset it may stand for (daylight saving time,
# one abbreviation used in several countries: IST is India's, Ireland's summer and Israel's)
ZONE_OFFSETS: dict[str, tuple[float, ...]] = {
    "ET": (-5, -4), "CT": (-6, -5), "MT": (-7, -6), "PT": (-8, -7), "GMT": (0,), "UTC": (0,), "BST": (1,),
    "CET": (1, 2), "IST": (5.5, 1, 2, 3), "JST": (9,), "WIB": (7,), "AEST": (10, 11), "HKT": (8,), "SGT": (8,),
}
# the offsets a "local time" may have: whole hours from -12 to +14, and the zones set half or
# three quarters of an hour off
LOCAL_OFFSETS: tuple[float, ...] = (*range(-12, 15), -9.5, -3.5, -2.5, 3.5, 4.5, 5.5, 5.75, 6.5, 8.75, 9.5,
                                    10.5, 12.75, 13.75)
# words of a clock time's own wording, not of the event it times ("at 6:48 p.m. local time")
CLOCK_WORDS = frozenset({"a.m", "p.m", "am", "pm", "local", "time", "hour", "hours", "gmt", "utc", "at", "on"})
# words that make a timed event one of several ("the first plane hit at", "the second at", "a
# later blast"): two times with different ones are two events
INSTANCE_WORDS = frozenset("""first second third fourth fifth another later earlier next last final initial
    subsequent previous prior new""".split())
# reference points of a distance: the words that lead to the place
DIRECTIONS = (r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west"
              r"|north-northeast|north-northwest|south-southeast|south-southwest|east-northeast"
              r"|east-southeast|west-northwest|west-southwest|[NSEW]{1,3})")
PLACE_NOUNS = frozenset("city town village capital port island coast border district province county".split())

# ---------------------------------------------------------------------------------------
# the market a price, a tax or a share is of: "in Germany", "UK prices", "the US price". Each
# name or adjective maps to one key, so "German prices" and "in Germany" are one market
_MARKETS: dict[str, tuple[str, ...]] = {
    "us": ("US", "U.S.", "United States", "America", "American"),
    "uk": ("UK", "U.K.", "Britain", "United Kingdom", "British"),
    "eu": ("EU", "European Union", "Europe", "European", "eurozone", "euro area"),
    "germany": ("Germany", "German"), "france": ("France", "French"), "italy": ("Italy", "Italian"),
    "spain": ("Spain", "Spanish"), "netherlands": ("Netherlands", "Dutch"), "switzerland": ("Switzerland", "Swiss"),
    "sweden": ("Sweden", "Swedish"), "norway": ("Norway", "Norwegian"), "denmark": ("Denmark", "Danish"),
    "ireland": ("Ireland", "Irish"), "poland": ("Poland", "Polish"), "china": ("China", "Chinese"),
    "japan": ("Japan", "Japanese"), "india": ("India", "Indian"), "korea": ("South Korea", "Korea", "Korean"),
    "canada": ("Canada", "Canadian"), "australia": ("Australia", "Australian"), "brazil": ("Brazil", "Brazilian"),
    "mexico": ("Mexico", "Mexican"), "russia": ("Russia", "Russian"), "turkey": ("Turkey", "Turkish"),
    "singapore": ("Singapore",), "hong kong": ("Hong Kong",), "taiwan": ("Taiwan", "Taiwanese"),
    "asia": ("Asia", "Asian"), "africa": ("Africa", "African"), "south africa": ("South Africa",),
    "uae": ("UAE", "United Arab Emirates"), "saudi": ("Saudi Arabia", "Saudi"),
}
MARKET_NAMES: dict[str, str] = {name: key for key, names in _MARKETS.items() for name in names}
# the region a market's country belongs to: one price may be given for the country and the region
MARKET_REGION: dict[str, str] = {
    **dict.fromkeys("germany france italy spain netherlands ireland poland sweden denmark".split(), "eu"),
    **dict.fromkeys(("china", "japan", "india", "korea", "singapore", "hong kong", "taiwan"), "asia"),
    "south africa": "africa",
}
# the nouns a market adjective qualifies for a price: "German prices", "the UK price", "US sales tax"
MARKET_NOUNS = frozenset("price prices pricing sales market markets vat tax taxes customers buyers consumers shoppers "
                         "retail stores list version versions model models".split())

# ---------------------------------------------------------------------------------------
# one article against itself (reconciler/rules/inside.py)

# measure classes of events a story tells several of: two lengths of "a run" in one article
# are two runs unless more says they are one
EVENT_MEASURES = frozenset({"run", "drive", "field goal", "pass", "return", "punt", "goal", "touchdown", "shot",
                            "kick", "round", "lap", "flight", "game", "fight", "win", "defeat"})
# wording near a figure that says it changed, or is earlier or later than another one
CHANGE_WORDS = (r"rose|risen|rises|rising|climbed|climbs|jumped|increased|increases|grew|grown|fell|fallen|dropped|"
                r"declined|revised|revises|updated|raised|lowered|initially|originally|at\s+first|first\s+reported|"
                r"earlier|previously|later|now|since|so\s+far|up\s+from|down\s+from|had\s+been|was\s+put\s+at|"
                r"corrected|preliminary|provisional|expected|estimated|forecast")

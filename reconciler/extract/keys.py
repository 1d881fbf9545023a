"""The frame as keys: what the aligner compares (:func:`frame_keys`, hard keys that differ where
both claims set them; :func:`soft_keys`, differences it weighs) and the classes of things counted
(:func:`noun_classes`: "passengers" and "people" may be one count, "passengers" and "crew" never)."""

from __future__ import annotations

import re
from functools import lru_cache

from reconciler.extract import frame_vocab as F
from reconciler.extract import vocab as V
from reconciler.models import Frame

__all__ = ["ENTITY", "KEY_NAMES", "MEASURE", "MEMBERS", "NAME_STOP", "NOUN_CLASS", "PERIOD", "frame_keys",
           "noun_classes", "soft_keys"]

GROUND = " including on the ground"  # a toll's noun that takes in the dead on the ground (extract.frame)
NAME_STOP = frozenset(
    """The A An This That These Those It Its He She They We I His Her Their Our In On At By For From With
    And Or But As After Before During Since Until While When Where Who What Which Why How If Than Then So
    Not No Yes Also Only Just Still Even More Most Less Some Many Much Few Several Each Every All Both
    According Meanwhile However Although Though Despite Because There Here Now Today Yesterday Tomorrow
    Mr Mrs Ms Dr St About Around Nearly Almost Over Under Up Down Out Off Into Onto Per Via
    One Two Three Four Five Six Seven Eight Nine Ten""".split()
)

# ---------------------------------------------------------------------------------------
# keys for alignment

_PART_KEYS = frozenset({"part", "whole", "one of several", "another", "margin", "stretch", "configuration",
                        "with more", "fully diluted", "basic"})
KEY_NAMES = ("entity", "config", "reference", "period", "part", "mode", "measure", "noun class", "sub-group",
             "dateline", "revision", "average", "one of several")
ENTITY, PERIOD, MEASURE, NOUN_CLASS = (KEY_NAMES.index(k) for k in ("entity", "period", "measure", "noun class"))


@lru_cache(maxsize=65536)
def frame_keys(frame: Frame) -> tuple[str, ...]:
    """The frame as hard keys (one per ``KEY_NAMES``, "" where the frame says nothing): two claims
    whose keys differ where both are set are two quantities."""
    config, ent_key = _entity_parts(frame.entity)
    ref_key = _last_word(frame.reference)
    part = frame.part if frame.part in _PART_KEYS else ""
    measure = _measure_class(frame.measure)
    noun_class, subgroup = noun_classes(frame.noun, frame.label)
    if measure.startswith("$") and measure[1:] not in F.SESSION_MOMENTS:
        measure = ""  # which amount ("offer", "price") is weighed, not a hard key: see soft_keys
        # (the open, the close, the day's high or low: a traded price at one moment, another at another)
    mode = "projection" if frame.mode == "projection" else "reported"
    return (ent_key, config, ref_key, frame.period, part, mode, measure, noun_class, subgroup,
            "dateline" if frame.measure == "dateline" else "", "old" if frame.revision == "old" else "current",
            "average" if frame.period == "average" else "total", "several" if frame.part == "one of several" else "one")


def _entity_parts(entity: str) -> tuple[str, str]:
    config = ""
    cm = re.match(r"(\d+(?:\.\d)?-inch)\s*(.*)$", entity)
    if cm:
        config, entity = cm.group(1), cm.group(2)
    return config, ("older " if entity.startswith("older ") else "") + _last_word(_company_name(entity))


@lru_cache(maxsize=65536)
def entity_key(entity: str) -> str:
    """Whose figure, as the aligner compares owners: a configuration and the owner's last name word
    ("President Ana Ruiz" and "Ruiz" are one owner; "13-inch Zeta" and "15-inch Zeta" two)."""
    config, key = _entity_parts(entity)
    return f"{config} {key}".strip()


def soft_keys(frame: Frame) -> tuple[str, str]:
    """(mode, money measure class): differences the aligner weighs rather than forbids (a plan;
    an offer against a price). A projection against a count is a hard key (:func:`frame_keys`)."""
    measure = _measure_class(frame.measure)
    return frame.mode, measure if measure.startswith("$") else ""


def _last_word(phrase: str) -> str:
    model = re.search(r" (\d{1,4}[A-Za-z]{0,3})$", phrase)
    if model:
        return (_last_word(phrase[:model.start()]) + " " + model.group(1).lower()).strip()
    words = [w for w in re.findall(r"[A-Za-z][\w\-]*", phrase) if w not in NAME_STOP]
    words = [w.split("-")[0] for w in words if not any(ch.isdigit() for ch in w.split("-")[0])]
    if not words:
        return ""
    w: str = words[-1].lower()
    return w[:-1] if w.endswith("s") and len(w) > 4 and not w.endswith("ss") else w


def _company_name(entity: str) -> str:
    """The name without the words a company's name may carry or drop: "Halvard Systems Inc" and
    "Halvard" are one owner (the phrase itself if nothing else is left)."""
    words = entity.split()
    while len(words) > 1 and words[-1].lower().rstrip(",") in F.COMPANY_SUFFIXES:
        words.pop()
    return " ".join(words)


def _measure_class(measure: str) -> str:
    if not measure:
        return ""
    words = measure.replace("field-goal", "field-goal").split()
    for w in reversed(words):
        if w in F.MEASURE_CLASSES:
            return F.MEASURE_CLASSES[w]
        if w in F.MEASURE_VERBS.values():
            return w
        if w in F.MONEY_NOUNS:
            return "$" + F.MONEY_NOUNS[w]
    if measure == "distance":
        return "distance"
    if measure in F.MASS_MEASURES.values():
        return measure  # "launch mass", "propellant": two masses
    return ""


def aged_class(aged: str) -> str:
    """What an age is of: "person", a thing class ("aircraft", "vessel"), or "" when unsure ("K-220")."""
    words = aged.split()
    head = words[-1] if words else ""
    if head in F.AGED_PEOPLE or head in F.PERSON_GENERIC or head in F.PERSON_SUBGROUPS:
        return "person"
    return F.THING_CLASSES.get(head, "")


_PLACE_MODIFIERS = tuple(m for m in F.NOUN_MODIFIERS if m.startswith(("on ", "in ")))
MEMBERS = re.compile(r"(?<=[a-z])\s+members?\b")


def head_words(words: list[str]) -> list[str]:
    """The words of a counted noun without a participle after it ("ballots cast" -> "ballots",
    "homes destroyed" -> "homes") where the word before it is a thing the vocabulary counts, so
    that the last word is the thing counted ("the stock closed" keeps its verb: no noun known)."""
    if len(words) > 1 and (words[-1] in F.AFTER_NOUN_PARTICIPLES or (words[-1].endswith("ed") and len(words[-1]) > 4)) \
            and (words[-2] in F.THING_CLASSES or words[-2] in F.PERSON_GENERIC or words[-2] in F.PERSON_SUBGROUPS):
        return words[:-1]
    return words


def noun_classes(noun: str, label: str) -> tuple[str, str]:
    noun = MEMBERS.sub("", noun.lower()).partition(GROUND)[0]  # "crew members", "cabin crew member": the crew
    age, _, aged = noun.partition(" ")
    if age in F.AGE_NOUNS:
        return "age", aged_class(aged)
    words = head_words(re.findall(r"[a-z]+", noun))
    if not words:
        return ("person", "") if label in ("dead", "injured") or label.startswith(("killed", "injured")) else ("", "")
    head = words[-1] if words[-1] not in ("board", "aboard", "hospital", "ground", "custody") else words[0]
    base = head_words(noun.lower().split(" on ")[0].split(" in ")[0].split(" aboard")[0].split())
    if base:
        head = base[-1]
    if head in F.PERSON_GENERIC:
        # "people on board" (passengers and crew together), "people on the ground", "people in
        # hospital": a whole or another group than the passengers, the dead on board or the patients
        where = next((m for m in _PLACE_MODIFIERS if noun.endswith(" " + m)), "")
        return "person", where
    if head in F.PERSON_SUBGROUPS:
        sub = F.PERSON_SUBGROUPS[head]
        mods = [w for w in words[:-1] if w not in V.STOPWORDS]
        return "person", (mods[-1] + " " + sub) if mods and len(words) <= 3 else sub
    if head in F.THING_CLASSES:
        return F.THING_CLASSES[head], ""
    return "", ""

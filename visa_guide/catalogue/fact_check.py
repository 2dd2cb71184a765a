"""Does a translation keep every number, date and visa code of the text it translates?

`fact_tokens(text)` reads a text in any of the table's languages into canonical tokens:
- visa codes as written ("E-7-4R", "F-2-R", "D-10-1"),
- dates as YYYY-MM-DD or YYYY-MM ("26 September 2024" and "2024년 9월 26일" are both "2024-09-26"),
- every other number as its value, digit grouping, decimals and scale words folded ("5,156"; "KRW 26 million"
  and "2,600만 원" are both 26000000; "1억 4,986만 5,000원" is 149865000; "Sixteen" is 16).
`missing_facts(source, translation)` lists the source's tokens the translation lacks. The scale words and
date patterns are tables below, so a new language adds rows, not code.
"""

from __future__ import annotations

import re
from decimal import Decimal

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")
MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}
# Written-out numbers counted as numbers. "one" is left out: "one of the fields", "any one company".
_SMALL = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
          "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")
NUMBER_WORDS = {word: number for number, word in enumerate(_SMALL, start=2)} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
}
# Scale words written after a number: English, and Korean 천 / 만 / 억.
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "천": 10**3, "만": 10**4, "억": 10**8}

CODE = re.compile(r"(?<![A-Za-z0-9-])[A-Z]-\d{1,2}(?:-\d{1,2}[A-Z]?|-[A-Z])?(?![A-Za-z0-9])")
_MONTH = "|".join(MONTHS)
DATES = (
    # (pattern, group order of year, month, day)
    (re.compile(rf"\b(\d{{1,2}}) ({_MONTH}) (\d{{4}})\b", re.I), (3, 2, 1)),
    (re.compile(rf"\b({_MONTH}) (\d{{1,2}}),? (\d{{4}})\b", re.I), (3, 1, 2)),
    (re.compile(rf"\b({_MONTH}),? (\d{{4}})\b", re.I), (2, 1, None)),
    (re.compile(r"(\d{4})년\s*(\d{1,2})월\s*(\d{1,2})일"), (1, 2, 3)),
    (re.compile(r"(\d{4})년\s*(\d{1,2})월"), (1, 2, None)),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), (1, 2, 3)),
)
_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
NUMBER = re.compile(rf"(\d+(?:,\d{{3}})*(?:\.\d+)?)(?:\s*({_SCALE})(?![A-Za-z]))?", re.I)
WORD = re.compile(rf"\b({'|'.join(NUMBER_WORDS)})\b", re.I)


def _month(value: str) -> int:
    return int(value) if value.isdigit() else MONTHS[value.lower()]


def _dates(text: str, tokens: set[str]) -> str:
    for pattern, (year, month, day) in DATES:
        def found(match: re.Match[str], year: int = year, month: int = month, day: int | None = day) -> str:
            stamp = f"{int(match.group(year)):04d}-{_month(match.group(month)):02d}"
            tokens.add(f"{stamp}-{int(match.group(day)):02d}" if day else stamp)
            return " "

        text = pattern.sub(found, text)
    return text


def _numbers(text: str, tokens: set[str]) -> None:
    """Numbers with their scale words; Korean groups in a row ("1억 4,986만 5,000") add up."""
    total: Decimal | None = None
    last_scale = 0
    last_end = -1
    for match in NUMBER.finditer(text):
        value = Decimal(match.group(1).replace(",", ""))
        scale = SCALES.get((match.group(2) or "").lower(), 1)
        joined = total is not None and text[last_end : match.start()].strip() == "" and 1 <= scale < last_scale
        if joined:
            total += value * scale
        else:
            if total is not None:
                tokens.add(_canonical(total))
            total = value * scale
        last_scale, last_end = scale, match.end()
    if total is not None:
        tokens.add(_canonical(total))


def _canonical(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def fact_tokens(text: str) -> set[str]:
    """The visa codes, dates and numbers of a text, as canonical tokens."""
    tokens: set[str] = set()
    for code in CODE.findall(text):
        tokens.add(code)
    text = CODE.sub(" ", text)
    text = _dates(text, tokens)
    text = WORD.sub(lambda match: f" {NUMBER_WORDS[match.group(1).lower()]} ", text)
    _numbers(text, tokens)
    return tokens


def missing_facts(source: str, translation: str) -> list[str]:
    """The source's codes, dates and numbers that the translation does not have, sorted."""
    return sorted(fact_tokens(source) - fact_tokens(translation))

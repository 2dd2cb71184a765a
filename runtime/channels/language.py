"""Which language a message is written in, as far as the guard needs to know: Korean, another language, or
English (anything unclear counts as English, so that the assistant still tries to answer).

- Korean and other non-Latin scripts (CJK, kana, Cyrillic, Arabic, Thai, Devanagari...) are recognised by the
  script of most of the message's letters, so an English question with one Korean word still counts as
  English.
- Latin-script languages are recognised by their common short words (articles, pronouns, prepositions,
  question words), counted against English ones. A name or a city ("I'm José de la Cruz from Da Nang")
  adds one or two such words at most, which is not enough: it takes at least MIN_FOREIGN_WORDS of them,
  more than the English words, and a fair share of the message.
"""

from __future__ import annotations

import re
import unicodedata

KOREAN = "ko"
OTHER = "other"

MIN_FOREIGN_WORDS = 2
MIN_FOREIGN_SHARE = 0.25
MIN_SCRIPT_SHARE = 0.5

# Words with no other common meaning in English; those shared with English ("a", "me", "no", "be") are left out.
_STOP_WORDS = {
    "es": (
        "el la los las de del que en para por con una un es como cómo qué cuál cuándo dónde puedo quiero "
        "necesito mi mis tengo soy estoy hola gracias trabajo estudiante visado sí pero porque también sobre"
    ),
    "pt": (
        "os as da do dos das que em para por com uma um é são como quero preciso meu minha tenho sou estou "
        "olá obrigado obrigada trabalho não sim mas porque também sobre posso"
    ),
    "fr": (
        "le la les des du de et est un une pour avec je suis mon mes que qu qui ce c vous quel quelle quels "
        "comment pourquoi puis peux veux dois bonjour merci travail étudiant ne pas oui mais sur dans nous"
    ),
    "de": (
        "der die das und ist ich bin mein meine wie kann möchte brauche für mit ein eine nicht auch "
        "hallo danke arbeit student nach bei oder aber"
    ),
    "vi": (
        "tôi là có không của và được cho với bạn em cần làm gì nào như thế muốn xin chào cảm ơn hàn quốc "
        "visa thị thực học sinh viên việc ở tại này đó khi nếu thì sẽ đã toi khong duoc cua muon lam"
    ),
    "id": (
        "saya yang dan untuk dengan apakah bisa tidak ini itu ada bagaimana di ke mau dari akan sudah kerja "
        "halo terima kasih aku kami kita atau juga bagi sebagai mahasiswa"
    ),
    "tl": "ang ng mga po ako ko sa paano ba na kung para salamat magandang trabaho",
}
# Shared with English, or common in names and places: never counted ("de la Cruz", "Da Nang", "San Juan").
NOT_COUNTED = "a an in on me no be so do to is it as visa korea da nang san juan van anh"
_ENGLISH = (
    "the a an and or of to in on for with from by about at is are am was were be been i im i'm you your my me "
    "we our what which who how when where why can could should would will do does did have has had it this "
    "that there please get apply need want after before if not no yes any some visa job work study student m s t re "
    "ve ll d don"
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_WORDS = {lang: _words(words) - _words(NOT_COUNTED) for lang, words in _STOP_WORDS.items()}
ENGLISH = _words(_ENGLISH)
WORD = re.compile(r"[^\W\d_]+")  # runs of letters: "qu'est-ce" gives qu, est, ce; "I'm" gives i, m


def _script(char: str) -> str:
    """The Unicode script of a letter, by its name: LATIN, HANGUL, CJK, HIRAGANA, CYRILLIC, ARABIC, THAI..."""
    name = unicodedata.name(char, "")
    return name.split()[0] if name else ""


def script_language(text: str) -> str | None:
    """KOREAN or OTHER when most letters are not Latin; None otherwise."""
    scripts = [_script(c) for c in text if c.isalpha()]
    if not scripts:
        return None
    non_latin = [s for s in scripts if s != "LATIN"]
    if len(non_latin) / len(scripts) < MIN_SCRIPT_SHARE:
        return None
    return KOREAN if non_latin.count("HANGUL") >= len(non_latin) / 2 else OTHER


def stop_word_language(text: str) -> str | None:
    """The Latin-script language whose common words clearly outnumber English ones, or None."""
    words = [w.lower() for w in WORD.findall(text)]
    if not words:
        return None
    english = sum(w in ENGLISH for w in words)
    best, count = max(
        ((lang, sum(w in vocabulary for w in words)) for lang, vocabulary in STOP_WORDS.items()),
        key=lambda pair: pair[1],
    )
    if count >= MIN_FOREIGN_WORDS and count > english and count / len(words) >= MIN_FOREIGN_SHARE:
        return best
    return None


def detect_language(text: str) -> str | None:
    """KOREAN, OTHER (any other language) or None (English, or too little to tell). /commands are None."""
    if text.startswith("/"):
        return None
    script = script_language(text)
    if script:
        return script
    return OTHER if stop_word_language(text) else None

"""Pinyin for Chinese names, so that 张三 is found as "zhangsan" and "zs"."""

from __future__ import annotations

from pypinyin import lazy_pinyin

# Surnames read differently from the same character in ordinary words (曾 zēng, not céng).
SURNAME_READINGS = {
    "曾": "zeng",
    "单": "shan",
    "仇": "qiu",
    "解": "xie",
    "区": "ou",
    "朴": "piao",
    "查": "zha",
    "盖": "ge",
    "乐": "yue",
    "秘": "bi",
    "尉": "yu",
    "缪": "miao",
    "翟": "zhai",
    "覃": "qin",
    "召": "shao",
    "员": "yun",
    "種": "chong",
    "繁": "po",
    "句": "gou",
    "阚": "kan",
    "万俟": "moqi",
}


def name_pinyin(name: str) -> list[str]:
    """One syllable (or untouched non-Chinese run) per part: "曾小贤" → ["zeng", "xiao", "xian"]."""
    name = name.strip()
    for surname, reading in sorted(SURNAME_READINGS.items(), key=lambda item: -len(item[0])):
        if name.startswith(surname):
            return [reading, *lazy_pinyin(name[len(surname) :])]
    return lazy_pinyin(name)


def full_and_initials(name: str) -> tuple[str, str]:
    """("zhangsan", "zs") for 张三; Latin names stay as they are, lower-cased."""
    syllables = [word.lower() for part in name_pinyin(name) for word in part.split()]
    full = "".join(syllables)
    initials = "".join(part[0] for part in syllables if part[0].isalnum())
    return full, initials

"""Answer checking: what a fair quiz host accepts and rejects, as a table.

Each row is (fact id in the shipped pack, typed answer, accepted?). The expectations are what a
person running a quiz would say, written by hand; they are not produced by the code under test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.answers import AnswerChecker
from bot.core.model import FactBase

Y, N = True, False

CASES: list[tuple[str, str, bool]] = [
    # -- people: case, accents, order, spacing, typos, the pack's alternatives -------------------
    ("director", "Rene Liu", Y),
    ("director", "rene liu", Y),
    ("director", "RENE LIU", Y),
    ("director", "René Liu", Y),
    ("director", "Liu Rene", Y),
    ("director", "Rene Lui", Y),
    ("director", "Rene Liu!", Y),
    ("director", "  rene   liu  ", Y),
    ("director", "it was Rene Liu", Y),
    ("director", "Rene", Y),
    ("director", "Liu", Y),
    ("director", "reneliu", Y),
    ("director", "Jackie Chan", N),
    ("director", "Zhang Yibai", N),
    ("director", "Tian Zhuangzhuang", N),
    ("director", "Rene Liu or Zhang Yibai", N),
    ("director", "Rene Liu / Zhang Yibai", N),
    ("director", "Zhang Yibai, Rene Liu", N),
    ("director", "Ren", N),
    ("director", "", N),
    ("director", "???", N),
    ("producer", "Zhang Yibai", Y),
    ("producer", "zhang yibai", Y),
    ("producer", "Yibai Zhang", Y),
    ("producer", "Zhang Yibia", Y),
    ("producer", "Yibai", Y),
    ("producer", "Zhang Yimou", N),
    ("producer", "Wang Yibai", N),
    ("producer", "Zhang", N),
    ("producer", "Rene Liu", N),
    ("producer", "Zhang Yibai and Rene Liu", N),
    ("cast-jianqing", "Jing Boran", Y),
    ("cast-jianqing", "jing bo ran", Y),
    ("cast-jianqing", "jingboran", Y),
    ("cast-jianqing", "Boran Jing", Y),
    ("cast-jianqing", "Jing Borna", Y),
    ("cast-jianqing", "Boran", Y),
    ("cast-jianqing", "Jing", Y),  # a critic: "performances from Jing and Zhou"
    ("cast-jianqing", "Zhou Dongyu", N),
    ("cast-jianqing", "Jing Boran or Zhou Dongyu", N),
    ("cast-xiaoxiao", "Zhou Dongyu", Y),
    ("cast-xiaoxiao", "Dongyu Zhou", Y),
    ("cast-xiaoxiao", "zhou dong yu", Y),
    ("cast-xiaoxiao", "Zhou Dongyv", Y),
    ("cast-xiaoxiao", "Zhou Xun", N),
    ("cast-xiaoxiao", "Zhou", Y),
    ("theme-song-singer", "Eason Chan", Y),
    ("theme-song-singer", "eason chan", Y),
    ("theme-song-singer", "Eason", Y),
    ("theme-song-singer", "Chan Eason", Y),
    ("theme-song-singer", "Jackie Chan", N),
    ("theme-song-singer", "Chan", N),
    ("theme-song-singer", "Eason Chan, Jackie Chan", N),
    ("cinematographer", "Mark Lee Ping-bing", Y),
    ("cinematographer", "Mark Lee Ping Bing", Y),
    ("cinematographer", "mark lee pingbing", Y),
    ("cinematographer", "Mark Lee", Y),
    ("cinematographer", "Mark", N),
    ("cinematographer", "Christopher Doyle", N),
    ("critic-bhaskar-quote", "Bhaskar Chattopadhyay", Y),
    ("critic-bhaskar-quote", "Bhaskar Chatopadhyay", Y),
    ("critic-bhaskar-quote", "Bhaskar Chattopadhya", Y),
    ("critic-bhaskar-quote", "Joe Reid", N),
    # -- characters ------------------------------------------------------------------------------
    ("role-zhou-dongyu", "Fang Xiaoxiao", Y),
    ("role-zhou-dongyu", "Xiaoxiao", Y),
    ("role-zhou-dongyu", "Xiao Xiao", Y),
    ("role-zhou-dongyu", "fang xiao xiao", Y),
    ("role-zhou-dongyu", "Xiaoxiao Fang", Y),
    ("role-zhou-dongyu", "Lin Jianqing", N),
    ("role-zhou-dongyu", "Fang", N),
    # -- places ------------------------------------------------------------------------------------
    ("shooting-location", "Hailar", Y),
    ("shooting-location", "hailar", Y),
    ("shooting-location", "Hailer", Y),
    ("shooting-location", "Hailor", Y),
    ("shooting-location", "in Hailar", Y),
    ("shooting-location", "Hailar, Inner Mongolia", Y),
    ("shooting-location", "Hailar in Inner Mongolia", Y),
    ("shooting-location", "hai", N),
    ("shooting-location", "Hail", N),
    ("shooting-location", "Harbin", N),
    ("shooting-location", "Beijing", N),
    ("shooting-location", "Hailar or Harbin", N),
    ("shooting-location", "Beijing, Hailar", N),
    ("shooting-location", "Hailar and Beijing", N),
    ("premise-city", "Beijing", Y),
    ("premise-city", "beijing", Y),
    ("premise-city", "Peking", Y),
    ("premise-city", "Bejing", Y),
    ("premise-city", "in Beijing, China", Y),
    ("premise-city", "Nanjing", N),
    ("premise-city", "Shanghai", N),
    ("premise-city", "Beijing or Shanghai", N),
    ("premise-city", "Bei", N),
    ("wynne-father-countryside", "the countryside", Y),
    ("wynne-father-countryside", "countryside", Y),
    ("wynne-father-countryside", "the country side", Y),
    ("wynne-father-countryside", "the city", N),
    # -- organisations and titles ------------------------------------------------------------------
    ("distributor-international", "Netflix", Y),
    ("distributor-international", "netflix", Y),
    ("distributor-international", "Netflx", Y),
    ("distributor-international", "on Netflix", Y),
    ("distributor-international", "Amazon", N),
    ("distributor-international", "Netflix or Amazon", N),
    ("source-short-story", "Home for Chinese New Year", Y),
    ("source-short-story", "home for chinese new year", Y),
    ("source-short-story", "Home for New Year", Y),
    ("source-short-story", "Home for Chinese New Yaer", Y),
    ("source-short-story", "Home", N),
    ("source-short-story", "Chinese New Year", N),
    # -- awards ------------------------------------------------------------------------------------
    ("golden-horse-edition", "55th Golden Horse Awards", Y),
    ("golden-horse-edition", "the 55th", Y),
    ("golden-horse-edition", "55th", Y),
    ("golden-horse-edition", "55", Y),
    ("golden-horse-edition", "54th", N),
    ("golden-horse-edition", "56th Golden Horse Awards", N),
    ("golden-horse-best-new-director", "Best New Director", Y),
    ("golden-horse-best-new-director", "best new director", Y),
    ("golden-horse-best-new-director", "New Director", Y),
    ("golden-horse-best-new-director", "Best Director", N),
    ("golden-horse-best-new-director", "Best New Actor", N),
    # -- money: equivalent amounts, never a different number or unit -------------------------------
    ("box-office-gross-209m", "$209 million", Y),
    ("box-office-gross-209m", "209 million", Y),
    ("box-office-gross-209m", "209m", Y),
    ("box-office-gross-209m", "$209m", Y),
    ("box-office-gross-209m", "$209,000,000", Y),
    ("box-office-gross-209m", "209000000", Y),
    ("box-office-gross-209m", "209 million dollars", Y),
    ("box-office-gross-209m", "US$209 million", Y),
    ("box-office-gross-209m", "about $209 million", Y),
    ("box-office-gross-209m", "290 million", N),
    ("box-office-gross-209m", "200 million", N),
    ("box-office-gross-209m", "$210 million", N),
    ("box-office-gross-209m", "209 billion", N),
    ("box-office-gross-209m", "209", N),
    ("box-office-gross-209m", "209 thousand", N),
    ("box-office-gross-209m", "$209 million or $191 million", N),
    ("box-office-gross-209m", "lots of money", N),
    ("box-office-opening-weekend", "$88.8 million", Y),
    ("box-office-opening-weekend", "88.8m", Y),
    ("box-office-opening-weekend", "88.8 million", Y),
    ("box-office-opening-weekend", "$88 million", N),
    ("box-office-opening-weekend", "$8.88 million", N),
    ("box-office-billion-yuan-amount", "one billion yuan", Y),
    ("box-office-billion-yuan-amount", "1 billion", Y),
    ("box-office-billion-yuan-amount", "1 billion dollars", N),
    ("box-office-billion-yuan-amount", "one million yuan", N),
    # -- plain numbers, ratings, years -------------------------------------------------------
    ("rotten-tomatoes-critics", "six", Y),
    ("rotten-tomatoes-critics", "6", Y),
    ("rotten-tomatoes-critics", "Six", Y),
    ("rotten-tomatoes-critics", "6 critics", Y),
    ("rotten-tomatoes-critics", "seven", N),
    ("rotten-tomatoes-critics", "16", N),
    ("rotten-tomatoes-critics", "5 or 6", N),
    ("music-video-views", "2 million", Y),
    ("music-video-views", "two million", Y),
    ("music-video-views", "2,000,000", Y),
    ("music-video-views", "3 million", N),
    ("douban-score", "5.9/10", Y),
    ("douban-score", "5.9", Y),
    ("douban-score", "5.9 out of 10", Y),
    ("douban-score", "5.8", N),
    ("douban-score", "6", N),
    ("douban-score", "59", N),
    ("mtime-score", "6.3", Y),
    ("mtime-score", "6.3/10", Y),
    ("mtime-score", "3.6", N),
    ("rotten-tomatoes-score", "100%", Y),
    ("rotten-tomatoes-score", "100 percent", Y),
    ("rotten-tomatoes-score", "100", Y),
    ("rotten-tomatoes-score", "99%", N),
    ("vulture-ranking", "#43", Y),
    ("vulture-ranking", "43", Y),
    ("vulture-ranking", "number 43", Y),
    ("vulture-ranking", "34", N),
    ("wynne-three-friends", "3", Y),
    ("wynne-three-friends", "three", Y),
    ("wynne-three-friends", "thirty", N),
    ("box-office-days-to-200m", "10 days", Y),
    ("box-office-days-to-200m", "ten days", Y),
    ("box-office-days-to-200m", "10", Y),
    ("box-office-days-to-200m", "10 weeks", N),
    ("box-office-days-to-200m", "11 days", N),
    ("shoot-temperature-minus-40", "-40", Y),
    ("shoot-temperature-minus-40", "minus 40", Y),
    ("shoot-temperature-minus-40", "-40°C", Y),
    ("shoot-temperature-minus-40", "-30", N),
    ("release-year", "2018", Y),
    ("release-year", "in 2018", Y),
    ("release-year", "2017", N),
    ("release-year", "2019", N),
    ("release-year", "2017 or 2018", N),
    ("release-year", "18", N),
    ("short-story-published-2011", "2011", Y),
    ("short-story-published-2011", "2012", N),
    # -- dates: any common format, same date, all of it -------------------------------------------
    ("release-date", "April 28, 2018", Y),
    ("release-date", "28 April 2018", Y),
    ("release-date", "2018-04-28", Y),
    ("release-date", "april 28 2018", Y),
    ("release-date", "28/04/2018", Y),
    ("release-date", "4/28/2018", Y),
    ("release-date", "Apr 28, 2018", Y),
    ("release-date", "28th April 2018", Y),
    ("release-date", "the twenty-eighth of April 2018", Y),
    ("release-date", "April 29, 2018", N),
    ("release-date", "April 28, 2017", N),
    ("release-date", "March 28, 2018", N),
    ("release-date", "2018-04-23", N),
    ("release-date", "2018", N),
    ("release-date", "April 2018", N),
    ("release-date", "April 23 or April 28, 2018", N),
    ("netflix-release-date", "June 22, 2018", Y),
    ("netflix-release-date", "22 June 2018", Y),
    ("netflix-release-date", "2018-06-22", Y),
    ("netflix-release-date", "June 12, 2018", N),
    ("netflix-release-date", "July 22, 2018", N),
    # -- free text ---------------------------------------------------------------------------------
    ("plot-meeting-place", "on the train", Y),
    ("plot-meeting-place", "train", Y),
    ("plot-meeting-place", "on a trian", Y),
    ("plot-meeting-place", "on the plane", N),
    ("plot-jianqing-dream", "a game-maker", Y),
    ("plot-jianqing-dream", "game maker", Y),
    ("plot-jianqing-dream", "a doctor", N),
    ("plot-jianqing-married", "married with a child", Y),
    ("plot-jianqing-married", "married", Y),
    ("plot-jianqing-married", "he is not married", N),
    ("plot-jianqing-married", "single", N),
    ("genre", "romantic drama", Y),
    ("genre", "romance", Y),
    ("genre", "horror", N),
    ("language", "Mandarin", Y),
    ("language", "mandarin chinese", Y),
    ("language", "Cantonese", N),
]


def test_the_table_is_large_and_balanced() -> None:
    accepted = sum(1 for *_, ok in CASES if ok)
    assert len(CASES) >= 150
    assert accepted >= 50 and len(CASES) - accepted >= 50


@pytest.fixture(scope="module")
def checker(fact_base: FactBase) -> AnswerChecker:
    return AnswerChecker(fact_base)


@pytest.mark.parametrize(("fact_id", "guess", "expected"), CASES)
def test_fair_host(
    checker: AnswerChecker, fact_base: FactBase, fact_id: str, guess: str, expected: bool
) -> None:
    fact = fact_base.by_id[fact_id]
    verdict = checker.check(fact, guess)
    assert verdict.correct is expected, f"{guess!r} for {fact.answer!r}: {verdict.reason}"


def test_every_answer_and_alternative_of_the_pack_is_accepted(
    checker: AnswerChecker, fact_base: FactBase
) -> None:
    refused = [
        (f.id, text)
        for f in fact_base.facts
        for text in (f.answer, *f.accept)
        if not checker(f, text)
    ]
    assert refused == []


def test_curated_distractors_are_never_accepted(
    checker: AnswerChecker, fact_base: FactBase
) -> None:
    accepted = [
        (f.id, d)
        for f in fact_base.quiz_facts
        for d in (f.quiz.distractors if f.quiz else ())
        if checker(f, d)
    ]
    assert accepted == []


def test_a_very_long_message_is_not_an_answer(checker: AnswerChecker, fact_base: FactBase) -> None:
    fact = fact_base.by_id["premise-city"]
    assert not checker(fact, "Beijing " + "and so on " * 40)


def test_facts_try_reads_and_writes_json_lines(repo_root: Path) -> None:
    lines = [
        {"fact": "director", "answer": "Liu Rene"},
        {"fact": "box-office-gross-209m", "answer": "290 million"},
        {"fact": "no-such-fact", "answer": "x"},
    ]
    stdin = "\n".join(json.dumps(x) for x in lines) + "\nnot json\n"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "facts", "try", "--json", "-"],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=repo_root,
        timeout=60,
    )
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert out[0] == {"fact": "director", "answer": "Liu Rene", "correct": True}
    assert out[1] == {"fact": "box-office-gross-209m", "answer": "290 million", "correct": False}
    assert out[2]["line"] == 3 and "unknown fact id 'no-such-fact'" in out[2]["error"]
    assert out[3]["line"] == 4 and "not JSON" in out[3]["error"]
    assert done.returncode == 1  # some lines could not be checked
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("fact_id", "guess", "reason"),
    [
        ("director", "Rene Liu or Zhang Yibai", 'several guesses ("or")'),
        ("director", "Rene Liu and Zhang Yibai", 'several names ("and")'),
        ("director", "Zhang Yibai, Rene Liu", "several names"),
        ("golden-horse-edition", "56th Golden Horse Awards", "a different number"),
        ("shooting-season", "autumn winter 2017", "a different time of year"),
        ("premise-city", "Beijing Hailar", "also names another place"),
    ],
)
def test_each_kind_of_several_guesses_says_why_it_is_wrong(
    checker: AnswerChecker, fact_base: FactBase, fact_id: str, guess: str, reason: str
) -> None:
    # the reason is what `python -m bot facts try` shows a pack author
    verdict = checker.check(fact_base.by_id[fact_id], guess)
    assert not verdict.correct
    assert verdict.reason == reason

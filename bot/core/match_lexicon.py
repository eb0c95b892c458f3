"""Everyday English for /ask: slang and idioms read as the plain words documents use.

General language knowledge, chosen from common usage and nothing else: "gal" is a girl, "nippy"
is cold, "call it quits" is a breakup, "crash at" is to stay. ``match_vocab`` folds these into
its chat spellings and phrases, keeping its own entries where both name a word. Every entry is
read on both sides, in questions and in the pack's phrasings, so it only has to be conservative:
a word goes here only when its everyday sense is the plain word, not one meaning among several
("bag", "loaded" and "grab" stay out).
"""

from __future__ import annotations

# Plain word: the everyday words read as it (separated by spaces).
WORDS: dict[str, str] = {
    # people
    "girl": "gal gals chick chicks lass lassie gurl",
    "man": "fella fellas fellow fellows bloke blokes chap chaps",
    "boy": "lad lads laddie",
    "husband": "hubby",
    "wife": "wifey missus",
    "child": "kiddo kiddos toddler baby babies infant newborn offspring",
    # ("pair", "lovebirds": "the pair", "the lovebirds" are read as they in match_vocab)
    "couple": "duo lovers sweethearts",
    "manager": "landlord landlady",
    # the film and its music
    "video": "vid vids clip clips",
    "song": "ballad ballads anthem",
    "soundtrack": "ost",
    "singer": "crooner musician",
    "dialogue": "dialog dialogs dialogues",
    "gray": "grey greying graying",
    "direct": "helm helms helming",
    "shoot": "lensed",
    "review": "critique critiques writeup",
    "positive": "favorable favourable glowing",
    "praise": "acclaim acclaimed",
    "audience": "spectators moviegoers filmgoers cinemagoers",
    "director": "moviemaker moviemakers",
    # who pays for a film is its producer; who oversees it, what it was (the documents' words)
    "produce": "bankroll bankrolled bankrolls bankrolling financed financing funded funding "
    "financier financiers investor investors",
    "oversaw": "oversee oversees overseeing overseen supervise supervised supervises supervising",
    "cinematographer": "lensman lensmen",
    "plot": "premise gist",
    "drama": "melodrama melodramas",
    "news": "newscast newscasts",
    "actor": "thespian thespians",
    "visual": "imagery",
    "color": "hue hues palette",
    "write": "penned penning",
    "beautiful": "gorgeous lovely breathtaking stunning",
    "beautifully": "gorgeously stunningly",
    "award": "gong gongs trophy trophies accolade accolades",
    "nominate": "contender contenders shortlist",
    "hit": "blockbuster smash",
    "million": "mil",
    "yuan": "rmb renminbi",
    "international": "overseas",
    "sue": "lawsuit lawsuits litigation",
    "malpractice": "fraud wrongdoing",
    "scalpers": "resellers",
    "goodbye": "farewell farewells",
    "inflated": "rigged fudged padded",
    "hidden": "hide hides hid hiding",
    "billion": "bil bn",
    # money and work
    "money": "moolah dosh",
    "job": "gig gigs",
    "work": "workplace workplaces",
    "poor": "skint penniless impoverished poverty",
    "income": "salary salaries wage wages",
    "sell": "peddle peddles peddled peddling flog flogs flogged flogging",
    "porn": "porno pornos pornography smut",
    # feelings and states
    "cold": "nippy frigid frosty icy frozen subzero arctic wintry temperatures",
    "warm": "warmth",
    "eyelashes": "lashes eyelash",
    "leggings": "tights",
    "sad": "heartbreaking tragic depression",
    "moving": "poignant",
    "nostalgic": "nostalgia",
    "ambition": "ambitious aspire aspires aspiring wannabe",
    "famous": "fame celebrity celebrities",
    "failure": "fail fails failed failing",
    "married": "marriage wedding hitched",
    "single": "unmarried",
    "reconcile": "reconciliation",
    "second chance": "rekindle rekindles rekindled",  # Wynne: "this second chance and rekindle"
    "illness": "disease diseases sickness",
    "reveal": "revelation revelations",
    "old": "elderly",
    "city": "urban",
    "setting": "backdrop",
    "hometown": "birthplace",
    "hair": "hairstyle hairdo",
    "holiday": "vacation",
    "look": "search searches searched searching sought",
    "game": "videogame videogames",
    "starry eyed": "idealistic dreamy",
    "jaded": "cynical",
    "courage": "guts bravery",
    "annoyed": "irritated irked",
    "boisterous": "rowdy noisy",
    "boring": "dull tedious",
    "rudely": "disrespectful disrespectfully",
    "hassle": "pester pesters pestered pestering nag nags nagged nagging badger badgers badgered "
    "harass harasses harassed harassing",
    "ask": "plead pleads pleaded pleading beg begs begged begging",
    "console": "comfort comforts comforted comforting",
    "destroy": "ruin ruins ruined ruining sabotage sabotages sabotaged",
    "love": "smitten affection affections fondness",
    "meet": "encounter encounters encountered",
    "angry": "mad furious livid pissed anger rage enraged",
    "excited": "stoked thrilled pumped hyped",
    "cry": "sob sobs sobbed sobbing bawl bawled bawling weepy tearjerker wept",
    "alcohol": "tipsy hammered plastered sloshed buzzed wine beer baijiu",
    "drink": "drinker drinkers",
    "difficult": "grueling gruelling",
    # noticing, finishing, what is left: the plain words for them
    "find": "discover discovers discovered discovering",
    "finish": "completes completed completing",  # ("complete" alone is also "whole")
    "rest": "remainder",
    "personality": "temperament temperaments",
    "pace": "tempo",
    "happy": "joyful joyous cheerful",
    "worth": "worthwhile",
    # doing
    "leave": "ditch ditches ditched ditching abandon abandons abandoned bail bails bailed "
    "vanish vanishes vanished disappear disappears disappeared",
    "win": "nab nabs nabbed snag snags snagged clinch clinched victory victories",
    "say": "mention mentions mentioned claim claims claimed opinion opinions",
    "fight": "brawl brawls scuffle scuffles punch punches punched punching",
    "argue": "squabble squabbles squabbled squabbling quarrel quarrels quarreled quarrelled "
    "bicker bickers bickered bickering disagreement disagreements dispute disputes feud feuds",
    "move": "relocate relocates relocated relocating",
    "refuse": "refuses refused refusing decline declines declined",
    "release": "launch launched launches",
    "views": "viral trending",
    # past forms the stemmer leaves apart from their verb
    "wear": "wore worn",
    "drive": "drove driven",
    "bring": "brought",
    "lose": "lost",
    "grow": "grew grown",
    "stand": "stood",
    "spend": "spent",
    "keep": "kept",
    "hold": "held",
    "pay": "paid",
    "send": "sent",
    "speak": "spoke",
    "understand": "understood",
    "become": "became",
    "run": "ran",
    "choose": "chose chosen",
    "forget": "forgot forgotten",
    "swear": "swore sworn",
    "stick": "stuck",  # "stuck with him" (phrases read "stick around", "stick it out")
    "know": "knew",  # not "known": "known for" is a phrase of its own
    "arise": "arose arisen",
    "awake": "awoke awoken",
    "bend": "bent",
    "bite": "bitten",  # not "bit": "a bit"
    "bleed": "bled",
    "blow": "blown",
    "break": "broken",
    "build": "built",
    "burn": "burnt",
    "catch": "caught",
    "deal": "dealt",
    "dig": "dug",
    "draw": "drew",
    "feed": "fed",
    "flee": "fled",
    "fly": "flew flown",
    "forgive": "forgave forgiven",
    "freeze": "froze",
    "give": "given",
    "hear": "heard",
    "lay": "laid",
    "lend": "lent",
    "prove": "proven",
    "ride": "rode ridden",
    "ring": "rang rung",
    "rise": "risen",
    "shake": "shook shaken",
    "shine": "shone",
    "show": "shown",
    "shrink": "shrank shrunk",
    "sink": "sank sunk",
    "sit": "sat",
    "slide": "slid",
    "spin": "spun",
    "steal": "stole stolen",
    "strike": "struck stricken",
    "sweep": "swept",
    "swim": "swam swum",
    "swing": "swung",
    "wake": "woke woken",
    "1st": "maiden",  # "her maiden film"
    # things
    "train": "carriage carriages railway railroad locomotive locomotives",
    "ticket": "fare fares",
    "snow": "blizzard snowstorm snowy snowfall",
    "fall": "autumn autumnal",
    "countryside": "village villages",
    "fine": "penalty penalties",
    "noodle": "ramen",
    "busy": "hectic bustling",
    "bag": "luggage suitcase suitcases backpack backpacks",
    "house": "mansion mansions",
    "stable": "steady",
    "black and white": "monochrome grayscale greyscale colorless colourless",
}

# Idioms of several words (after the words above are read) -> the plain words.
PHRASES: dict[tuple[str, ...], str] = {
    # staying and leaving
    ("crash", "at"): "stay",
    ("crashes", "at"): "stay",
    ("crashed", "at"): "stay",
    ("crashing", "at"): "stay",
    ("crash", "with"): "stay",
    ("crashed", "with"): "stay",
    ("bunk", "with"): "stay",
    ("walk", "out"): "leave",
    ("walks", "out"): "leave",
    ("walked", "out"): "leave",
    ("storm", "off"): "leave",
    ("storms", "off"): "leave",
    ("stormed", "off"): "leave",
    ("run", "off"): "leave",
    ("runs", "off"): "leave",
    ("move", "out"): "leave",
    ("moves", "out"): "leave",
    ("moved", "out"): "leave",
    # breaking up and staying in touch
    ("end", "things"): "breakup",  # "when she ends things" ("ends" is read as end)
    # "end it with" is a breakup only with a person after it: not "end it with the letter"
    ("end", "it", "with", "him"): "breakup with him",
    ("end", "it", "with", "her"): "breakup with her",
    ("end", "the", "relationship"): "breakup",
    ("bunk", "together"): "room together",
    ("call", "it", "quits"): "breakup",
    ("calls", "it", "quits"): "breakup",
    ("called", "it", "quits"): "breakup",
    ("calling", "it", "quits"): "breakup",
    ("break", "it", "off"): "breakup",
    ("broke", "it", "off"): "breakup",
    ("part", "ways"): "separate ways",
    ("parted", "ways"): "separate ways",
    ("parting", "ways"): "separate ways",
    ("keep", "in", "touch"): "contact",
    ("stay", "in", "touch"): "contact",
    ("stayed", "in", "touch"): "contact",
    # love
    ("fall", "for"): "fall in love",
    ("falls", "for"): "fall in love",
    ("fell", "for"): "fall in love",
    ("falling", "for"): "fall in love",
    ("hook", "up"): "relationship start",
    ("hooked", "up"): "relationship start",
    ("sleep", "together"): "sex",
    ("slept", "together"): "sex",
    ("sleeps", "together"): "sex",
    # family and care
    ("look", "after"): "take care",
    ("looks", "after"): "take care",
    ("looking", "after"): "take care",
    ("looked", "after"): "take care",
    ("turn", "down"): "refuse",
    ("turns", "down"): "refuse",
    ("turned", "down"): "refuse",
    ("pass", "away"): "die",
    ("passes", "away"): "die",
    ("passed", "away"): "die",
    ("evict", "the", "bucket"): "die",  # "kick the bucket" ("kick" is read as evict)
    # spending time
    ("hang", "out"): "spend time",
    ("hangs", "out"): "spend time",
    ("hung", "out"): "spend time",
    ("hanging", "out"): "spend time",
    ("kill", "time"): "spend time",
    ("pass", "the", "time"): "spend time",
    # quarrels
    ("get", "into", "it"): "fight",
    ("gets", "into", "it"): "fight",
    ("got", "into", "it"): "fight",
    ("getting", "into", "it"): "fight",
    ("blow", "up", "at"): "angry",
    ("blows", "up", "at"): "angry",
    ("blew", "up", "at"): "angry",
    # money
    ("well", "off"): "rich",
    ("difficult", "up"): "poor",  # "hard up" ("hard" is read as difficult)
    ("bring", "in"): "make",
    ("brings", "in"): "make",
    ("cashed", "in"): "make",
    ("snatch", "up"): "buy",
    ("snatched", "up"): "buy",
    # being popular online
    ("blow", "up"): "views",
    ("blew", "up"): "views",
    ("blows", "up"): "views",
    # getting married, and what money is short for
    ("tie", "the", "knot"): "married",
    ("ties", "the", "knot"): "married",
    ("tied", "the", "knot"): "married",
    ("make", "love"): "sex",  # "made", "makes" are read as make
    ("walk", "away"): "leave",
    ("walks", "away"): "leave",
    ("walked", "away"): "leave",
    ("beat", "him", "up"): "fight",
    ("beats", "him", "up"): "fight",
    ("beaten", "him", "up"): "fight",
    ("short", "on", "money"): "poor",  # "cash" is read as money
    ("short", "of", "money"): "poor",
    ("strapped", "for", "money"): "poor",
    ("adult", "film"): "porn",  # "movie" is read as film
    ("adult", "films"): "porn",
    ("dirty", "film"): "porn",
    ("dirty", "films"): "porn",
    ("star", "as"): "play",  # "cast as", "starred as" ("cast" is read as star)
    ("go", "out", "with"): "date",
    ("goes", "out", "with"): "date",
    ("went", "out", "with"): "date",
    ("going", "out", "with"): "date",
    ("a", "lift", "home"): "drive home",
    ("a", "ride", "home"): "drive home",
    ("call", "off"): "cancelled",
    ("calls", "off"): "cancelled",
    ("called", "off"): "cancelled",
    ("give", "her", "a", "difficult", "time"): "hassle her",  # "a hard time"
    ("gives", "her", "a", "difficult", "time"): "hassle her",
    ("gave", "her", "a", "difficult", "time"): "hassle her",
    ("give", "him", "a", "difficult", "time"): "hassle him",
    ("gives", "him", "a", "difficult", "time"): "hassle him",
    ("gave", "him", "a", "difficult", "time"): "hassle him",
    ("find", "work"): "new job",  # "found" is read as find
    ("find", "a", "job"): "new job",
    ("secret", "message"): "hidden message",
    ("secret", "messages"): "hidden messages",
    ("easter", "egg"): "hidden message",  # a message hidden in a game
    ("easter", "eggs"): "hidden messages",
    ("chinese", "currency"): "yuan",
    ("debut", "weekend"): "opening weekend",
    ("it", "debut"): "it premiere",  # a film's debut is its premiere (a director's: her first)
    ("it", "debuted"): "it premiere",
    ("time", "of", "year"): "season",
    ("called", "in", "chinese"): "chinese title",
    ("name", "in", "chinese"): "chinese title",
    ("look", "of", "it"): "visual",  # the look of a film: its visuals
    ("look", "of", "the", "film"): "visual",  # "movie" is read as film
    ("make", "in", "theater"): "gross",  # "made in theaters" ("cinemas" is read as theater)
    ("make", "at", "the", "theater"): "gross",
    ("act", "in"): "star in",  # "who acts in it"
    ("acts", "in"): "star in",
    ("acted", "in"): "star in",
    ("small", "town"): "rural town",
    ("lose", "his", "temper"): "angry",  # "lost" is read as lose
    ("lose", "her", "temper"): "angry",
    ("video", "game"): "game",
    ("get", "along"): "rapport",
    ("got", "along"): "rapport",
    ("gets", "along"): "rapport",
    ("getting", "along"): "rapport",
    ("cheer", "up"): "console",
    ("cheers", "up"): "console",
    ("cheered", "up"): "console",
    ("hit", "theater"): "release theater",  # "hit theaters" ("theaters" is read as theater)
    ("rest", "of", "the", "world"): "international",
    ("outside", "china"): "international",
    ("outside", "of", "china"): "international",
    ("pop", "star"): "singer",  # "star" alone is read as the cast
    ("compete", "for"): "nominate",
    ("competed", "for"): "nominate",
    ("competing", "for"): "nominate",
    ("make", "end", "meet"): "money",  # having enough to live on ("ends" is read as end)
    ("1st", "weekend"): "opening weekend",  # "first" is read as 1st; not "first two weekends"
    ("1st", "screening"): "premiere",
    ("world", "premiere"): "premiere",
    ("opening", "night"): "premiere",
    ("gala", "screening"): "premiere",
    ("1st", "showing"): "premiere",
    ("hope", "to"): "want to",
    ("hopes", "to"): "want to",
    ("hoping", "to"): "want to",
    ("hoped", "to"): "want to",
    ("on", "her", "case"): "hassle her",
    ("on", "his", "case"): "hassle him",
    ("do", "well"): "hit",  # "did it do well", "why did it do so well"
    ("did", "well"): "hit",
    ("does", "well"): "hit",
    ("do", "so", "well"): "hit",
    ("did", "so", "well"): "hit",
    # the film, its song and video
    ("signature", "song"): "theme song",
    ("drawn", "from"): "based on",
    ("without", "color"): "black and white",  # "colour" is read as color
    ("hail", "from"): "come from",
    ("hails", "from"): "come from",
    ("genre", "wise"): "genre",
    ("ticket", "counter"): "box office",
    ("ticket", "counters"): "box office",
    ("promo", "video"): "music video",  # "clip" is read as video
    ("title", "song"): "theme song",
    ("lead", "song"): "theme song",  # "main song" ("main" is read as lead)
    ("lead", "theme"): "theme song",
    ("motion", "picture"): "film",
    ("line", "of", "work"): "job",
    ("in", "the", "running", "for"): "nominate",
    ("write", "up"): "review",  # "the write-up"
    ("rail", "car"): "train",
    ("rail", "cars"): "train",
    # who is in it: the cast ("in" alone is a stop word; "movie" is read as film)
    ("who", "is", "in", "it"): "who star in it",
    ("who", "was", "in", "it"): "who star in it",
    ("who", "in", "it"): "who star in it",  # "who's in it"
    ("who", "is", "in", "the", "film"): "who star in the film",
    ("who", "was", "in", "the", "film"): "who star in the film",
    ("who", "in", "the", "film"): "who star in the film",
    ("force", "them", "out"): "evict them",
    ("forces", "them", "out"): "evict them",
    ("forced", "them", "out"): "evict them",
    ("in", "court"): "sue",
    ("fondest", "memory"): "favorite moment",
    ("best", "memory"): "favorite moment",
    ("favorite", "memory"): "favorite moment",
    ("well", "shoot"): "beautifully shoot",  # "is it well shot" ("shot" is read as shoot)
    # directing and succeeding
    ("shoot", "the", "picture"): "shoot the film",  # "shot" is read as shoot
    ("take", "them", "to", "court"): "sue",  # "took" is read as take
    ("take", "it", "to", "court"): "sue",
    ("legal", "action"): "sue",
    ("down", "in", "the", "breakup"): "sad",  # "down in the dumps" ("dumps" is read as breakup)
    ("splash", "out"): "spend money",
    ("splashed", "out"): "spend money",
    ("splashes", "out"): "spend money",
    ("show", "off"): "impress",
    ("showing", "off"): "impress",
    ("showed", "off"): "impress",
    ("shows", "off"): "impress",
    ("in", "the", "director", "chair"): "direct",  # "who sat in the director's chair"
    ("director", "chair"): "director",
    ("money", "man"): "producer",  # the film's backer ("guy" is read as man)
    ("hit", "the", "big", "screen"): "release theater",
    ("big", "screen"): "theater",
    # scraping by is earning a living, not a film making money at the box office
    ("get", "by"): "earn living",  # "how did they get by"
    ("pay", "the", "rent"): "earn living",  # "paid" is read as pay
    ("call", "the", "shots"): "direct",
    ("calls", "the", "shots"): "direct",
    ("called", "the", "shots"): "direct",
    ("calling", "the", "shots"): "direct",
    ("make", "it", "big"): "success",  # "made", "makes" are read as make
    ("another", "shoot"): "second chance",  # "another shot" ("shot" is read as shoot)
    ("another", "chance"): "second chance",
    ("another", "try"): "second chance",
    ("another", "go"): "second chance",
    ("get", "up", "and", "go"): "spirit",  # drive, energy
    # awards: "an awards nod", "a crowd favourite"
    ("award", "nod"): "nominate",
    ("awards", "nod"): "nominate",
    ("crowd", "favorite"): "audience favorite",  # "favourite" is read as favorite
    ("fan", "favorite"): "audience favorite",
    ("a", "win"): "a success",  # the noun: "was it a win"; "win a" is the verb
    # getting over someone is no longer loving them
    ("get", "over", "her"): "stop love her",
    ("get", "over", "him"): "stop love him",
    ("gets", "over", "her"): "stop love her",
    ("gets", "over", "him"): "stop love him",
    ("got", "over", "her"): "stop love her",
    ("got", "over", "him"): "stop love him",
    ("gotten", "over", "her"): "stop love her",
    ("gotten", "over", "him"): "stop love him",
    ("getting", "over", "her"): "stop love her",
    ("getting", "over", "him"): "stop love him",
    # a verdict
    ("bottom", "line"): "verdict",
    ("final", "word"): "verdict",
    ("final", "verdict"): "verdict",
}


def spellings() -> dict[str, str]:
    """Each everyday word -> its plain word."""
    return {word: plain for plain, words in WORDS.items() for word in words.split()}

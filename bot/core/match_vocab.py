"""The language knowledge of /ask matching: question intent, chat spellings, stop words, stems.

Kept apart from the index so the rules can be read (and tuned) in one place. Every function
takes words already passed through ``bot.core.text.normalize``.

Question words are read before any stop word is dropped: "who", "when", "where", "how much",
"how many" are what tells the director from the filming location from the gross, so they become
an *intent* that the ranking weighs. The title words "us", "and", "them" likewise become one film
entity (by the alias table) before "us" and "and" are dropped as stop words.
"""

from __future__ import annotations

import functools
import itertools
import re

from bot.core import match_lexicon
from bot.core.snowball import english_stemmer

WHO, WHEN, WHERE, MONEY, COUNT, WHY = "who", "when", "where", "money", "count", "why"
NAME = "name"  # "what is X called", "what's the name of ...": the answer must be a name
AGE = "age"  # "how old"
DEGREE = "degree"  # "how much he knew": how far, answered by "a lot", "little", "nothing"

# Chat spellings and common misspellings that would otherwise hide a question word.
CHAT_SPELLINGS: dict[str, str] = {
    "whos": "who",
    "whose": "who",
    "whom": "who",
    "hwo": "who",
    "whats": "what",
    "wat": "what",
    "wut": "what",
    "wats": "what",
    "waht": "what",
    "whta": "what",
    "wich": "which",
    "whcih": "which",
    "wheres": "where",
    "wher": "where",
    "whens": "when",
    "wen": "when",
    "whn": "when",
    "hows": "how",
    "teh": "the",
    "hte": "the",
    "yr": "year",
    "yrs": "year",
    "abt": "about",
    "dir": "director",
    "gf": "girlfriend",
    "bf": "boyfriend",
    "hk": "hong kong",
    "mv": "music video",
    "dp": "cinematographer",
    "dop": "cinematographer",
    "age": "old age",  # "tian zhuangzhuang age" asks how old, as "how old" does
    "ages": "old age",
    "reckon": "think",
    "reckons": "think",
}

# Synonym groups: every word on the right is read as the word on the left. General chat
# English for what people ask about a film, so phrasings the pack never wrote still land.
_SYNONYMS: dict[str, str] = {
    "father": "dad daddy papa pa pops",
    "mother": "mom mum mommy",
    "film": "movie movies flick",
    "director": "filmmaker",
    "directed": "helmed",
    "script": "screenplay",
    # "actress" stays itself, so "the lead actress" is not "the lead actor" (a description
    # keeps its gender); its stem is the actor's, so facts worded either way still match
    "actor": "actors",
    "actress": "actresses",
    "star": "starred starring stars cast",
    "play": "portray portrays portrayed played plays playing",
    "shoot": "filmed filming shot shooting shoots",
    "rate": "rated rating ratings score scores scored percentage",
    "award": "prize prizes",
    "nominate": "nominated nomination nominations nominee nominees shortlisted",
    "win": "won wins winning winner",
    "write": "wrote written writer writes writing",
    "sing": "sang sung singer sings singing vocals vocalist",
    "make": "made makes making earn earned earning earns create created creates creating",
    "meet": "met meets meeting",
    "buy": "bought buys buying acquire acquired acquires acquisition purchase purchased",
    "tell": "told tells telling",
    "say": "said says saying remark remarked remarks comment commented comments "
    "think thought thinks thinking",
    "start": "begin began begun begins beginning starts started",
    "end": "ends ending ended finale",
    "die": "died dies death dead",
    "song": "tune track",
    "child": "kid kids children",
    "married": "wed marry marries",
    "breakup": "breakups split splits dump dumps dumped",
    "stop": "halt halts halted stops stopped",
    "friend": "buddy buddies pal pals mate mates gang",
    "man": "guy guys dude dudes men",
    "woman": "women lady ladies",
    "hassle": "yell yells yelled shout shouts shouted scream screams",
    "cry": "tears tear weep crying cried cries",
    "cinematographer": "cameraman cinematography",
    "critic": "critics reviewer reviewers",
    "platform": "website app",
    "apartment": "flat",
    "old": "aged",
    "cold": "freezing chilly temperature temp temps",
    "based": "adapted adaptation adapt",
    "job": "career profession occupation",
    "meet again": "reunite reunites reunited reunion",
    "rich": "wealthy",
    "success": "succeed succeeds succeeded successful successfully",
    "relationship": "dating romance",
    "evict": "kick kicks kicked throw throws threw thrown expel expels expelled",
    "past": "flashback flashbacks",
    "language": "spoken tongue",
    "color": "colour colours colors colored coloured",
    "favorite": "favourite favourites favorites fave",
    "theater": "theatre theatres theaters cinemas",
    "restaurant": "diner eatery",
    "hotel": "motel inn",
    "flight": "plane airplane aeroplane",
    "subway": "metro underground",
    "blind": "blindness eyesight sight",
    "sell": "sold sells selling",
    "fight": "fought fights fighting",
    "find": "found finds finding",
    "feel": "felt feels feeling",
    "see": "saw seen sees seeing",
    "come": "came comes coming",
    "take": "took taken takes taking",
    "money": "cash dough bucks",
    "alcohol": "liquor booze alcoholic drunk",
    "drink": "drinks drinking drank",
    "leave": "leaves leaving left",
    "good": "nice great awesome excellent amazing decent",
    "sad": "depressed depressing unhappy upset upsetting funk gloomy",
    "lesson": "learn learned learnt learns taught teach teaches",
    "box office": "takings revenue revenues",
    "role": "roles character characters",
    "release": "publish published publishes publishing drop dropped drops dropping",
    "ambition": "ambitions dream dreams aspiration aspirations",
    "food": "eat eats ate eaten eating meal meals",
    "familiar": "predictable cliche cliched formulaic unoriginal generic",
    "lead": "main protagonist protagonists",
    "plot": "summary synopsis storyline",
    "outlet": "outlets publication publications site sites magazine newspaper",
    "inspect": "check checks checked checking",
    "small": "tiny little",
    "issue": "problem problems trouble troubles",
    "country": "countries territory territories region regions nation nations",
    # everyday words for what the pack says otherwise
    "story": "tale tales",
    "review": "blog",
    "reviewer": "blogger bloggers",
    "boyfriend": "flame flames fling flings",
    "naive": "clueless",
    "nostalgic": "wistful",
    "record": "milestone",
    "difficult": "hard harder hardest tough tougher toughest",
    "makeup": "makeover",
    "look": "seek seeking seeks hunting hunt hunts",
}
CHAT_SPELLINGS.update(
    {variant: word for word, variants in _SYNONYMS.items() for variant in variants.split()}
)
CHAT_SPELLINGS.update({"financially": "gross", "commercially": "gross"})
# Compound job words: a screenwriter is who wrote the script.
CHAT_SPELLINGS.update({"screenwriter": "script writer", "scriptwriter": "script writer"})

# Phrases read as one word (after the single words above are rewritten).
PHRASES: dict[tuple[str, ...], str] = {
    # the two main characters named together, as "they" names them: "where do the pair meet"
    ("the", "pair"): "they",
    ("the", "lovebirds"): "they",
    ("the", "2", "lovebirds"): "they",
    ("the", "exes"): "they",
    ("the", "2", "exes"): "they",
    ("up", "for"): "nominate",
    ("run", "into"): "meet",
    ("bump", "into"): "meet",
    ("break", "up"): "breakup",
    ("broke", "up"): "breakup",
    ("breaks", "up"): "breakup",
    ("breaking", "up"): "breakup",
    ("camera", "work"): "cinematographer",
    ("behind", "the", "camera"): "director",  # "who was behind the camera"
    ("known", "for"): "famous",
    # a critic "writes for" a publication
    ("writes", "for"): "outlet",
    ("write", "for"): "outlet",
    ("wrote", "for"): "outlet",
    ("works", "for"): "outlet",
    ("work", "for"): "outlet",
    ("worked", "for"): "outlet",
    ("director", "of", "photography"): "cinematographer",
    ("daughter", "in", "law"): "wife",
    ("son", "in", "law"): "husband",
    ("come", "out"): "release",
    ("came", "out"): "release",
    ("put", "out"): "release",
    ("put", "it", "out"): "release",
    # "hit <where films are shown>" is a release: "when did it hit netflix"
    ("hit", "netflix"): "release netflix",
    ("hit", "theaters"): "release theater",
    ("hit", "theatres"): "release theater",
    ("hit", "cinemas"): "release theater",
    ("hit", "screens"): "release theater",
    ("hit", "streaming"): "release streaming",
    ("come", "to", "netflix"): "release netflix",
    ("came", "to", "netflix"): "release netflix",
    ("grow", "apart"): "drift apart",
    ("grew", "apart"): "drift apart",
    ("growing", "apart"): "drift apart",
    ("beat", "up"): "fight",
    ("beaten", "up"): "fight",
    ("beats", "up"): "fight",
    # the running time: a common question the documents never answer
    ("minutes", "long"): "runtime",
    ("in", "minutes"): "runtime",
    ("how", "long", "is", "it"): "runtime",
    ("how", "long", "is", "the", "film"): "runtime",
    ("how", "long", "is", "this", "film"): "runtime",
    ("original", "story"): "short story",  # the film's source, as fans call it
    ("each", "other"): "",
    ("according", "to"): "",
    ("so", "down"): "sad",
    ("feel", "down"): "sad",
    ("feeling", "down"): "sad",  # "according to wynne": the name says whose claim
    ("pick", "up"): "buy",
    ("picked", "up"): "buy",
    ("cross", "paths"): "meet",
    ("become", "a", "couple"): "relationship start",
    ("became", "a", "couple"): "relationship start",
    ("get", "together"): "relationship start",
    ("got", "together"): "relationship start",
    ("for", "a", "living"): "job",
    # chat idioms for what a film earned: "did it make bank", "how much did it rake in"
    ("make", "bank"): "gross",
    ("made", "bank"): "gross",
    ("rake", "in"): "make",
    ("raked", "in"): "make",
    ("rakes", "in"): "make",
    ("money", "wise"): "gross",
    ("to", "date"): "so far",  # "views to date" asks no date
    ("do", "for", "money"): "make money",  # "what did they do for cash"
    # short of money: "when they were broke" (but "broke up" is a breakup)
    ("were", "broke"): "poor",
    ("was", "broke"): "poor",
    ("is", "broke"): "poor",
    ("are", "broke"): "poor",
    ("so", "broke"): "poor",
    ("being", "broke"): "poor",
    # "hold his liquor": how well someone takes a drink
    ("hold", "his", "alcohol"): "drink alcohol",
    ("hold", "her", "alcohol"): "drink alcohol",
    ("hold", "their", "alcohol"): "drink alcohol",
    ("hold", "alcohol"): "drink alcohol",
    # leaving a partner: "when she walks out on him"
    ("walk", "out", "on"): "leave",
    ("walks", "out", "on"): "leave",
    ("walked", "out", "on"): "leave",
    ("walking", "out", "on"): "leave",
    # how a critic summed a film up is what they said of it
    ("sum", "up"): "say",
    ("sums", "up"): "say",
    ("summed", "up"): "say",
    ("sum", "it", "up"): "say",
    ("sums", "it", "up"): "say",
    ("summed", "it", "up"): "say",
    ("pick", "it", "up"): "buy",
    ("picked", "it", "up"): "buy",
    ("his", "old", "man"): "his father",  # slang for a father
    ("her", "old", "man"): "her father",
    ("old", "man"): "old father",
    ("rough", "up"): "fight",
    ("roughed", "up"): "fight",
    ("settle", "down"): "married",
    ("settled", "down"): "married",
    ("settling", "down"): "married",
    ("on", "her", "own"): "single",
    ("on", "his", "own"): "single",
    ("on", "their", "own"): "single",
    ("see", "eye", "to", "eye"): "connect",
    ("on", "paper"): "write",  # "put it down on paper"
    ("pull", "in"): "make",
    ("pulled", "in"): "make",
    ("pulls", "in"): "make",
    ("snap", "up"): "buy",
    ("snapped", "up"): "buy",
    ("snapped", "it", "up"): "buy",
    ("evict", "off"): "start",  # "kick off" (kick is read as evict)
    ("stick", "it", "out"): "stay together",
    ("stick", "around"): "stay",
    ("sticks", "around"): "stay",
    ("busy", "with"): "doing",
    ("health", "issue"): "illness",
    ("paid", "off"): "worth",
    ("pay", "off"): "worth",
    ("pays", "off"): "worth",
    ("run", "of", "the", "mill"): "familiar",
    ("couple", "of"): "2",  # "a couple of weekends"
    ("blog", "post"): "review",
    ("old", "age", "rate"): "certificate",  # "age rating" (age and rating respelled)
    ("star", "sign"): "zodiac",  # "star" alone is read as the cast
    ("stars", "sign"): "zodiac",
    ("pine", "for"): "love",
    ("pining", "for"): "love",
    # "the two of them", "both of them": the couple, as "they"
    ("the", "2", "of", "them"): "they",
    ("2", "of", "them"): "they",
    ("both", "of", "them"): "they",
    ("home", "town"): "hometown",
    ("take", "place"): "happen",
    ("took", "place"): "happen",
    ("takes", "place"): "happen",
    # "film" after a subject is the verb: "where did they film it" = "where did they shoot it"
    ("they", "film"): "they shoot",
    ("we", "film"): "we shoot",
    ("you", "film"): "you shoot",
    ("to", "film"): "to shoot",
}
# Everyday slang and idioms ("gal", "nippy", "call it quits"): the entries above win a tie.
for _word, _plain in match_lexicon.spellings().items():
    CHAT_SPELLINGS.setdefault(_word, _plain)
for _phrase, _plain in match_lexicon.PHRASES.items():
    PHRASES.setdefault(_phrase, _plain)
_MAX_PHRASE = max(len(p) for p in PHRASES)
_PHRASE_STARTS = frozenset(p[0] for p in PHRASES)  # other words start no phrase
_PHRASE_HEADS = frozenset(p[:2] for p in PHRASES)  # nor other pairs of words


def _wordlist(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that carry no meaning for telling facts apart (question words were read as the intent,
# and the title words are one film entity by then).
STOP_WORDS: frozenset[str] = _wordlist(
    """
    a an the is are was were be been being am of in on at to for by with from into onto
    and or us them much many
    do does did done doing this that these those there here it its it's as but so if then
    than too very just also any some such what which how who when where why whom
    i me my mine we our you your yours u ur he him his she her hers they their theirs
    can could would should will shall may might must
    know please pls plz hey hi hello bot question answer
    thanks thank thx ty cheers ok okay cool lol haha hmm yeah yep yes no nope help up
    thing things stuff really actually exactly truly honestly genuinely literally basically
    get got has have had having give gives gave giving go goes going went gone
    one ones
    """
    # words that hedge, stress or fill in chat without naming anything a fact could say
    """
    all both each either neither other others own same only ever even already
    kinda sorta lot lots bunch pretty quite rather somewhat super totally definitely
    anyway anyways maybe perhaps probably gonna wanna gotta nah ugh omg lmao tho bc cuz coz
    irl tbh ngl idk imo imho iirc fyi btw smth sth someone somebody something anything
    everything nothing anyone anybody everyone everybody whole sure guess wonder wondering
    curious tho though whatever ya yall y guys folks
    hiii hii heyy heyyy generally mostly simply while whilst through throughout upon via
    """
    # words that frame a formal question ("in what way", "which elements", "what aspect of"):
    # the thing asked about is named by the rest
    """
    way ways aspect aspects element elements particular specifically precisely
    """
)

# Words that open a yes/no question: "do they walk home", "is jianqing married".
AUXILIARIES: frozenset[str] = _wordlist(
    "do does did is are was were can could will would has have had should"
)

# Words that talk to the bot rather than ask about the film: "thanks bot", "ur the best".
CHAT_WORDS: frozenset[str] = _wordlist(
    "thanks thank thx ty hi hello hey bot you your yours ur u lol haha cheers"
)
# Openings that ask the bot itself: "what's your favourite movie", "do you like it".
_ADDRESSED: tuple[tuple[str, ...], ...] = (
    ("what", "your"),  # "whats your ..." once the spelling is read
    ("what", "is", "your"),
    ("what", "are", "your"),
    ("which", "is", "your"),
    ("do", "you", "like"),
    ("do", "you", "love"),
    ("do", "you", "think"),
    ("did", "you", "like"),
    ("are", "you"),
    ("who", "are", "you"),
    ("how", "are", "you"),
    # asking the people in the channel, or for a recommendation: no document answers that
    ("what", "everyone"),
    ("what", "is", "everyone"),
    ("what", "are", "everyone"),
    ("what", "yall"),
    ("which", "everyone"),
    ("recommend",),
    ("suggest",),
    ("can", "you", "recommend"),
    ("can", "someone", "recommend"),
    ("can", "anyone", "recommend"),
    # advice for the asker: "what should i watch next", "should i watch it"
    ("what", "should", "i"),
    ("which", "should", "i"),
    ("should", "i"),
)


def chat(words: list[str]) -> str | None:
    """ "addressed" for a question to the bot itself, "social" for chat words, else None."""
    for opening in _ADDRESSED:
        if tuple(words[: len(opening)]) == opening:
            return "addressed"
    return "social" if any(w in CHAT_WORDS for w in words) else None


# People named without their names: a question with one may leave out a phrasing's names.
PRONOUNS: frozenset[str] = _wordlist("he him his she her hers they them their theirs")

# Relations that make "<name> <word>" another person: "xiaoxiao father", "jianqing wife".
KIN_WORDS: frozenset[str] = _wordlist(
    """
    father mother parent parents brother brothers sister sisters son sons daughter daughters
    child wife husband boyfriend boyfriends girlfriend girlfriends family friend friends
    grandfather grandmother uncle aunt cousin
    """
)

# Words that only say "a question about the film" and would match everything.
FILLER_WORDS: frozenset[str] = frozenset({"film", "films"})

_INTENT_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("how", "much"), MONEY),
    (("how", "many"), COUNT),
    (("how", "old"), AGE),
    (("how", "often"), COUNT),
    (("what", "year"), WHEN),
    (("which", "year"), WHEN),
    (("what", "date"), WHEN),
    (("which", "date"), WHEN),
    (("what", "day"), WHEN),
    (("which", "day"), WHEN),
    (("what", "month"), WHEN),
    (("what", "time"), WHEN),
    (("what", "season"), WHEN),
    (("which", "season"), WHEN),
    (("what", "city"), WHERE),
    (("which", "city"), WHERE),
    (("what", "place"), WHERE),
    (("which", "place"), WHERE),
    (("what", "location"), WHERE),
    (("what", "country"), WHERE),
    (("which", "country"), WHERE),
    (("what", "town"), WHERE),
    (("which", "town"), WHERE),
    (("number", "of"), COUNT),
    (("which", "company"), WHO),
    (("what", "company"), WHO),
    (("which", "studio"), WHO),
    (("which", "website"), WHO),
    (("what", "website"), WHO),
    (("which", "site"), WHO),
    (("which", "platform"), WHO),
    (("what", "platform"), WHO),
    (("which", "publisher"), WHO),
    (("which", "outlet"), WHO),
    (("what", "outlet"), WHO),
    (("which", "publication"), WHO),
    (("which", "actor"), WHO),
    (("what", "actor"), WHO),
    (("which", "actress"), WHO),
    (("what", "actress"), WHO),
    (("which", "critic"), WHO),
    (("what", "song"), NAME),
    (("which", "song"), NAME),
    (("what", "award"), NAME),
    (("which", "award"), NAME),
)
# The same as a lookup: (word, next word) -> the first intent listed for that pair.
_INTENT_PAIRS: dict[tuple[str, ...], str] = {}
for _phrase, _name in _INTENT_PHRASES:
    _INTENT_PAIRS.setdefault(_phrase[:2], _name)
_PAIR_STARTS = frozenset(pair[0] for pair in _INTENT_PAIRS if len(pair) == 2)
# Nouns that restate a question's intent ("which city" = where, "what year" = when): a fact
# that answers the intent need not repeat them.
SOFT_WORDS: frozenset[str] = _wordlist(
    "year date day month season time city place location country town number company studio "
    "reason reasons cause caused explain explanation happen often website site platform "
    "publisher outlet publication"
)

_INTENT_WORDS: dict[str, str] = {
    "age": AGE,
    "who": WHO,
    "when": WHEN,
    "where": WHERE,
    "why": WHY,
    # a cause asked without "why": "what caused the refunds", "reason for the breakup"
    "reason": WHY,
    "reasons": WHY,
    "cause": WHY,
    "caused": WHY,
    "explain": WHY,
    "explanation": WHY,
}

# The intent a fact's answer kind answers, so facts phrased without a question word still have one.
KIND_INTENTS: dict[str, frozenset[str]] = {
    "person": frozenset({WHO, NAME}),
    "character": frozenset({WHO, NAME}),
    "organisation": frozenset({WHO, NAME}),
    "title": frozenset({NAME}),
    "award": frozenset({NAME}),
    "date": frozenset({WHEN}),
    "year": frozenset({WHEN}),
    "place": frozenset({WHERE, NAME}),
    "money": frozenset({MONEY}),
    "number": frozenset({COUNT}),
}
# Words that ask what a named person does: "mark lee ping bing job", "zhang yibai role".
ROLE_WORDS: frozenset[str] = _wordlist("job role credit")

NAME_WORDS = frozenset({"name", "named", "called", "titled", "title"})

# Nouns that stand for a person of the crew or cast: "did the director win an award" is about
# her, "did it win an award" about the film.
PERSON_NOUNS: frozenset[str] = _wordlist(
    "director actor actress star cinematographer composer singer writer producer lead"
)
# Words that name the other side of one thing: a fact about the critics' score does not answer
# the audience's, a father is not a mother, an opening weekend is not an opening day.
_OPPOSITE_PAIRS = (
    ("audience", "critic"),
    ("user", "critic"),
    ("viewer", "critic"),
    ("fan", "critic"),
    ("day", "weekend"),
    ("mother", "father"),
    ("son", "daughter"),
    ("brother", "sister"),
    ("husband", "wife"),
)


def _opposites() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for a, b in _OPPOSITE_PAIRS:
        out.setdefault(stem(a), set()).add(stem(b))
        out.setdefault(stem(b), set()).add(stem(a))
    return {k: frozenset(v) for k, v in out.items()}


# Things, not people: "the name of the game jianqing makes", "the title of the book" is not
# answered by a fact naming a person, a character or a company.
THING_NOUNS: frozenset[str] = _wordlist("game book song album track hotel restaurant app novel")


# Words before "play" in a question that asks who plays a part: "who plays the dad", "which
# actor played her father" (not "who does zhou dongyu play": a name comes first there).
_CAST_LEAD = _wordlist("who whos which what actor actress is was the that")


# "of" that does not say whose thing is asked: "kind of sad", "one of the leads", "out of"
_LOOSE_OF = _wordlist(
    "kind sort out because instead one some any all most each both none lot lots couple bit "
    "part top end front full made think thought speaking"
)
_OWNER_STOPS = _wordlist("in on at and or who that which when where while is was are were")


def owner(words: list[str]) -> list[str]:
    """The words naming whose thing a question asks about, after its last "of": "the douban
    score of dying to survive", "the meaning of life" (a fact lacking them answers another's)."""
    for i in range(len(words) - 2, 0, -1):
        if words[i] == "of" and words[i - 1] not in _LOOSE_OF and words[i - 1] not in STOP_WORDS:
            out = []
            for word in words[i + 1 : i + 7]:  # a title may be long: "home for chinese new year"
                if word in _OWNER_STOPS:
                    break
                out.append(word)
            return out
    return []


# Words after "what"/"which" that do not name the kind of thing asked: "what kind of film",
# "what else", "which one".
_NOT_KIND = _wordlist(
    "kind kinds sort sorts type types else exactly other one ones happen happens make makes "
    "mean means say says cause causes come comes go goes take takes keep keeps"
)
_WHICH = _wordlist("what which whats")


def which_kinds(words: list[str]) -> list[str]:
    """The kinds of thing whose identity is asked: "what hotel do they stay in" (hotel),
    "which studio sued" (studio), "name of the airport hotel" (airport, hotel). A fact saying
    only "a hotel room" or "a rival studio" mentions one without saying which."""
    out: list[str] = []
    for i, word in enumerate(words[:-1]):
        nxt = words[i + 1]
        verb = nxt in _NOT_KIND or nxt.endswith(("ed", "ing"))  # "what happened", not a kind
        if word in _WHICH and not verb and nxt not in STOP_WORDS:
            out.append(nxt)
        elif word == "of" and i > 0 and words[i - 1] in NAME_WORDS:
            out.extend(w for w in words[i + 1 : i + 4] if w not in STOP_WORDS)
    return out


# Other works than this film: "what other movies has she been in", "which films has he directed"
_OTHER = _wordlist("other else another previous earlier more")
_WORKS = _wordlist(
    "movie movies film films picture pictures flick flicks track tracks song songs album "
    "albums role roles work works project projects show shows original originals"
)
_PLURAL_WORKS = _wordlist("movies films pictures flicks tracks songs albums roles projects shows")


_AWARD_WORDS = _wordlist("award awards")


def _names_work(words: list[str]) -> bool:
    """Whether ``words`` name a work ("other movies"), not an event ("other awards show")."""
    return any(
        w in _WORKS and not (i and words[i - 1] in _AWARD_WORDS) for i, w in enumerate(words)
    )


def other_works(words: list[str]) -> bool:
    """Whether the question asks about works other than this film ("what else has zhou
    dongyu been in", "which films has the producer directed"): the pack is about one film."""
    for i, word in enumerate(words):
        after = words[i + 1 : i + 3]
        if word in _OTHER and (
            _names_work(after) or (word == "else" and after[:1] in (["has"], ["have"], ["did"]))
        ):
            return True
        # "which movies has she been in"; "which film has he directed" (a career, not
        # "which film did she direct")
        career = after[:1] and (
            after[0] in _PLURAL_WORKS or (after[0] in _WORKS and after[1:] in (["has"], ["have"]))
        )
        if word in _WHICH and career and "this" not in words:
            return True
    return False


# A credit's verbs: "has jing boran directed anything", "what did rene liu direct" (not
# "write": a critic writes for an outlet, "where does john berra write")
_CREDIT_VERBS = _wordlist(
    "direct directs directed directing compose composes composed produce produces produced "
    "shoot shoots shot edit edits edited"
)
_ADVERBS = _wordlist("ever also really actually even never")
# "did rene liu direct it": the film's credit; "what did she write on weibo": no credit
_NOT_CREDIT = _wordlist("it this that the in on about to for with of")


def credited_at(words: list[str], end: int) -> str:
    """Whether the person named up to ``end`` is the subject of a credit's verb whose object
    is asked, not this film ("has jing boran directed anything", "what did rene liu direct"):
    the verb's stem, or ""."""
    rest = [w for w in words[end : end + 3] if w not in _ADVERBS]
    if rest and rest[0] in _CREDIT_VERBS and rest[1:2] not in ([w] for w in _NOT_CREDIT):
        return stem(rest[0])
    return ""


# "what movie did she win it for", "which film was that": the title of a work is asked
FILM_NOUNS = _wordlist("movie film picture flick")
_TITLED_WORKS = FILM_NOUNS | _wordlist("book novel song")


def asks_work(words: list[str]) -> str:
    """The noun of the work (a film, a book, a song) the question asks which one is meant,
    or "": "what movie did she win her awards for", "which film was that". Not when the noun is
    part of another ("which film festival") or when other works are asked (``other_works``)."""
    for i, word in enumerate(words[:-1]):
        after = words[i + 2 : i + 3]
        if (
            word in _WHICH
            and words[i + 1] in _TITLED_WORKS
            and (not after or after[0] in STOP_WORDS or after[0] in AUXILIARIES)
        ):
            return words[i + 1]
    return ""


_WIN_WORDS = _wordlist("win wins won winner winners winning")
_ANY = _wordlist("any anything")


def asks_win(words: list[str]) -> bool:
    """Whether the question asks if a named prize was won ("did he win the golden horse",
    "best film winner"); "did he win any award" asks for any recognition at all."""
    return not _WIN_WORDS.isdisjoint(words) and _ANY.isdisjoint(words)


# Nouns that ask for a date in a question without a question word: "taiwan release date".
_DATE_NOUNS = _wordlist("date dates year years")


def noun_intent(words: list[str]) -> str | None:
    """The intent of a question said as a noun phrase: "taiwan release date", "year of the
    present day scenes" ask when. Not a verb ("who does xiaoxiao date") nor a length of time
    ("how long did it take to shoot 10 years of story")."""
    if not words or "how" in words or not _VERB_AUXILIARIES.isdisjoint(words):
        return None
    for i, word in enumerate(words):
        at_end = i == len(words) - 1 or words[i + 1] == "of"
        # "10 years" is a length, "to date" means so far
        counted = i > 0 and (any(ch.isdigit() for ch in words[i - 1]) or words[i - 1] == "to")
        if word in _DATE_NOUNS and at_end and not counted:
            return WHEN
    return None


# "how did his dad die", "what did she die of", "cause of death": a cause is asked.
_DEATH = _wordlist("die dies died dying death")


def cause_intent(words: list[str]) -> str | None:
    """WHY for a question asking how or of what someone died; None otherwise."""
    if _DEATH.isdisjoint(words):
        return None
    at = next(i for i, w in enumerate(words) if w in _DEATH)
    after = words[at + 1 : at + 2]
    if "how" in words[:at] or after in (["of"], ["from"]) or "cause" in words:
        return WHY
    return None


# Forms of "do" as the main verb: "what did the five of them do on the train" asks for an
# activity, which no number, date or sum answers ("what do they do for money").
_DO = _wordlist("do does did doing done")
_AFTER_DO = _wordlist(
    "on in at for with after before to that when while about during together now then next "
    "there here afterwards all day"
)


def asks_action(words: list[str]) -> bool:
    """ "what do they do on the train", "what does jianqing do": an activity is asked."""
    if "what" not in words:
        return False
    start = words.index("what")
    doing = [i for i in range(start + 1, len(words)) if words[i] in _DO]
    if not doing:
        return False
    last = doing[-1]
    if words[-2:] == ["make", "money"]:
        return True  # "what do they do for money", respelled "what do they make money"
    return last == len(words) - 1 or words[last + 1] in _AFTER_DO


# "what did the critic think", "what was her opinion": a view is asked, which no name, place
# or date is (a review's channel answers no "what did the netflix reviewer think"). Read after
# spelling, where "think" and "opinion" are "say": what someone said is no name either.
_VIEWS = _wordlist("say says said think thinks thought opinion verdict thoughts impression")
_OF_VIEW = _wordlist("of about on")


def asks_opinion(words: list[str]) -> bool:
    """ "what did the netflix reviewer think", "what was her opinion of it": a view is asked
    (not "what channel does the review say", "what did it say about where to watch it")."""
    if "what" not in words:
        return False
    start = words.index("what")
    if words[start + 1 : start + 2] == [] or words[start + 1] not in AUXILIARIES:
        return False
    for i in range(start + 2, len(words)):
        if words[i] in _VIEWS:
            after = words[i + 1 :]
            return (not after or after[0] in _OF_VIEW) and _QUESTION_WORDS.isdisjoint(after)
    return False


# Auxiliaries that need a verb after them: "date" in "who does she date" is that verb.
_VERB_AUXILIARIES = _wordlist("do does did will would can could should")


# "how many views does it have now", "by now in total": the figure today, or all told.
_CURRENT = _wordlist("now currently today nowadays total overall altogether")
_CURRENT_PAIRS = frozenset({("so", "far"), ("to", "date"), ("these", "days"), ("all", "time")})


def asks_current(words: list[str]) -> bool:
    """Whether the question asks for a figure now or in all ("so far", "in total"): a figure
    the documents give for a span ("2 million views in just two hours") does not answer it."""
    return not _CURRENT.isdisjoint(words) or any(
        pair in _CURRENT_PAIRS for pair in itertools.pairwise(words)
    )


# A figure given for a span of time: "in just two hours", "over its first two weekends".
_SPAN = re.compile(
    r"\b(?:in|over|within) (?:just |only )?(?:its |the )?(?:first |opening )?"
    r"(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few) )?"
    r"(?:hours?|days?|weeks?|weekends?|months?)\b"
)


@functools.lru_cache(maxsize=8192)
def spans_time(text: str) -> bool:
    """Whether a fact's text gives its figure for a span of time, not as it stands now."""
    return _SPAN.search(text.lower()) is not None


# "ticket inspector actor": a noun phrase naming a part, then the word for who plays it.
_PLAYER_WORDS = _wordlist("actor actress")


def names_actor(words: list[str]) -> bool:
    """ "who plays jianqing's wife", "ticket inspector actor": an actor is asked, not the
    character."""
    return asks_actor(words) or (len(words) > 1 and words[-1] in _PLAYER_WORDS)


def asks_actor(words: list[str]) -> bool:
    """ "who plays jianqing's wife": the answer is an actor, not the character."""
    if "play" not in words:
        return False
    at = words.index("play")
    return 0 < at < len(words) - 1 and all(w in _CAST_LEAD for w in words[:at])


# the chat spellings that stand for other than one word ("hk" -> "hong kong"), by the size of
# the table they were read from (it is filled in several places of this module)
_SPACED: dict[int, frozenset[str]] = {}


def _spaced_spellings() -> frozenset[str]:
    """The chat spellings that stand for other than one word: the rest respell a word for a
    word, with no join and split of the text."""
    found = _SPACED.get(len(CHAT_SPELLINGS))
    if found is None:
        found = frozenset(k for k, v in CHAT_SPELLINGS.items() if v.split() != [v])
        _SPACED.clear()
        _SPACED[len(CHAT_SPELLINGS)] = found
    return found


def spell(words: list[str], *, split: bool = False) -> list[str]:
    """Rewrite chat spellings, synonyms and phrases ("whos", "dad", "broke up") as the pack's.

    ``split``: the words come from ``str.split`` (none empty, no space in one), so that need
    not be checked (the index build reads every text of the pack)."""
    plain = split or " ".join(words).split() == words  # no word empty or with a space
    if plain and CHAT_SPELLINGS.keys().isdisjoint(words):
        words = list(words)  # nothing to respell (the common case, without a split per word)
    elif split and _spaced_spellings().isdisjoint(words):
        # a word for a word (the build's reads: the rest keep a string of their own per word,
        # as the alias table's keys, which the index cache saves, always had)
        words = list(map(CHAT_SPELLINGS.get, words, words))
    else:  # each word, or what it stands for, split into words (one split, not one per word)
        words = " ".join(map(CHAT_SPELLINGS.get, words, words)).split()
    out: list[str] = []
    i = 0  # the words before this one are read
    count = len(words)
    # only the pairs of words that may start a phrase or a relative clause need a look (picked
    # out without a Python loop: the index build reads every text of the pack)
    pairs = map(_SPELL_PAIRS.__contains__, itertools.pairwise(words))
    for at in itertools.compress(range(count), pairs):
        if at < i:
            continue  # inside a phrase read already
        out += words[i:at]
        word = words[at]
        i = at + 1
        if i < count and (word, words[i]) in _PHRASE_HEADS:
            for n in range(min(_MAX_PHRASE, count - at), 1, -1):
                phrase = PHRASES.get(tuple(words[at : at + n]))
                if phrase is not None:
                    out.extend(phrase.split())
                    i = at + n
                    break
            else:
                phrase = None
            if phrase is not None:
                continue
        # "the guy who shot it" asks who shot it: the head of a relative clause says no more
        if word in _RELATIVE_HEADS and i < count and words[i] in _RELATIVE_WORDS:
            continue
        out.append(word)
    out += words[i:]
    return out


# People described by a relative clause: "the guy who shot it", "the lady that made it".
_RELATIVE_HEADS = frozenset({"man", "woman", "person", "people", "one", "ones", "someone"})
_RELATIVE_WORDS = frozenset({"who", "that"})
_SPELL_PAIRS = _PHRASE_HEADS | {(h, w) for h in _RELATIVE_HEADS for w in _RELATIVE_WORDS}


def intent(words: list[str]) -> str | None:
    """The strongest intent in a question: "how much" -> money, "what year" -> when, ..."""
    # (each scan only when a word it looks for is there: the index build reads every text)
    if not _PAIR_STARTS.isdisjoint(words):
        for at, pair in enumerate(itertools.pairwise(words)):
            name = _INTENT_PAIRS.get(pair)
            if name == MONEY and words[at + 2 : at + 3] and words[at + 2] in _SPANS:
                return COUNT  # "how much time passes": as "how many years"
            if name == MONEY and not _asks_money(words[at + 2 :]):
                return DEGREE  # "how much his father knew"
            if name is not None:
                return name
    if not _INTENT_WORDS.keys().isdisjoint(words):
        for at, word in enumerate(words):
            if word in _INTENT_WORDS and not relative(words, at):
                return _INTENT_WORDS[word]
    if not NAME_WORDS.isdisjoint(words):
        return NAME
    return None


# A question opening with one of these asks yes or no ("did the guy who plays him say ...").
_YES_NO_OPENERS = _wordlist("did does do is was are were can could would will has have had should")
# "does anyone know who directed it", "can you tell me who": the question asked inside one
# (verbs that take a question as their object: "did they ever reveal who the father is")
_ASKS_ABOUT = _wordlist(
    "know knows knew remember recall wonder wondering tell idea sure forgot forget curious ask "
    "asking guess say says said mention mentions mentioned explain explains figure find me us "
    "known wondered told tells asked explained reveal reveals revealed show shows showed shown "
    "learn learned learnt discover discovered confirm confirmed decide decided understand "
    "understood see saw hear heard notice noticed clarify clarified specify specified"
)


def relative(words: list[str], at: int) -> bool:
    """Whether "who" at ``at`` opens a relative clause inside a yes/no question ("did the
    guy who plays jianqing say ...", "is it safe for someone who hasn't seen it"): the
    question does not ask who. ("when" and "where" clauses are left alone: read as yes/no
    questions, "did they cry when the dad wrote the letter" found facts not saying so.)"""
    return (
        at > 1
        and words[at] == "who"
        and words[0] in _YES_NO_OPENERS
        and words[at - 1] not in _ASKS_ABOUT
    )


# "how much time passes" asks for a span; "how much he knew" a degree: neither is a sum.
_SPANS = _wordlist("time longer later earlier older")
_SOMEONE = _wordlist("he she they his her their")
_SUM_WORDS = _wordlist("make pay spend cost gross money budget sell buy worth box office")


# What says how far, in an answer to "how much he knew": "a lot", "little", "nothing"
_DEGREE_WORDS = _wordlist("lot lots much little nothing everything barely hardly")


def answers_degree(words: list[str]) -> bool:
    """Whether a fact's answer says how far ("that his father doesn't know a lot of things"),
    which a question asking "how much he knew" wants, rather than a name or an event."""
    return not _DEGREE_WORDS.isdisjoint(words)


def _asks_money(after: list[str]) -> bool:
    """Whether "how much" followed by ``after`` asks for a sum ("how much did it make", "how
    much they paid"), not a degree ("how much his father knew")."""
    return not (after[:1] and after[0] in _SOMEONE) or not _SUM_WORDS.isdisjoint(after)


# Endings of words that say how or in what way ("quietly", "trudging", "wistful", "clueless",
# "roughed"): a word no fact has weighs less with one of them than a name or a thing would
# ("titanic", "imdb", "budget", "sequel"), which is what tells another film from this one.
_DESCRIBING = ("ly", "ing", "ed", "ful", "less", "ish")


def describes(word: str) -> bool:
    return len(word) > 5 and word.isalpha() and word.endswith(_DESCRIBING)


def stem(word: str) -> str:
    """The Snowball (Porter2) English stem; numbers and short words are left alone."""
    if len(word) <= 3 or not word.isalpha():
        return word
    return _stem(word)


_SNOWBALL = english_stemmer()


# Porter2 keeps the doer apart from the deed (director/directed); a question rarely does.
_AGENT_SUFFIXES = ("or", "er")
# Words Porter2 folds into another meaning: an edition of the awards is not its editing.
_KEEP = frozenset({"edition", "editions"})
# Words read as kept apart (descriptions tell "the lead actress" from "the lead actor") but
# matched as one: "which actress won" is answered by a fact worded with "actor".
_SAME_STEM = {"actress": "actor", "actresses": "actor"}


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    if word in _KEEP:
        return word.rstrip("s")
    word = _SAME_STEM.get(word, word)
    stemmed = _SNOWBALL.stemWord(word)
    if len(stemmed) >= 5 and stemmed.endswith(_AGENT_SUFFIXES):
        return stemmed[:-2]
    return stemmed


# ------------------------------------------------- chat around a question (more in chat_words)
# Words with which people tell of their own viewing around a question ("just finished it and
# i'm a wreck", "watched it with my gf last night"): never what the question is about.
VIEWER_WORDS = _wordlist(
    """
    finished finish watched watching watch saw seen rewatched rewatching binged started
    finally last night yesterday today tonight week weekend ago earlier rn now
    wreck wrecked mess destroyed crying cried sobbing bawling ugly loved love liked enjoyed hated
    obsessed dying dead omg gf bf girlfriend boyfriend friend friends roommate wife husband
    good great amazing awesome beautiful cute sad wow insane wild crazy lowkey highkey
    """
)
# "i loved titanic": what directly follows these in a sentence about the asker is what they
# watched, so a name even when it is also an English word
WATCHED_VERBS = _wordlist(
    "finished watched watching watch saw seen rewatched rewatching binged loved love liked enjoyed"
    " hated"
)
# "the pacing was unreal": what follows tells how the asker found the thing, not what it is
COPULAS = _wordlist("is are was were looked looks seemed seems felt feels")


# Words that start a sentence that asks.
_QUESTION_WORDS = _wordlist("who what when where why how which whose whom")
QUESTION_WORDS = _QUESTION_WORDS  # what a sentence asking for a detail starts with


def asks(words: list[str]) -> bool:
    """Whether a sentence (chat set aside) reads as a question: a question word or an
    auxiliary first ("who shot it", "is it on netflix")."""
    return bool(words) and (words[0] in _QUESTION_WORDS or words[0] in AUXILIARIES)


OPPOSITES: dict[str, frozenset[str]] = _opposites()  # stem -> the stems of its other sides


# ------------------------------------------------- every form of a verb the spellings list
def _forms(base: str) -> set[str]:
    """Regular inflections of ``base`` (some are no words: they are never met, so harmless)."""
    forms = {base + "s", base + "es", base + "ed", base + "d", base + "ing"}
    if base.endswith("e"):
        forms |= {base[:-1] + "ing", base[:-1] + "ed"}
    if base.endswith("y"):
        forms |= {base[:-1] + "ies", base[:-1] + "ied"}
    if len(base) > 2 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou":
        forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}  # "shopped", "shopping"
    return forms


def _complete_paradigms() -> dict[str, str]:
    """The forms a listed verb lacks, read as it is: the spellings list "portray portrays
    portrayed" as play, so "portraying" is play too. Only for words listed with a past or -ing
    form of their own (a verb, not "clip clips", whose "clipped" is no video); never a word a
    phrase or the stop words need as it is, nor one two listed words would claim."""
    groups: dict[tuple[str, str], list[str]] = {}
    for word, plain in CHAT_SPELLINGS.items():
        if word.isalpha() and len(word) > 3:
            groups.setdefault((stem(word), plain), []).append(word)
    in_phrases = {w for phrase in PHRASES for w in phrase}
    found: dict[str, str | None] = {}
    for (root, plain), words in groups.items():
        base = min(words, key=len)
        if not any(w != base and w.endswith(("ed", "ing")) for w in words):
            continue
        for form in _forms(base):
            if form in CHAT_SPELLINGS or form in in_phrases or form in STOP_WORDS:
                continue
            if stem(form) == root:
                found[form] = plain if found.get(form, plain) == plain else None
    return {form: plain for form, plain in found.items() if plain is not None}


CHAT_SPELLINGS.update(_complete_paradigms())

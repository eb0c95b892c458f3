"""The words and patterns of chat English around a question: greetings, openers, hedges,
closers, asides about the asker. ``bot.core.message`` reads a message with them.

Language knowledge only: none of it names anything in a film. Every function takes words
already passed through ``bot.core.text.normalize``.
"""

from __future__ import annotations

import re

from bot.core import english
from bot.core.match_vocab import AUXILIARIES


def wordlist(text: str) -> frozenset[str]:
    """The words of ``text`` as a set: how the word lists here and in ``message`` are written."""
    return frozenset(text.split())


_wordlist = wordlist
# Words that open a phrase naming a thing: "the end", "those guys", "his dad"
DETERMINERS = wordlist("the a an this that these those his her their its")


# What people write around a question in a chat server: greetings, hedges, asking someone else
# to tell them, thanks and laughter. ``strip_chat`` sets it aside at both ends of a sentence.

# "hiii", "heyyy", "hellooo", "yooo": greetings typed long
_ELONGATED_GREETING = re.compile(r"h+i+|h+e+y+|h+e+l+o+|y+o+|s+u+p+|h+o+w+d+y+")
_GREETINGS = _wordlist("hey hi hello hiya heya howdy yo sup hola greetings morning evening gm")
_ADDRESSEES = _wordlist(
    "all everyone everybody guys gals folks yall people peeps fam friends team there chat gang "
    "lads frens bot"
)
# Words that open a sentence without asking anything ("ok so", "random q but", "sorry").
_OPENERS = _wordlist(
    """
    ok okay k kk so alright right well um uh umm erm hmm hm lol lmao lmfao haha hah omg oh ooh
    wait also and but btw anyway anyways tbh ngl honestly fr yeah yea welp ah idk like
    random quick question questions q qq genuine genuinely serious seriously truly dumb stupid
    silly noob real just curious
    legit honest deep simple easy tricky strange bro bruh dude sis bestie mate fam tldr
    basically
    imo imho tbf fwiw lowkey highkey personally
    sorry weird odd ones hello hi hey pls please plz thanks thx ty bot
    srsly ik ikr ofc istg ong deadass jk nvm yk afaik oof yikes whoa wow aww omfg wtf dang damn
    """
)
# Words that close a sentence without asking anything ("... again lol", "thanks in advance").
_CLOSERS = _wordlist(
    """
    lol lmao lmfao haha hah xd thanks thank thx ty tia pls please plz iirc tho though btw anyone
    anybody guys yall folks everyone bot ok okay lmk cheers fr ngl tbh rn tho
    or right imo imho tbf fwiw ig lowkey
    srs gen genq lh nm rq pos neg nbh
    srsly ikr jk yk istg ong af asf frfr tysm smh
    """
)
# Thanks and praise for the bot: "thanks bot ur the best"
_PRAISE = (
    "thank you",
    "thank u",
    "ur the best",
    "youre the best",
    "you are the best",
    "u are the best",
    "you rock",
    "u rock",
    "love you",
    "love u",
)
# The asker's own view or where they have it from, around a question that asks as it would
# without it: "in my opinion is it sad", "for what it's worth, who directed it", "from what i've
# heard who directed it" (never the question: "for what it worth" is no "for what ...?")
HEDGES = (
    "in my opinion",
    "in my honest opinion",
    "in my humble opinion",
    "in my view",
    "if you ask me",
    "to be honest",
    "for what it worth",
    "for what it is worth",
    *(
        f"from what {who} {verb}"
        for who in ("i", "ive", "id")
        for verb in ("heard", "read", "seen", "saw", "remember", "recall", "know", "understand")
    ),
)
_CLOSING_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in (
        "in advance",
        "if anyone knows",
        "if anybody knows",
        "if someone knows",
        "if you know",
        "if u know",
        "if that makes sense",
        "and i didnt know",
        "and i dont know",
        "and i couldnt answer",
        "and i had no idea",
        "and idk",
        "and i forgot",
        "but i forgot",
        "or something",
        "spoilers ok",
        "spoilers are ok",
        "spoilers are fine",
        "spoilers fine",
        "spoilers welcome",
        "spoilers allowed",
        "no spoilers pls",
        "no spoilers please",
        "or smth",
        "or sth",
        "or whatever",
        *_PRAISE,
        "or what",
        "or nah",
        "or not",
        "or no",
        "or am i wrong",
        "or am i misremembering",
        "or is it just me",
        "am i right",
        "i think",
        "i guess",
        "i believe",
        "i wonder",
        "i forget",
        "i forgot",
        "does anyone know",
        "anyone know",
        "any idea",
        "any ideas",
        "let me know",
        "you know",
        "u know",
        "for me",
        "to me",
        "help",
        *HEDGES,
    )
)
_OPENING_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in (
        "out of curiosity",
        *HEDGES,
        # the asker doubting their own view: "is it just me or", "hot take:"
        "is it just me or",
        "was it just me or",
        "or is it just me",
        "hot take",
        "unpopular opinion",
        "correct me if im wrong",
        "real talk",
        *_PRAISE,
        "for real",
        "real quick",
        "hold on",
        "hang on",
        "wait a sec",
        "one sec",
        "let me ask",
        "spoilers are fine",
        "spoilers are ok",
        "spoilers ok",
        "spoilers fine",
        "spoilers welcome",
        "no spoilers",
        "spoilers",
        "just asking",
        "asking for a friend",
        "question for",
        "this might be",
        "might be",
        "so like",
        "feel like",
        "feels like",
        "i feel like",
        # what the asker heard or read: the report is the subject, not the hearing of it
        "i heard that",
        "i heard",
        "heard that",
        "heard",
        "i read that",
        "i read",
        "apparently",
        "someone said",
        "someone told me",
    )
)
# Who a chat question is put to: "does anyone know", "can you guys tell me".
_SOMEONE = _wordlist(
    "anyone anybody someone somebody any1 some1 you u ya yall people guys everyone"
)
_SOMEONE_AFTER = _wordlist("guys all here else")  # "you guys", "anyone here", "anyone else"
_KNOW = _wordlist("know remember recall recollect")
_TELL = _wordlist("tell remind explain help")
_OPINE = _wordlist("think feel notice noticed agree")
_WONDER = _wordlist("wondering wonder curious")
_FORGOT = _wordlist("forgot forget forgotten")
_NOT = _wordlist("dont cant cannot couldnt never not")
_WANT = _wordlist("want wants wanna need needs wanted meaning gotta")  # "been meaning to ask"
_ASKED = _wordlist("asked asks asking")
_OTHERS = _wordlist("we someone somebody everyone people")  # "someone was asking who ..."
# ... and a person of the plot, who relays a question only when it was put to the asker: "she
# asked me who directed it", not "he asked if she was happy" (a character asking, in the film)
_THIRD_PERSONS = _wordlist("he she they")
_UNSURE = _wordlist("idea clue sure")  # "no idea", "not sure"
_LIKE_TO = _wordlist("would id wd love dying")  # "would love to", "id like to", "dying to"
_LINKS = _wordlist("if whether about on")  # "anyone know if", "curious about", "any idea on"
_I = _wordlist("i im ive")
_TRY = _wordlist("trying try tryna")
_FIND = _wordlist("remember recall figure work find")

# A sentence that tells of the asker ("i missed the first 10 min", "im writing a thing for my
# film club", "the song made me cry") says nothing the question is about, unless it reports
# what was heard or read ("i heard there was drama about ticket sales").
_FIRST_PERSON = _wordlist("i im ive id ill me my mine myself")
_REPORTING = _wordlist("heard read saw noticed learned learnt said told")
_REPORT_GAP = _wordlist("just also once somewhere recently")  # "i just read", "i read somewhere"
# ... of which these take a thing seen as readily as what it said: "i saw it last week" is the
# film watched, "i saw (that) the numbers were faked" a report
SEEING = _wordlist("read saw noticed")


def tells_sentence(words: list[str] | tuple[str, ...]) -> bool:
    """Whether what follows a verb of seeing is a sentence ("that the numbers were faked",
    "rene liu directed it", "there was a lawsuit") rather than the thing seen ("it last week",
    "the book")."""
    return bool(words) and (
        words[0] in ("that", "there")
        or any(w in AUXILIARIES or (len(w) > 3 and w.endswith("ed")) for w in words[1:])
    )


# Words after which a question may start inside a sentence: "i loved it but who wrote it".
PIVOTS = _wordlist("but so and")
# "the ending got me", "that scene where his dad ... destroyed me": a thing of the film did
# something to the asker; the sentence still says which thing
_CLAUSE_JOINS = _wordlist("and but")
# who or what does something to the asker without being of the film
_SITUATION = _wordlist(
    "it its everything everyone everybody people someone somebody nobody something what which "
    "you u ya yall"
)
_OBJECT_ME = _wordlist("me myself")


def _reports(words: list[str]) -> bool:
    """Whether someone tells what they heard or read: "i heard ...", "my friend said ..." (not
    "i was crying too hard to read them", "my therapist told me to watch it", nor what the asker
    read named as a thing: "the summary i read just says there was an issue")."""
    for i, word in enumerate(words):
        if word in _REPORTING:
            j = i - 1
            while j > 0 and words[j] in _REPORT_GAP:
                j -= 1
            if j >= 0 and words[j] in ("to", "too"):
                continue
            after = words[i + 1 : i + 3]
            if after[:1] == ["to"] or (after[:1] in (["me"], ["us"]) and after[1:] == ["to"]):
                continue  # an instruction, not a report
            if j > 0 and words[j] in _I and words[j - 1] not in PIVOTS | _OPENING_WORDS:
                continue  # "the list i saw": a thing the asker saw
            if word in SEEING and not tells_sentence(words[i + 1 :]):
                continue  # "i saw it last week": the film seen
            return True
    return False


# Verbs that open a sentence about the asker with the "i" left out, as chat does: "googled it
# and got nothing", "need a quote for a post", "just finished it", "cant sleep lol"
_ASKER_VERBS = _wordlist(
    """
    need needed want wanted gotta love loved hate hated liked enjoyed watched rewatched
    rewatching finished finishing started starting binged googled searched looked tried trying
    cant couldnt cannot wont gonna going planning thinking hoping wondering asking writing doing
    making getting got missed cried crying laughing been had have just finally still also
    literally really honestly def definitely
    """
)
_ASKER_FILLERS = _wordlist("just finally still also literally really honestly def definitely")
_OPENING_WORDS = _wordlist("so and but also then")


def _subject_dropped(words: list[str]) -> bool:
    """Whether a sentence that asks nothing starts with a verb whose subject, left out, is the
    asker: "just finished it and wow", "googled and got nothing" (not "looked fun": how a
    thing looked is told of the thing)."""
    i = 0
    while i < len(words) - 1 and words[i] in _ASKER_FILLERS:
        i += 1
    return bool(words) and words[i] in _ASKER_VERBS and words[i] not in _ASKER_FILLERS | {"looked"}


def about_asker(words: list[str]) -> bool:
    first = _FIRST_PERSON.intersection(words)
    if _reports(words):
        return False
    if not first:
        return _subject_dropped(words)
    if not first <= _OBJECT_ME:
        return True
    # the clause that has "me": "the ending got me" tells of a thing, "... and it's bugging me"
    # of the asker
    clause = words[: next(i for i, w in enumerate(words) if w in _OBJECT_ME)]
    for i in range(len(clause) - 1, 0, -1):
        if clause[i] in _CLAUSE_JOINS:  # not "so": "she was so annoying to me"
            clause = clause[i + 1 :]
            break
    # "it's bugging me", "everyone keeps telling me", "watching it wrecked me", "made me cry"
    # tell of the asker; "the ending got me", "jianqing's dad broke me", "she annoyed me" of
    # what the film did to them
    return (
        not clause
        or clause[0] in _SITUATION
        or (clause[0].endswith("ing") and clause[1:2] in (["it"], ["this"], ["the"], ["that"]))
        or len(clause) == 1  # "made me cry": "it" left out
        or _subject_dropped(clause)
    )


def _hedge(words: list[str]) -> int:
    """How many words at the start ask someone else to answer ("does anyone know", "can you
    tell me", "i was wondering", "i can't remember", "trying to figure out"); 0 if none."""
    n = len(words)
    i = 0
    if i < n and words[i] in AUXILIARIES:  # "does anyone know", "can you tell me"
        i += 1
    if i < n and words[i] in _SOMEONE:
        i += 1
        while i < n and words[i] in _SOMEONE_AFTER:
            i += 1
        if i < n and words[i] in _wordlist("happen even"):
            i += 1 + (i + 1 < n and words[i + 1] == "to")
        if i < n and words[i] in _wordlist("please pls plz"):
            i += 1
        if i < n and words[i] in _KNOW:
            i += 1
        elif i < n and words[i] in _OPINE:  # "anyone else think ...", "does anyone feel like"
            i += 1 + (i + 1 < n and words[i + 1] in _wordlist("like that"))
        elif i < n and words[i] in _TELL:
            i += 1
            if i < n and words[i] in _wordlist("me us"):
                i += 1
        elif i + 1 < n and words[i] in _wordlist("have got") and words[i + 1] == "any":
            i += 2 + (i + 2 < n and words[i + 2] in _wordlist("idea ideas clue"))
        elif i < n and words[i] in _ASKED:  # "someone asked me who ..."
            return _asked_what(words, i)
        else:
            return 0
        return _links(words, i)
    if n > 2 and words[0] in AUXILIARIES | {"may"} and words[1:3] == ["i", "ask"]:
        return _links(words, 3)  # "can i ask", "may i ask"
    i = 0
    if i < n and words[i] in _I:
        i += 1
    elif n > 2 and words[0] in _wordlist("my a"):  # "my friend wants to know", "a friend asked"
        i = 2
    elif words[:1] and words[0] in _OTHERS | _THIRD_PERSONS:  # "she was asking me"
        i = 1
    # "was wondering", "am trying to remember": chat leaves the "i" out
    if i < n and words[i] in _wordlist("was am m have is"):
        i += 1
    if i < n and words[i] in _ASKED:  # "my mom asked me who ...", "she was asking me if"
        return _asked_what(words, i, of_asker=words[0] in _THIRD_PERSONS)
    if i < n and words[i] == "been":  # "been wondering", "i've been trying to remember"
        i += 1
    if i + 1 < n and words[i] in _wordlist("no not") and words[i + 1] in _UNSURE:
        return _links(words, i + 2)  # "i have no idea", "no clue", "not sure"
    if i < n and words[i] in _LIKE_TO:  # "would love to know", "id like to know"
        j = i + 1 + (i + 1 < n and words[i + 1] in _wordlist("love like"))
        if j + 1 < n and words[j] == "to" and words[j + 1] in _wordlist("know ask"):
            return _links(words, j + 2)
        return 0
    if i < n and words[i] in _WONDER:
        return _links(words, i + 1)
    if i < n and words[i] in _FORGOT:
        return _links(words, i + 1)
    if i < n and words[i] in _NOT:  # "i dont remember", "cant recall"
        if i + 1 < n and words[i + 1] in _KNOW:
            return _links(words, i + 2)
        return 0
    if i < n and words[i] in _WANT:  # "i want to know", "wanna know"
        j = i + 1 + (i + 1 < n and words[i + 1] == "to")
        if j < n and words[j] in _wordlist("know ask"):
            return _links(words, j + 1)
        return 0
    if i < n and words[i] in _TRY:  # "trying to remember", "trying to figure out"
        j = i + 1 + (i + 1 < n and words[i + 1] == "to")
        if j < n and words[j] in _FIND:
            j += 1 + (j + 1 < n and words[j + 1] == "out")
            return _links(words, j)
        return 0
    if words[:1] == ["any"] and n > 1 and words[1] in _wordlist("idea ideas clue"):
        return _links(words, 2)
    if words[:1] in (["remind"], ["tell"]) and n > 1 and words[1] in _wordlist("me us"):
        return _links(words, 2)
    return 0


def _asked_what(words: list[str], i: int, of_asker: bool = False) -> int:
    """Past "asked (me)" when a question follows it ("asked me who directed it", "asked if
    it was filmed in beijing"); 0 when what was asked is a deed ("he asked her to stay").
    ``of_asker``: only a question put to the asker ("asked me") counts."""
    to_asker = i + 1 < len(words) and words[i + 1] in _wordlist("me us")
    if of_asker and not to_asker:
        return 0
    i += 1 + to_asker
    if i < len(words) and words[i] in _ASKING | AUXILIARIES | _wordlist("if whether about"):
        return _links(words, i)
    return 0


def _asking_someone(words: list[str]) -> int:
    """How many words at the end put the question to someone ("if anyone remembers", "does
    anybody know", "if u guys know", "anyone remember"); 0 if none."""
    n = len(words)
    if n < 3 or words[-1].rstrip("s") not in _KNOW:
        return 0
    i = n - 2
    while i > 0 and words[i] in _SOMEONE_AFTER:
        i -= 1
    if words[i] not in _SOMEONE:
        return 0
    if i > 0 and words[i - 1] in _wordlist("if whether") | AUXILIARIES:
        i -= 1
    return n - i if i > 1 else 0  # "who do you remember" asks whom


def _links(words: list[str], i: int) -> int:
    """Past "if", "whether" or "about" after a hedge, and "again" ("remind me again")."""
    while i < len(words) and (words[i] in _LINKS or words[i] == "again"):
        i += 1
    return i


def _by_word(phrases: tuple[tuple[str, ...], ...], at: int) -> dict[str, list[tuple[str, ...]]]:
    """``phrases`` by their first (``at`` 0) or last (-1) word, each word's in the same order:
    only those can match where that word is (a message is read word by word)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        out.setdefault(phrase[at], []).append(phrase)
    return out


_OPENING_BY_FIRST = _by_word(_OPENING_PHRASES, 0)
_CLOSING_BY_LAST = _by_word(_CLOSING_PHRASES, -1)


def _opening_phrase(words: list[str], start: int) -> int:
    for phrase in _OPENING_BY_FIRST.get(words[start], ()) if start < len(words) else ():
        if tuple(words[start : start + len(phrase)]) == phrase:
            return len(phrase)
    return 0


# Words that say a clause is about the asking itself: "sorry if this is a dumb question but",
# "not sure this is the right channel but", "might have been asked before but"
_META = _wordlist(
    "dumb stupid silly obvious basic noob question questions q qs asked ask asking channel "
    "thread spoiler spoilers topic random wrong misremembering mistaken opinion take"
)
_ASKING = _wordlist("who what when where why how which whose whom")
# ... of which these also name what happens in a film ("she took the wrong train but where was
# she going?"): they say the clause is about the asking only when it is the asker's own
_PLOT_META = _wordlist("asked ask asking random wrong")
_HEDGE_START = _wordlist("this that it might could may maybe prob probably not sorry sry random")
_META_MAX = 10  # words such a clause runs to before its "but"
# Who a question is put to, named before it: "question for ppl who've seen it: ...", "anyone
# who watched it, ..."
_AUDIENCE = _wordlist("people ppl anyone anybody those everyone folks fans yall u you")
_WHO = _wordlist("who whove whos that thatve")
_A_QUESTION = _wordlist("a an another 1 some quick random dumb real 2 3 couple few several of more")
_WHICH_QUESTION = _wordlist("last final first next followup follow up other")
_SEEN = _wordlist("seen watched finished read saw watch see")
_THE_FILM = _wordlist("it this the movie film one")


def _about_asking(words: list[str]) -> int:
    """How many words at the start only say something about the asking ("sorry if this is
    dumb but", "this might be a stupid q but", "sorry for the dumb question", "i have a quick
    question", "question for people who've seen it"); 0 if none."""
    n = len(words)
    for i, word in enumerate(words[: _META_MAX + 1]):
        if word == "but":  # "sorry if this is dumb but ..."
            said = words[:i]
            asks = said and said[0] in AUXILIARIES and said[1:2] != ["be"]  # "could be wrong"
            if not said or asks or not _ASKING.isdisjoint(said):
                return 0  # "did she ask him to stay but ..." is the question
            meta = _META.intersection(said)
            if meta <= _PLOT_META and said[0] not in _I | _HEDGE_START:
                return 0  # "she took the wrong train but ...": the film, not the asking
            return i + 1 if meta else 0
    if words[:1] == ["sorry"]:
        # "sorry for the dumb q": an apology, all of it; "sorry for the dumb q who directed
        # it": up to its question; "sorry who was the random guy": a question
        asked = next((k for k, w in enumerate(words) if w in _ASKING), n)
        if not _META.isdisjoint(words[: min(asked, _META_MAX)]):
            return asked
    i = 1 if words[:1] and words[0] in _I else 0
    if i < n and words[i] in _wordlist("have got"):
        j = i + 1
        while j < n and words[j] in _A_QUESTION:
            j += 1
        if j < n and words[j] in _wordlist("question questions q qs") and j > i + 1:
            return j + 1
    j = 0
    while j < n and words[j] in _A_QUESTION | _WHICH_QUESTION:  # "two questions:", "last q"
        j += 1
    if j and j < n and words[j] in _wordlist("question questions q qs"):
        return j + 1
    if words[:1] and words[0] in _AUDIENCE and n > 1 and words[1] in _WHO:
        for j in range(2, min(n, 6)):
            if words[j] in _SEEN:
                return j + 1 + (j + 1 < n and words[j + 1] in _THE_FILM)
    return 0


_SPOILER_LINKS = _wordlist("for about on past after beyond")
_STRETCHED = re.compile(r"(\w)\1{2,}")  # a letter typed three times or more: "plsss", "ummm"
_CHAT_WORDS = (
    _OPENERS
    | _CLOSERS
    | _GREETINGS
    | _ADDRESSEES
    | AUXILIARIES
    | _wordlist("who what when where why how")
)


def _unstretched(word: str) -> str:
    """A chat or question word typed long, as it is spelled: "plsss" -> "pls", "lmaooo" ->
    "lmao", "ummmm" -> "um", "whooo" -> "who"; other words stay as typed (the speller reads
    "sooo good")."""
    if not _STRETCHED.search(word):
        return word
    once = _STRETCHED.sub(r"\1", word)
    twice = _STRETCHED.sub(r"\1\1", word)
    return next((w for w in (twice, once) if w in _CHAT_WORDS), word)


def strip_chat(words: list[str]) -> tuple[list[str], bool]:
    """``words`` with the chat at both ends set aside, and whether a hedge that asks (such as
    "does anyone know") was among it: "hey all random q but does anyone remember who did the
    music" -> (["who", "did", "the", "music"], True)."""
    words = [_unstretched(w) for w in words]
    if words[:2] == ["no", "spoilers"] and words[2:3] and words[2] in _SPOILER_LINKS:
        return [], False  # "no spoilers for the ending pls": how to answer, not what
    hedged = False
    start, end = 0, len(words)
    greeted = False
    while start < end:
        word = words[start]
        if word in _GREETINGS or _ELONGATED_GREETING.fullmatch(word):
            greeted = True
            start += 1
        # an opening phrase before its first word as an opener; what is said about the asking
        elif (skip := _opening_phrase(words, start)) or (skip := _about_asking(words[start:end])):
            start += skip
        elif (greeted and word in _ADDRESSEES) or word in _OPENERS:
            start += 1
        elif skip := _hedge(words[start:end]):
            hedged = True
            start += skip
        else:
            break
    while end > start:
        if skip := _asking_someone(words[start:end]):
            end -= skip
            continue
        for phrase in _CLOSING_BY_LAST.get(words[end - 1], ()):
            if tuple(words[max(start, end - len(phrase)) : end]) == phrase:
                end -= len(phrase)
                break
        else:
            if words[end - 1] in _CLOSERS and not _named_people(words, start, end):
                end -= 1
            else:
                break
    return words[start:end], hedged


# "those guys", "the other folks": people the sentence speaks of, not the people it is put to
_PEOPLE_CLOSERS = _wordlist("guys folks everyone people")
_PEOPLE_BEFORE = DETERMINERS | _wordlist("other older younger some all both")


def _named_people(words: list[str], start: int, end: int) -> bool:
    return (
        words[end - 1] in _PEOPLE_CLOSERS and end - 2 >= start and words[end - 2] in _PEOPLE_BEFORE
    )


# "my film club", "a quiz for my sister": the asker's own things and things named with "a";
# never the other film a question may be about ("i loved titanic")
_OWNERS = _wordlist("my our a an")
_OWNED_ENDS = _wordlist("and but or so is was are were keeps kept says said the a an to for")


def without_belongings(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` without the asker ("i", "my") and the one or two words after "my", "our", "a"
    or "an": "im making a quiz for my film club" -> "making for"."""
    out: list[str] = []
    skip = 0
    for word in words:
        if skip and word not in _OWNED_ENDS:
            skip -= 1
            continue
        skip = 0
        if word in _OWNERS:
            skip = 2
        elif word not in _FIRST_PERSON:  # "id" is "i'd", no name
            out.append(word)
    return tuple(out)


# Phrases inside a question that fill it out without naming anything: "why did they move in the
# first place", "do they end up together at some point", "does she change at all"
_FILLERS: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in (
        "in the 1st place",
        "at some point",
        "at 1 point",
        "at any point",
        "at all",
        "by any chance",
        "for the life of me",
    )
)
_FILLERS_BY_FIRST = _by_word(_FILLERS, 0)


# "like" as a filler, between who or what is asked about and what is said of it: "is there
# like a summary", "was it like 10 years later" (not "what does it look like", "did she like
# a guy")
# ... and after a question word inside a sentence that already has its verb, before how much
# of it: "she was confused why like half the movie is in black and white", "we talked for like
# 5 min" (not "how like the father is he": how much he resembles him)
_LIKE_BEFORE = frozenset({"there", "it", "for"})
_LIKE_AFTER_ASKING = frozenset({"why", "how", "when", "where", "what"})
_LIKE_AFTER = frozenset(
    {"a", "an", "the", "some", "any", "his", "her", "their", "its", "half", "all", "most"}
)


def _has_verb(words: list[str]) -> bool:
    return any(w in AUXILIARIES or (len(w) > 4 and w.endswith(("ed", "ing"))) for w in words)


def _filler_like(words: list[str], i: int) -> bool:
    return (
        words[i] == "like"
        and 0 < i < len(words) - 1
        and (
            words[i - 1] in _LIKE_BEFORE
            or (words[i - 1] in _LIKE_AFTER_ASKING and _has_verb(words[: i - 1]))
        )
        and (words[i + 1] in _LIKE_AFTER or words[i + 1].isdigit())
    )


def without_fillers(words: list[str]) -> list[str]:
    """``words`` without the filler phrases in them."""
    if "like" not in words and _FILLERS_BY_FIRST.keys().isdisjoint(words):
        return list(words)  # most questions: no word that starts a filler
    out: list[str] = []
    i = 0
    while i < len(words):
        if _filler_like(words, i):
            i += 1
            continue
        for phrase in _FILLERS_BY_FIRST.get(words[i], ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                i += len(phrase)
                break
        else:
            out.append(words[i])
            i += 1
    return out


# Contractions written out, before normalising drops their apostrophe and leaves a word no fact
# has, or another word: "who'd he play" (did), "they're", "it'll", "he'd", "we're" (not "were"),
# "he'll" (not "hell"). "'s" is left to normalising ("what's" -> "what"); the asker's own "i'm",
# "i've", "i'd" stay as chat writes them ("im", "ive", "id" are read as the asker).
_CONTRACTION = re.compile(
    r"\b(?:(?P<wh>who|what|where|when|why|how)['’]d"
    r"|(?P<who>he|she|it|we|they|you|that|there|who|what)['’](?P<end>d|ll|re|ve))\b",
    re.IGNORECASE,
)
_CONTRACTED = {"d": "would", "ll": "will", "re": "are", "ve": "have"}
# "'d" before a past participle is "had" ("he'd done that before", "she'd never seen it"),
# else "would" ("it'd be on netflix"): participles of their own form, and "-ed" forms of a word
_PARTICIPLES = _wordlist(
    """
    been done seen had gone got gotten made met left told said heard thought found known
    taken given written eaten driven chosen forgotten broken spoken shown grown thrown fallen
    hidden ridden risen stolen woken beaten bitten proven shaken sworn worn torn flown drawn
    kept lost felt brought bought taught caught sent spent won fed led bled agreed freed
    """
)
_BEFORE_PARTICIPLE = _wordlist("never already just not ever always also really only even all")
_NEXT_WORDS = re.compile(r"[\w’']+")


def _participle(word: str) -> bool:
    if word in _PARTICIPLES:
        return True
    if not word.endswith("ed"):
        return False
    return any(stem in english.words() for stem in english.stems(word))


def had_or_would(after: list[str]) -> str:
    """What "'d" stands for before the words ``after`` it (lower case)."""
    word = next((w for w in after if w not in _BEFORE_PARTICIPLE), "")
    return "had" if _participle(word) else "would"


def _written_out(match: re.Match[str]) -> str:
    after = _NEXT_WORDS.findall(match.string, match.end(), match.end() + 60)[:3]
    if match["wh"]:
        # "where'd they meet": where did they meet; "who'd seen it": who had
        said = "had" if had_or_would([w.lower() for w in after]) == "had" else "did"
        return f"{match['wh']} {said}"
    end = match["end"].lower()
    said = had_or_would([w.lower() for w in after]) if end == "d" else _CONTRACTED[end]
    return f"{match['who']} {said}"


def uncontracted(text: str) -> str:
    """``text`` with its contractions written out: "who'd he play" -> "who did he play",
    "they're from beijing" -> "they are from beijing"."""
    return _CONTRACTION.sub(_written_out, text) if "'" in text or "’" in text else text


# ... and as chat types them without the apostrophe, where that is no word of its own ("shed",
# "wed", "hell", "well", "were" are)
_UNCONTRACTED = {
    "theyre": ("they", "are"),
    "theyd": ("they", "would"),
    "theyll": ("they", "will"),
    "theyve": ("they", "have"),
    "youd": ("you", "would"),
    "youll": ("you", "will"),
    "youve": ("you", "have"),
    "itll": ("it", "will"),
    "thatll": ("that", "will"),
    "whod": ("who", "did"),
    "whatd": ("what", "did"),
    "whered": ("where", "did"),
    "whend": ("when", "did"),
    "howd": ("how", "did"),
    "whyd": ("why", "did"),
}

# Chat shorthand and respellings of everyday words: "where r they from", "who plays da dad",
# "y did she leave", "what happened 2 them", "who is dis guy". Left as typed, each reads as a
# name no fact knows, which sinks every match.
_RESPELLINGS = {
    "r": "are",
    "da": "the",
    "tha": "the",
    "dis": "this",
    "dat": "that",
    "dey": "they",
    "dem": "them",
    "ther": "there",
    "ppl": "people",
    "b4": "before",
    "kno": "know",
    "iz": "is",
    "wuz": "was",
    "hw": "how",
    "thru": "through",
    "w": "with",  # "w/" once its slash is gone
    "coz": "because",
    "cuz": "because",
    "bc": "because",
}
# ... and the ones that are also a number or a letter: "y" only before a verb it asks with ("y did
# she"); "2" and "4" only between words they join ("move 2 beijing", "nominated 4 editing"), not
# as a count ("the 2 leads", "2 million", "part 2"); "dose" not as a dose ("a dose of")
_WHY_BEFORE = AUXILIARIES | _wordlist("not")
_COUNTED_AFTER = _wordlist(
    """
    the a an its his her their our my your this that these those top part season episode
    number no chapter vol volume about over under around nearly almost only just like or and
    of by in within than at to for after every first last next
    """
)
_COUNT_UNITS = _wordlist(
    """
    year years yr yrs hour hours hr hrs day days week weeks weekend weekends month months minute
    minutes min mins second seconds million billion thousand hundred times people of out x
    percent more or and am pm stars star movies films awards nominations leads friends parts
    """
)
_A_DOSE = _wordlist("a the 1 one this that high lethal daily small big large")


def _respelt(word: str, before: str, after: str) -> str:
    if word == "y":
        return "why" if after in _WHY_BEFORE else word
    if word in ("2", "4"):
        joins = (
            before.isalpha()
            and before not in _COUNTED_AFTER
            and after.isalpha()
            and after not in _COUNT_UNITS
        )
        return ("to" if word == "2" else "for") if joins else word
    if word == "dose":
        return word if before in _A_DOSE or after == "of" else "does"
    return _RESPELLINGS.get(word, word)


_RESPELT = frozenset({"y", "2", "4", "dose", "come"})


def respell(words: list[str]) -> list[str]:
    """``words`` with chat shorthand written out: "y r dey in beijing" -> "why are they in
    beijing"; "w o" (typed "w/o") -> "without"; "how come" -> "why"; "whod" -> "who did"."""
    if (
        _RESPELLINGS.keys().isdisjoint(words)
        and _RESPELT.isdisjoint(words)
        and _UNCONTRACTED.keys().isdisjoint(words)
    ):
        return words
    out: list[str] = []
    for i, word in enumerate(words):
        before = words[i - 1] if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        if word in _UNCONTRACTED:
            who, said = _UNCONTRACTED[word]
            if said in ("would", "did") and had_or_would(words[i + 1 : i + 4]) == "had":
                said = "had"  # "theyd been together for years", "whod seen it"
            out.extend((who, said))
        elif word == "o" and before == "w" and out[-1:] == ["with"]:
            out[-1] = "without"
        elif word == "come" and out[-1:] == ["how"]:
            out[-1] = "why"  # "how come they broke up" asks why they did
        else:
            out.append(_respelt(word, before, after))
    return out

"""A small bank of thoughtful-act ideas, drawn from what we know about a person.

Step five of the method: notice what someone cares about and do something small with it.
The rules match words and phrases in a customer's interests and recent debriefs to gestures
that cost little (every idea here is in the low cost tier), so the gesture shows attention
rather than spending. A word that means many things ("new", "moving", "book") only counts
inside a phrase ("new role", "moving house", "a book"): "Moving to a new warehouse system"
is not a promotion. Each idea says why it was suggested, so the user can judge whether it
fits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from relprep.domain.clock import Clock
from relprep.domain.model import Cost, Customer, Debrief, Kind, Reminder
from relprep.domain.validation import reminder_from_input

IDEA_DUE = "in 3 days"
"""When an idea turned into a reminder falls due; soon enough to act on, easy to snooze."""

RECENT_DEBRIEFS = 5
MAX_IDEAS = 6


@dataclass(frozen=True)
class Idea:
    text: str
    reason: str
    kind: Kind = Kind.ACT
    cost: Cost = Cost.LOW


@dataclass(frozen=True)
class _Rule:
    phrases: tuple[tuple[str, ...], ...]
    template: str

    def matches(self, words: Sequence[str]) -> bool:
        return any(_contains(words, phrase) for phrase in self.phrases)


def _contains(words: Sequence[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tuple(words[i : i + size]) == phrase for i in range(len(words) - size + 1))


def _rule(phrases: str, template: str) -> _Rule:
    """`phrases` separated by "|"; each matches as whole words in that order."""
    return _Rule(tuple(tuple(phrase.split()) for phrase in phrases.split("|")), template)


def _any_word(words: str, template: str) -> _Rule:
    return _rule("|".join(words.split()), template)


_INTEREST_RULES: tuple[_Rule, ...] = (
    _any_word(
        "football soccer rugby cricket basketball baseball hockey f1 league",
        "After their team's next match, send a short report on {thing} with a line of your own",
    ),
    _any_word(
        "golf tennis cycling running marathon triathlon hiking climbing sailing skiing yoga",
        "Send a short piece about {thing} you think they have not seen",
    ),
    _any_word(
        "book books reading novel novels author poetry history",
        "Share one book recommendation connected to {thing}, with why you thought of them",
    ),
    _any_word(
        "music jazz concert concerts opera band piano guitar vinyl",
        "Tell them about a {thing} event near them, or a recording worth a listen",
    ),
    _any_word(
        "cooking food wine coffee tea baking beer restaurants",
        "Pass on a {thing} tip or a local place they might like",
    ),
    _any_word(
        "garden gardening plants birds birdwatching nature photography",
        "Send a photo or an article on {thing} that made you think of them",
    ),
    _any_word(
        "kids children family daughter son baby dog dogs cat",
        "Next time, ask how {thing} is doing; write the name down so you remember",
    ),
    _any_word(
        "travel travelling holiday trips",
        "Ask about their next trip and share one thing worth seeing there",
    ),
)

_LEARNED_RULES: tuple[_Rule, ...] = (
    _rule(
        "reading|novel|novels|author|book club|a book|the book|this book|her book|his book"
        "|their book|new book",
        "Read a few pages of the book they mentioned and tell them one thought about it",
    ),
    _rule(
        "promoted|promotion|new role|new job|new position|new title|started as|appointed",
        "Send a two-line note of congratulations on the new role",
    ),
    _rule(
        "moved house|moving house|moved home|moving home|new house|new home|new flat"
        "|new apartment|relocating|relocated|relocation",
        "Ask how the move went; offer a local tip if you know the area",
    ),
    _any_word(
        "trip holiday vacation travelling conference",
        "Ask how the trip went, and whether there is anything you can pass on from it",
    ),
    _any_word(
        "ill sick surgery hospital recovering",
        "A short get-well note; no business in it",
    ),
)

_FALLBACK_INTEREST = (
    "Send something short about {thing} with one line on why it made you think of them"
)
_TOPIC = "Forward one useful article on {thing}, with a sentence on why it matters to them"
_INDUSTRY = "Pass on a trade-journal piece about {thing} that they may have missed"
_IN_THE_AREA = Idea(
    "Next time you are near them, give a quick call, even without time to visit",
    "a short call costs nothing and shows you think of them",
    Kind.TOUCH,
)


def _words(text: str) -> list[str]:
    return [word.strip(".,;:!?()'\"").casefold() for word in text.split()]


def _first_match(rules: Sequence[_Rule], text: str) -> _Rule | None:
    words = _words(text)
    return next((rule for rule in rules if rule.matches(words)), None)


def _interest_ideas(interests: Iterable[str]) -> list[Idea]:
    ideas = []
    for interest in interests:
        rule = _first_match(_INTEREST_RULES, interest)
        template = rule.template if rule else _FALLBACK_INTEREST
        ideas.append(Idea(template.format(thing=interest), f"interested in {interest}"))
    return ideas


def _debrief_ideas(debriefs: Sequence[Debrief]) -> list[Idea]:
    """From what was learned in recent calls (newest first), then the business topics raised."""
    ideas = []
    for debrief in debriefs:
        rule = _first_match(_LEARNED_RULES, f"{debrief.learned} {debrief.notes}")
        if rule:
            when = debrief.when.date().isoformat()
            ideas.append(Idea(rule.template, f"from the call on {when}"))
    for debrief in debriefs:
        for topic in debrief.topics:
            ideas.append(Idea(_TOPIC.format(thing=topic), f"they raised {topic}"))
    return ideas


def suggest(
    customer: Customer,
    debriefs: Iterable[Debrief] = (),
    *,
    exclude: Iterable[str] = (),
    limit: int = MAX_IDEAS,
) -> list[Idea]:
    """Ideas for this customer, most personal first; `exclude` holds texts already planned."""
    recent = sorted(debriefs, key=lambda d: d.when, reverse=True)[:RECENT_DEBRIEFS]
    candidates = [*_interest_ideas(customer.interests), *_debrief_ideas(recent)]
    if customer.industry.strip():
        industry = customer.industry.strip()
        candidates.append(Idea(_INDUSTRY.format(thing=industry), f"works in {industry}"))
    candidates.append(_IN_THE_AREA)
    seen = {text.casefold() for text in exclude}
    ideas = []
    for idea in candidates:
        if idea.text.casefold() not in seen:
            seen.add(idea.text.casefold())
            ideas.append(idea)
    return ideas[:limit]


def idea_reminder(idea: Idea, customer_id: str, clock: Clock, due: str = IDEA_DUE) -> Reminder:
    """The reminder an idea becomes with one key press."""
    return reminder_from_input(
        clock,
        customer_id=customer_id,
        text=idea.text,
        due=due,
        kind=idea.kind.value,
        cost=idea.cost.value,
    )

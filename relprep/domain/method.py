"""The relationship-first method as data: its five steps, the prep checklist and a question bank.

The wording is relprep's own. Screens render these tuples, so changing a prompt or adding
a question is an edit here, never in a widget.
"""

from __future__ import annotations

from dataclasses import dataclass

from relprep.domain.model import Cost


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    summary: str
    in_relprep: str


METHOD_STEPS: tuple[Step, ...] = (
    Step(
        1,
        "Choose to enjoy it",
        "The relationship is the point. A sale is one way of helping someone you get on with, "
        "not a lever to pull on them.",
        "Every prep starts by asking what would help this person even if they never buy.",
    ),
    Step(
        2,
        "Be worth knowing",
        "Act as a professional, keep your word, care enough to listen properly, and bring "
        "knowledge that is useful to them.",
        "The prep self-check covers all four; your promise record shows how often you deliver "
        "on time.",
    ),
    Step(
        3,
        "Think and act in one direction",
        "Believe the relationship matters and that you have value to offer, stay curious about "
        "people, and be dependable week after week.",
        "Curiosity questions carry from call to call, and each customer has a contact rhythm "
        "that tells you when a touch is due.",
    ),
    Step(
        4,
        "Treat meetings as relationship time",
        "Look for what is true even when it is unflattering, accept that another supplier may "
        "suit them better, and hold a real conversation about real business.",
        "Prep prompts for each touchstone, the call timer tracks how much you listen, and the "
        "debrief records what you said honestly.",
    ),
    Step(
        5,
        "Keep it going with small gestures",
        "Notice what they care about and do small, cheap, thoughtful things. Nothing that "
        "leaves them feeling they owe you.",
        "Interests from debriefs suggest gestures; every gesture has a cost tier and a gentle "
        "warning when it is not cheap.",
    ),
)


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str
    prompt: str = ""
    """When set, the item also takes a written answer and this is its placeholder."""


@dataclass(frozen=True)
class ChecklistSection:
    id: str
    title: str
    step: int
    items: tuple[ChecklistItem, ...]


PREP_SECTIONS: tuple[ChecklistSection, ...] = (
    ChecklistSection(
        "intent",
        "Intent and mindset",
        1,
        (
            ChecklistItem(
                "intent.help",
                "I know what would genuinely help them, whether or not they buy",
                "What would help them most right now?",
            ),
            ChecklistItem(
                "intent.value",
                "I believe I have something of value to offer them",
                "What is it, in one sentence?",
            ),
            ChecklistItem("intent.enjoy", "I am looking forward to talking with this person"),
        ),
    ),
    ChecklistSection(
        "attributes",
        "The four attributes",
        2,
        (
            ChecklistItem(
                "attributes.professional",
                "Professional: I have read something recent about their trade",
                "What did I read, and what does it mean for them?",
            ),
            ChecklistItem(
                "attributes.integrity",
                "Integrity: I have checked every promise I owe them",
            ),
            ChecklistItem(
                "attributes.caring",
                "Caring: I will listen to understand, not to reply",
            ),
            ChecklistItem(
                "attributes.knowledge",
                "Knowledge: I know something useful to them beyond my product",
                "What can I teach or share?",
            ),
        ),
    ),
    ChecklistSection(
        "curiosity",
        "Curiosity",
        3,
        (
            ChecklistItem("curiosity.picked", "I have picked questions about them, not my pitch"),
            ChecklistItem("curiosity.carried", "I have looked at questions still open from before"),
        ),
    ),
    ChecklistSection(
        "touchstones",
        "Meeting touchstones",
        4,
        (
            ChecklistItem(
                "touchstones.truth",
                "Seek the truth: I am ready to say one honest negative",
                "A limitation or risk I will mention",
            ),
            ChecklistItem(
                "touchstones.open",
                "Open mind: they might be better served elsewhere, and I can say so",
                "Who else could serve them, and when would that be better?",
            ),
            ChecklistItem(
                "touchstones.dialogue",
                "Real dialogue: I will listen at least half the time",
            ),
            ChecklistItem(
                "touchstones.issues",
                "I have real business issues to raise, not small talk",
                "The business issues to raise",
            ),
        ),
    ),
    ChecklistSection(
        "last_time",
        "From last time",
        5,
        (
            ChecklistItem("last_time.promises", "I have reviewed their promises and mine"),
            ChecklistItem("last_time.next_step", "I know the next step we agreed"),
            ChecklistItem(
                "last_time.act",
                "I have one small, thoughtful act in mind",
                "A small gesture that costs little",
            ),
        ),
    ),
)


@dataclass(frozen=True)
class BankQuestion:
    id: str
    topic: str
    text: str


_BANK = {
    "role": (
        "How did you end up in this role?",
        "What does a good week look like for you at the moment?",
        "Which part of your job would you happily do more of?",
        "What are you measured on this year?",
        "Who do you rely on most inside the company?",
        "What has changed most in your job over the last year?",
    ),
    "business": (
        "What is the one problem your team would most like to make disappear?",
        "What are your customers asking for that you cannot give them yet?",
        "Where is the business growing, and where is it under pressure?",
        "What would have to be true for this year to count as a success?",
        "Which decision coming up worries you most?",
        "How do you decide between building something yourselves and buying it?",
        "What did you try before that did not work, and why?",
        "Who else has a stake in this, and what do they care about?",
    ),
    "industry": (
        "What is happening in your industry that outsiders miss?",
        "Which competitor do you watch most closely, and why?",
        "What trade event or publication do you actually find useful?",
        "Which regulation or market change will matter most next year?",
        "Where do you think your industry will be in five years?",
    ),
    "person": (
        "What are you looking forward to outside work?",
        "Where do you like to spend time off?",
        "What have you read or watched lately that stuck with you?",
        "Is there a team, a sport or a hobby you follow closely?",
        "What did you want to be when you were younger?",
        "What is something you are learning at the moment?",
        "Which part of the year is busiest for you, and how do you get through it?",
    ),
    "relationship": (
        "How would you like us to keep in touch: more often, less, another way?",
        "What is one thing we could do better for you?",
        "What did a previous supplier do that you really valued?",
        "Is there anything we promised that we have not delivered yet?",
        "Who else in your network might I be able to help?",
        "If we were not a good fit for something, would you tell me?",
    ),
}

QUESTION_BANK: tuple[BankQuestion, ...] = tuple(
    BankQuestion(f"{topic}.{index}", topic, text)
    for topic, texts in _BANK.items()
    for index, text in enumerate(texts, start=1)
)


def checklist_item_ids() -> tuple[str, ...]:
    return tuple(item.id for section in PREP_SECTIONS for item in section.items)


COST_WARNING = (
    "A costly gesture can leave someone feeling they owe you something. "
    "Small and personal shows you care, with no strings attached."
)


def cost_warning(cost: Cost) -> str | None:
    """Step 5's gentle check: anything above low cost gets a word before it is planned."""
    return None if cost is Cost.LOW else COST_WARNING

"""The steps of a safety plan, in the order crisis services and clinicians use, in
our own words. Each has a short explanation and examples a person may take or
write over."""

from __future__ import annotations

from dataclasses import dataclass

MAX_STEP = 5_000


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    explanation: str
    examples: tuple[str, ...]


STEPS: tuple[Step, ...] = (
    Step(
        "warning_signs",
        "Signs that a hard time may be coming",
        "The thoughts, feelings, situations or habits that tell you things are getting heavier. "
        "Noticing them early gives you more room to act.",
        (
            "I stop answering messages",
            "I can't sleep, or I sleep all day",
            "I replay what happened over and over",
            "I feel numb, or like nothing will change",
        ),
    ),
    Step(
        "on_my_own",
        "Things I can do on my own to get through it",
        "Small things that have helped you before, without needing anyone else. They do not "
        "have to fix anything; they only have to help the moment pass.",
        (
            "Take a pause: name five things I can see",
            "Go for a walk, even a short one",
            "Have a shower or a warm drink",
            "Listen to a song that steadies me",
        ),
    ),
    Step(
        "distractions",
        "People and places that take my mind off things",
        "People you can simply be with, and places where you feel a little better, without "
        "having to talk about how you feel.",
        ("A friend I can watch a film with", "The library or a café", "A park nearby"),
    ),
    Step(
        "ask_for_help",
        "People I can ask for help",
        "People you trust enough to tell that you are having a hard time. Write their name "
        "and how to reach them.",
        ("Sam — 07700 900123", "My sister, by message"),
    ),
    Step(
        "professionals",
        "Professionals and crisis lines",
        "Your doctor, a counsellor or therapist, and the crisis lines where you live. Calls "
        "are free and confidential, and you can reach out before things feel urgent.",
        ("My doctor's surgery — 01632 960000",),
    ),
    Step(
        "safer_surroundings",
        "Making my surroundings safer",
        "Ways to put distance between you and anything you might use to hurt yourself, for "
        "now. Someone you trust can help with this.",
        (
            "Ask someone to keep my medicines for a while",
            "Stay somewhere else for a night",
            "Keep away from places that make things worse",
        ),
    ),
    Step(
        "reasons",
        "The reasons that matter most to me",
        "The people, plans, hopes and small things that make life worth living for you, "
        "even on the hardest days.",
        ("My children", "My dog", "Seeing the sea again", "The person I am becoming"),
    ),
)

KEYS: tuple[str, ...] = tuple(step.key for step in STEPS)

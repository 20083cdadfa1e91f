"""Readable demo journal text, written for the project from phrase banks.

Sentences come from hand-written templates whose slots are filled with words drawn
with a Zipf-like spread (the first words of each bank are the most common), over a
vocabulary of a few thousand words, so that search behaves as it does on real text:
a few words in most entries, most words in few. Everything is drawn from one
`random.Random`, so a seed gives the same journal every time.
"""

from __future__ import annotations

import datetime
import itertools
import random
import re
from typing import Any

from healing.feelings import FEELINGS, INTENSITIES
from healing.kinds import Frequency
from healing.models import Exercise
from journal import search
from journal.models import Content

# Words that occur nowhere in the banks below: one of them is put into about 1% of
# the entries, so a search for it has a known number of matches.
SEARCH_WORDS = ("sunlight", "kingfisher", "hummingbird", "marigold", "saffron", "cobblestone")
SEARCH_SHARE = 0.01
ARTICLE = re.compile(r"\b([Aa]) ([aeiou])")  # "a" before a vowel becomes "an"


def words(bank: str) -> list[str]:
    return bank.split()


NOUNS = words("""
day morning evening night week weekend house kitchen window door garden room bed table
chair phone letter message coffee tea bread dinner lunch breakfast walk bus train car
street road park river sea beach rain wind sun cloud sky tree flower bird dog cat book
song music film photo picture box bag coat shoe key clock lamp candle cup plate glass
bottle bowl spoon knife fork towel blanket pillow sofa shelf mirror stairs roof wall
floor ceiling corner hallway fence gate path hill field forest lake pond stream bridge
station shop market cafe library office desk computer screen keyboard notebook pen
pencil paper envelope stamp parcel gift card calendar diary journal list plan dream
memory thought idea question answer promise secret lie truth story word name voice
laugh smile tear hand shoulder head heart back chest stomach throat jaw breath pulse
skin hair face eye mouth knee foot leg arm finger neck spine muscle bone fever cold
headache appointment doctor nurse therapist counsellor session meeting interview
deadline email call text argument apology conversation silence noise quiet distance
boundary habit routine chore laundry dishes groceries bill rent budget payment salary
job shift break holiday trip journey ticket suitcase map airport hotel tent fire
smoke ash dust mud snow ice frost fog storm thunder lightning rainbow puddle wave tide
shell stone rock sand pebble leaf branch root seed garden bench swing playground
school lesson homework teacher class exam project team colleague manager neighbour
stranger crowd queue festival party wedding funeral birthday anniversary visit
weekday afternoon dawn dusk midnight noon season spring summer autumn winter year
month hour minute moment minute pause step mile corner kettle toaster oven fridge
freezer sink tap drain pipe heater radiator fan curtain blind rug carpet tile
basket bucket broom mop sponge soap shampoo toothbrush comb brush razor bandage
plaster pill medicine vitamin water juice milk soup salad pasta rice potato carrot
onion garlic tomato apple orange banana pear plum cherry grape lemon lime berry
strawberry peach melon cake biscuit cookie chocolate sweet honey jam butter cheese
egg toast cereal porridge sandwich pizza curry stew pie tart muffin scone pancake
waffle yoghurt cream sauce pepper salt sugar flour oil vinegar mustard herb spice
basil mint thyme rosemary parsley ginger cinnamon vanilla tulip rose daisy lily
violet lavender ivy moss fern grass weed hedge shrub oak pine birch willow maple
elm ash beech cedar palm cactus vine blossom petal thorn bud bark twig acorn
conker feather nest egg wing beak owl crow robin sparrow pigeon gull swan duck goose
heron hawk eagle fox badger rabbit hare squirrel mouse hedgehog deer horse cow
sheep goat pig chicken frog toad snail slug worm bee wasp butterfly moth spider
ant beetle ladybird dragonfly fish whale dolphin seal crab jellyfish starfish
guitar piano violin drum flute trumpet choir concert album radio podcast playlist
headphones speaker record poster painting drawing sketch canvas easel paint crayon
chalk clay pottery vase jar tin can lid label ribbon string rope thread needle
button zip pocket sleeve collar scarf hat glove sock jumper shirt dress skirt
trousers jeans jacket boot sandal slipper pyjamas uniform apron wallet purse
umbrella watch ring necklace bracelet earring badge ticket receipt coin note cash
account password login website app game puzzle crossword quiz chess cards dice
ball bike scooter skateboard kite balloon candle torch battery charger cable plug
switch socket bulb lampshade frame album scrapbook drawer cupboard wardrobe closet
attic cellar garage shed greenhouse balcony porch terrace courtyard yard lawn
driveway pavement kerb crossing roundabout motorway tunnel harbour pier dock boat
ferry ship canoe paddle oar anchor sail mast island cliff cave valley mountain
peak ridge slope meadow orchard vineyard farm barn stable mill factory warehouse
church chapel temple mosque synagogue cathedral castle tower museum gallery theatre
cinema stadium gym pool sauna clinic hospital pharmacy surgery bakery butcher
florist newsagent bookshop pub bar restaurant canteen kiosk stall counter till
trolley pram cot crib highchair nappy bottle dummy toy doll teddy blocks puzzle
crayons sticker glitter glue scissors ruler eraser sharpener folder binder stapler
printer ink photocopy invoice contract lease form letterbox doorbell doormat lock
bolt chain hinge handle knob latch alarm siren bell whistle horn echo shadow
light darkness warmth chill breeze draught heat steam mist drizzle shower downpour
flood drought harvest picnic barbecue bonfire firework lantern candlelight
starlight moonlight star moon planet comet horizon sunrise sunset twilight
postcard photograph keepsake heirloom locket compass telescope binoculars magnet
marble domino jigsaw riddle rhyme poem verse chapter page paragraph sentence
headline newspaper magazine leaflet brochure timetable schedule agenda
reminder voicemail ringtone inbox outbox draft reply signature password hobby
craft quilt cushion duvet sheet mattress hammock deckchair parasol sunhat sandcastle
rockpool seaweed driftwood lifeboat buoy jetty slipway promenade boardwalk arcade
carousel funfair rollercoaster ferris candyfloss icecream lolly popcorn pretzel
doughnut croissant bagel baguette noodle dumpling omelette risotto lasagne casserole
gravy custard jelly trifle crumble flapjack brownie fudge toffee caramel liquorice
mango pineapple coconut kiwi apricot fig date raisin walnut almond hazelnut peanut
chestnut pumpkin squash courgette cucumber lettuce cabbage spinach broccoli cauliflower
celery leek radish beetroot turnip parsnip mushroom pea bean lentil chickpea
""")

ADJECTIVES = words("""
quiet tired calm heavy light slow long short good hard soft warm cold bright dark
small big old new strange gentle kind sharp tender raw restless steady fragile
strong weak brave scared anxious hopeful sad glad grateful lonely close distant
careful honest open closed safe unsafe clear foggy grey blue green golden silver
red pale deep shallow empty full busy still loud noisy peaceful tense loose tight
rough smooth sweet bitter sour salty fresh stale clean messy tidy cosy chilly
damp dry wet windy sunny cloudy stormy frosty icy muddy dusty sticky shiny dull
plain simple complicated easy difficult awkward gentle patient impatient eager
nervous shaky wobbly steady solid hollow familiar unfamiliar ordinary unusual
odd funny silly serious solemn cheerful gloomy moody grumpy sleepy drowsy wide
narrow thin thick heavy hungry thirsty full sore stiff achy itchy dizzy feverish
hoarse breathless relieved surprised shocked hurt angry furious annoyed irritated
jealous envious ashamed embarrassed proud confident shy timid bold curious bored
excited thrilled content satisfied disappointed frustrated confused certain
uncertain doubtful trusting wary guarded suspicious forgiving bitter resentful
numb empty hollow whole broken mended healing healed stuck free trapped lost found
ready unready willing unwilling able unable hopeful hopeless helpless useful
precious rare common cheap expensive generous mean fair unfair true false real
fake vivid faint dim blurred sharp crisp sweet fragrant musty smoky earthy
lush bare wild tame rocky sandy grassy leafy flowery thorny prickly fluffy furry
silky woolly velvety crunchy chewy creamy spicy mild tangy juicy ripe unripe
rotten sour early late sudden gradual brief endless daily weekly monthly yearly
morning evening nightly recent ancient modern young elderly childish grown
motherly fatherly friendly unfriendly polite rude gracious clumsy graceful nimble
sturdy flimsy cosy spacious cramped crowded deserted lonely busy lively sleepy
sunlit shady shadowy misty moonlit starry breezy balmy sultry humid crisp
""")

VERBS = words("""
washed cleaned cooked baked made wrote read watched found lost carried fixed
painted opened closed folded sorted tidied moved planted watered picked bought
sold gave kept threw mended sewed knitted ironed hung packed unpacked posted sent
answered ignored deleted saved printed signed filled emptied poured boiled stirred
chopped peeled sliced grated mixed tasted shared finished started noticed
remembered forgot recognised touched held hugged stroked brushed combed dried
wiped scrubbed swept hoovered dusted polished repaired built drew sketched
photographed recorded played sang hummed practised learned taught explained
described counted measured weighed checked tested tried returned borrowed lent
rented cancelled booked visited called texted emailed messaged thanked forgave
blamed trusted doubted questioned accepted refused allowed welcomed greeted
missed followed led chased caught dropped lifted pushed pulled dragged rolled
turned twisted shook stretched rested warmed cooled froze melted burned lit
blew climbed crossed passed reached left entered explored searched studied
browsed skimmed reread rewrote edited underlined highlighted copied pasted
arranged rearranged decorated wrapped unwrapped tied untied locked unlocked
loaded unloaded filed stacked piled gathered collected scattered hid showed
""")

PLACES = words("""
kitchen garden park beach station library office cafe market river bridge hill
forest lake shop bakery hospital clinic school church pub bus train car gym pool
museum gallery cinema theatre harbour pier island cliff valley field meadow orchard
farm castle tower square street corner hallway balcony porch attic cellar garage
shed greenhouse allotment playground canal towpath marina lighthouse
""")

PEOPLE = """
my sister|my brother|my mother|my father|my friend|an old friend|my neighbour|my
colleague|my therapist|my partner|my ex|my son|my daughter|my aunt|my uncle|my
cousin|my grandmother|my grandfather|the children|a stranger|my manager|my doctor|
the group|my best friend|someone from work|the woman next door|the man at the shop
""".replace("\n", " ").split("|")
PEOPLE = [" ".join(person.split()) for person in PEOPLE]

TIMES = """
this morning|this evening|tonight|today|yesterday|last night|at lunch|after work|
before bed|on the way home|at dawn|in the afternoon|over the weekend|on Sunday|
on Monday|at midnight|after dinner|during the meeting|on the walk|in the queue
""".replace("\n", " ").split("|")
TIMES = [" ".join(time.split()) for time in TIMES]

# Plurals the simple rule would get wrong.
IRREGULAR = {
    "knife": "knives",
    "leaf": "leaves",
    "mouse": "mice",
    "foot": "feet",
    "sheep": "sheep",
    "fish": "fish",
    "shelf": "shelves",
    "deer": "deer",
    "goose": "geese",
    "scarf": "scarves",
    "jeans": "jeans",
    "trousers": "trousers",
    "pyjamas": "pyjamas",
    "scissors": "scissors",
    "dice": "dice",
    "headphones": "headphones",
    "crayons": "crayons",
    "blocks": "blocks",
    "dishes": "dishes",
    "groceries": "groceries",
    "roof": "roofs",
    "chief": "chiefs",
    "cafe": "cafes",
}


def plural(noun: str) -> str:
    if noun in IRREGULAR:
        return IRREGULAR[noun]
    if noun.endswith(("s", "x", "ch", "sh", "z")):
        return noun + "es"
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


SENTENCES = """
{Time} I {verb} the {noun} and felt {adj}.
I kept thinking about {person} while I {verb} the {noun}.
At the {place} I noticed the {noun}, the {noun} and a {adj} {noun}.
It was a {adj} day; I {verb} the {nouns} and let the rest wait.
Something {adj} about the {noun} reminded me of {person}.
My {body} felt {adj} after I {verb} the {noun}.
I am learning that trust grows slowly, like a {noun} in a {adj} {place}.
{Time} was {adj}, and that is allowed.
I wrote a list: the {noun}, the {nouns}, the {adj} {noun}.
{person} asked about the {noun}; I said I was {adj}, which was true.
I did not answer the message; I {verb} the {nouns} instead.
There were {nouns} everywhere at the {place}, {adj} and {adj}.
I let myself be {adj} for a while, then I {verb} the {noun}.
When I think of the {noun} now I feel {adj}, not {adj}.
I sat by the {noun} with a cup of tea and watched the {nouns}.
{Time} the {noun} outside the window looked {adj}.
I told {person} about the {noun}, and it felt {adj} to say it out loud.
I {verb} the {noun} slowly, one thing at a time.
The {place} was {adj}; the {nouns} were {adj}.
I want to remember the {adj} {noun} and the sound of the {nouns}.
It is {adj} to trust my own {noun} again.
I wonder why the {noun} still makes me {adj}.
A small thing: {person} {verb} the {noun} for me without being asked.
I walked to the {place} and back, past the {nouns} and the {adj} {noun}.
The old {noun} is still in the {place}; I am not ready to move it.
I breathed out and felt my {body} soften.
I {verb} the {noun}, {verb} the {nouns}, and went to bed {adj}.
Nothing happened, and that felt {adj}.
I caught myself expecting the worst from {person}, and I paused.
{person} kept a promise today, a small one about the {noun}.
I felt {adj} when the {noun} arrived, then {adj}.
I am allowed to be {adj} and still be kind to myself.
It rained on the {nouns}, and the {place} smelled {adj}.
I could not sleep, so I {verb} the {noun} and listened to the {nouns}.
I said no to {person}, gently, and the {noun} did not fall apart.
The {adj} {noun} on the {noun} made me smile.
I found an old {noun} in a {noun} and read it twice.
My chest was {adj} all afternoon; the {noun} helped a little.
I do not have to decide anything about {person} today.
I walked past the {place} where it happened and kept walking.
""".strip().splitlines()

TITLES = """
{Time}
A {adj} {time}
About the {noun}
Thinking of {person}
At the {place}
The {adj} {noun}
{Nouns} and {nouns}
A note to myself
Small things
Before sleep
""".strip().splitlines()

TAGS = (
    "family",
    "work",
    "sleep",
    "therapy",
    "friends",
    "walks",
    "letters",
    "anger",
    "hope",
    "body",
    "money",
    "children",
    "music",
    "dreams",
    "small wins",
    "boundaries",
)

BODY = words("shoulders chest stomach throat jaw back neck head hands breath")


def _zipf(words: list[str]) -> tuple[list[str], list[float]]:
    """The bank without repeats, and cumulative weights falling as 1/rank."""
    unique = list(dict.fromkeys(words))
    weights = list(itertools.accumulate(1 / (rank + 1) ** 1.05 for rank in range(len(unique))))
    return unique, weights


BANKS = {
    "noun": _zipf(NOUNS),
    "adj": _zipf(ADJECTIVES),
    "verb": _zipf(VERBS),
    "place": _zipf(PLACES),
    "body": _zipf(BODY),
}


def vocabulary() -> set[str]:
    """Every word the banks can write (folded as search folds them)."""
    banks = [NOUNS, map(plural, NOUNS), ADJECTIVES, VERBS, PLACES, PEOPLE, TIMES, BODY]
    return search.words(" ".join(itertools.chain(*banks, SENTENCES, TITLES, TAGS)))


class Writer:
    """Writes entries and answers from one random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def word(self, bank: str) -> str:
        words, weights = BANKS[bank]
        return self.rng.choices(words, cum_weights=weights)[0]

    def fill(self, template: str) -> str:
        def slot(name: str) -> str:
            key = name.lower()
            if key == "nouns":
                value = plural(self.word("noun"))
            elif key == "person":
                value = self.rng.choice(PEOPLE)
            elif key == "time":
                value = self.rng.choice(TIMES)
            else:
                value = self.word(key)
            return value[:1].upper() + value[1:] if name[0].isupper() else value

        parts = template.split("{")
        out = [parts[0]]
        for part in parts[1:]:
            name, rest = part.split("}", 1)
            out += [slot(name), rest]
        text = ARTICLE.sub(r"\1n \2", "".join(out))
        return text[:1].upper() + text[1:]

    def sentences(self, count: int) -> list[str]:
        return [self.fill(self.rng.choice(SENTENCES)) for _ in range(count)]

    def paragraphs(self, count: int) -> str:
        said = self.sentences(count)
        breaks = []
        while said:
            size = self.rng.randint(2, 5)
            breaks.append(" ".join(said[:size]))
            said = said[size:]
        return "\n\n".join(breaks)

    def length(self) -> int:
        """Sentences in an entry: mostly a few, sometimes many."""
        kind = self.rng.random()
        if kind < 0.3:
            return self.rng.randint(1, 3)
        if kind < 0.85:
            return self.rng.randint(4, 12)
        return self.rng.randint(13, 60)

    def entry(self, day: datetime.date, prompt: Exercise | None = None) -> Content:
        rng = self.rng
        body = self.paragraphs(self.length())
        if prompt is not None and (questions := prompt.questions()):
            body = f"The guide asked: “{rng.choice(questions)}”\n\n{body}"
        feelings = rng.sample(FEELINGS, rng.choice([0, 1, 1, 2, 2, 3]))
        return Content(
            title=self.fill(rng.choice(TITLES)) if rng.random() < 0.8 else "",
            body=body,
            entry_date=day,
            mood=rng.choice([None, 1, 2, 2, 3, 3, 3, 4, 4, 5]),
            feelings={feeling.code: rng.choice(list(INTENSITIES)) for feeling in feelings},
            tags=rng.sample(TAGS, rng.choice([0, 0, 1, 1, 2, 3])),
        )

    def answer(self, exercise: Exercise) -> dict[str, Any]:
        """An answer to any exercise, from the keys its kind's answers hold."""
        rng = self.rng
        parts: dict[str, Any] = {}
        for key in exercise.kind_spec.shape:
            if key in ("prompts", "fields"):
                parts[key] = {
                    item["id"]: self.paragraphs(rng.randint(1, 5)) for item in exercise.items(key)
                }
            elif key == "note":
                parts[key] = " ".join(self.sentences(rng.randint(1, 3)))
            elif key == "options":
                ids = [item["id"] for item in exercise.items("options")]
                parts[key] = rng.sample(ids, rng.randint(1, len(ids))) if ids else []
            elif key == "feelings":
                chosen = rng.sample(FEELINGS, rng.randint(1, 3))
                parts[key] = {feeling.code: rng.choice(list(INTENSITIES)) for feeling in chosen}
            elif key == "practices":  # one or more: a plan with none is nothing to save
                ids = [item["id"] for item in exercise.items("practices")]
                chosen = rng.sample(ids, rng.randint(1, len(ids)))
                parts[key] = {practice: rng.choice(Frequency.values) for practice in chosen}
            elif key == "items":
                parts[key] = self.sentences(rng.randint(2, 6))
            else:
                raise ValueError(f"demo answers do not know how to fill “{key}”")
        return parts

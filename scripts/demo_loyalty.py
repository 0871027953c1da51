"""Loyalty demo for ``crm_relationship_loyalty``, called by build_demo.py.

Every demo customer who bought holds a card of the demo program. Its ledger
is replayed from the customer's demo orders, oldest first, as the add-on
keeps it: one award per order (points per currency unit of the program's
rule), some redemptions of the program's rewards, the points not spent
within the expiry period expired (nearest expiry first), and the tier moves
the qualification window gives (an upgrade as soon as the rolling twelve
months reach a threshold, one step down at the monthly assessment after
the grace period when they no longer do). The card's balance is the points
its awards still hold. The add-on expires what is due and assesses the
tiers once more when the demo is loaded.

The dates are days before the install day; the replay counts months in
days, the add-on in calendar months: the expiry run at load takes what the
replay left a day early, and the assessment at load plans the downgrades.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from dataclasses import field as dc_field
from xml.sax.saxutils import quoteattr

from build_demo import customer_xmlid, field, record, when

POINTS_PER_UNIT = 10  # the demo program's rule: 10 points per currency unit
EXPIRY_DAYS = 548  # points expire after 18 months
WINDOW_DAYS = 365  # tiers: points of the rolling twelve months
GRACE_DAYS = 30
# (xml id, threshold), lowest first, as in the demo program
TIERS = [
    ("demo_tier_bronze", 0),
    ("demo_tier_silver", 500),
    ("demo_tier_gold", 1500),
    ("demo_tier_platinum", 5000),
]
NO_OPENING = quoteattr("{'crm_loyalty_no_opening': True}")
REWARDS = [
    # (points, description, lowest tier rank)
    (500, "15% on the order (Gold and Platinum)", 2),
    (200, "10 off the order", 0),
]


@dataclass
class Award:
    age: int
    points: float
    left: float
    xml_id: str


@dataclass
class Card:
    customer: int
    lines: list[str] = dc_field(default_factory=list)
    awards: list[Award] = dc_field(default_factory=list)
    tier: int = -1
    tier_age: int = 0
    moves: list[tuple[int, int, int, str]] = dc_field(default_factory=list)
    downgrade: tuple[int, int] | None = None  # (age it takes effect, rank)

    @property
    def balance(self) -> float:
        return round(sum(a.left for a in self.awards))

    def window(self, age: int) -> float:
        return sum(a.points for a in self.awards if age <= a.age < age + WINDOW_DAYS)


def rank_for(points: float) -> int:
    return max(i for i, (_x, threshold) in enumerate(TIERS) if points >= threshold)


def history(card: Card, key: str, age: int, description: str, **values) -> str:
    xml_id = f"demo_card_{card.customer}_{key}"
    fields = [
        field("card_id", ref=f"demo_card_{card.customer}"),
        field("date", eval_=when(days=age, fmt="%Y-%m-%d")),
        field("description", description),
    ]
    fields += [field(name, value) for name, value in values.items()]
    card.lines.append(record(xml_id, "loyalty.history", fields))
    return xml_id


def consume(card: Card, points: float) -> None:
    """Take ``points`` from the awards, oldest (nearest expiry) first."""
    for award in card.awards:
        take = min(award.left, points)
        award.left = round(award.left - take)
        points = round(points - take)
        if points <= 0:
            break


def expire(card: Card, age: int) -> None:
    """Expire the awards whose expiry day passed before ``age``."""
    due = [a for a in card.awards if a.left > 0 and a.age - EXPIRY_DAYS > age]
    if not due:
        return
    day = due[-1].age - EXPIRY_DAYS - 1
    points = round(sum(a.left for a in due))
    for award in due:
        award.left = 0
    history(
        card,
        f"expiry_{day}",
        day,
        "Points expired",
        used=points,
        movement_type="expiry",
    )


def move_tier(card: Card, rank: int, age: int, cause: str) -> None:
    card.moves.append((age, card.tier, rank, cause))
    card.tier, card.tier_age, card.downgrade = rank, age, None


def assess(card: Card, age: int) -> None:
    """Monthly assessment: plan a one-step downgrade after the grace period."""
    reached = rank_for(card.window(age))
    if reached < card.tier and not card.downgrade:
        card.downgrade = (age - GRACE_DAYS, max(reached, card.tier - 1))
    elif reached >= card.tier:
        card.downgrade = None


def replay(customer: int, orders: list[tuple[int, float, str]], rng) -> Card:
    """``orders``: (age in days, untaxed amount, reference), any order."""
    card = Card(customer)
    orders = sorted(orders, key=lambda o: (-o[0], o[2]))
    first = orders[0][0]
    events = sorted(
        {o[0] for o in orders} | set(range(first - first % 30, -1, -30)),
        reverse=True,
    )
    for age in events:
        expire(card, age)
        if card.downgrade and card.downgrade[0] >= age:
            move_tier(card, card.downgrade[1], card.downgrade[0], "downgrade")
        if age % 30 == 0:
            assess(card, age)
        for order_age, amount, ref in orders:
            if order_age != age:
                continue
            for points, description, lowest in REWARDS:
                if (
                    card.balance >= points
                    and card.tier >= lowest
                    and rng.random() < 0.6
                ):
                    history(
                        card,
                        f"redeem_{ref.split()[-1]}",
                        age,
                        f"{description}: order {ref}",
                        used=points,
                        movement_type="redemption",
                    )
                    consume(card, points)
                    break
            points = round(amount * POINTS_PER_UNIT)
            xml_id = history(
                card,
                f"award_{ref.split()[-1]}",
                age,
                f"Order {ref}",
                issued=points,
                movement_type="award",
                qualifying_points=points,
                qualifying_amount=round(amount, 2),
            )
            card.awards.append(Award(age, points, points, xml_id))
            reached = rank_for(card.window(age))
            if reached > card.tier:
                move_tier(card, reached, age, "upgrade")
            elif card.downgrade and reached >= card.tier:
                card.downgrade = None
    # a downgrade planned before today takes effect; the load's assessment
    # plans the others
    if card.downgrade and card.downgrade[0] >= 0:
        move_tier(card, card.downgrade[1], card.downgrade[0], "downgrade")
    return card


def build_loyalty(orders: dict[int, list[tuple[int, float, str]]]) -> list[str]:
    """Cards, ledgers and tier history of the customers in ``orders``."""
    rng = random.Random(15)
    records, lines, moves = [], [], []
    for index, customer in enumerate(sorted(orders)):
        if index % 10 == 9:
            continue  # never joined the program
        card = replay(customer, orders[customer], rng)
        fields = [
            field("program_id", ref="demo_program"),
            field("partner_id", ref=f"crm_relationship.{customer_xmlid(customer)}"),
            field("points", card.balance),
        ]
        if card.tier >= 0:
            fields += [
                field("tier_id", ref=TIERS[card.tier][0]),
                field("tier_date", eval_=when(days=card.tier_age, fmt="%Y-%m-%d")),
            ]
        # the ledger below holds the balance: no opening balance line
        records.append(
            record(f"demo_card_{customer}", "loyalty.card", fields).replace(
                'model="loyalty.card">', f'model="loyalty.card" context={NO_OPENING}>'
            )
        )
        lines += card.lines
        for number, (age, old, new, cause) in enumerate(card.moves, 1):
            values = [
                field("card_id", ref=f"demo_card_{customer}"),
                field("tier_to_id", ref=TIERS[new][0]),
                field("date", eval_=when(days=age, fmt="%Y-%m-%d")),
                field("cause", cause),
            ]
            if old >= 0:
                values.insert(1, field("tier_from_id", ref=TIERS[old][0]))
            moves.append(
                record(
                    f"demo_card_{customer}_tier_{number}",
                    "crm.relationship.loyalty.tier.history",
                    values,
                )
            )
    # what expired a day early for the replay, then the tiers as of today
    functions = [
        '    <function model="loyalty.history" name="_cron_expire_loyalty_points" />',
        '    <function model="loyalty.program" name="action_assess_tiers">\n'
        "        <value eval=\"[ref('demo_program')]\" />\n"
        "    </function>",
    ]
    return records + lines + moves + functions

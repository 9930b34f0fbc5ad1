//! The recipe of a generated scenario: small numbers that proptest draws and shrinks, which
//! [`super::scenarios::build`] turns into a scenario. Every number is read modulo what it picks
//! from, so any recipe builds a scenario; shrinking a recipe simplifies the scenario.

use proptest::collection::vec;
use proptest::prelude::*;

/// A zone: its kind, the earlier zone it hangs from (the spanning tree that keeps the map
/// connected), an extra edge, value, controller and supply (numbers at or past the side count
/// mean none).
#[derive(Debug, Clone)]
pub struct ZoneR {
    pub kind: u8,
    pub parent: u8,
    pub extra: Option<u8>,
    pub value: u8,
    pub controller: u8,
    pub supply: u8,
}

/// A unit type's factors, domain and the zone kinds it enters (a bit mask).
#[derive(Debug, Clone)]
pub struct TypeR {
    pub domain: u8,
    pub movement: u8,
    pub factors: [u8; 4],
    pub enters: u8,
}

/// A unit: its side, type, zone (the first zone from here on its type may enter), strength,
/// readiness and posture.
#[derive(Debug, Clone)]
pub struct UnitR {
    pub side: u8,
    pub ty: u8,
    pub zone: u8,
    pub strength: u8,
    pub readiness: u8,
    pub posture: u8,
}

/// A condition: its kind and three numbers read by kind.
#[derive(Debug, Clone)]
pub struct CondR {
    pub kind: u8,
    pub a: u8,
    pub b: u8,
    pub v: u8,
}

/// An effect: its kind and three numbers read by kind.
#[derive(Debug, Clone)]
pub struct EffectR {
    pub kind: u8,
    pub a: u8,
    pub b: u8,
    pub v: i8,
}

/// A scripted event.
#[derive(Debug, Clone)]
pub struct EventR {
    pub trigger: u8,
    pub at: u8,
    pub cond: CondR,
    pub effects: Vec<EffectR>,
    pub once: bool,
}

/// A whole scenario in small numbers.
#[derive(Debug, Clone)]
pub struct Recipe {
    pub turns: u8,
    pub zones: Vec<ZoneR>,
    pub sides: Vec<Option<u8>>,
    pub relations: Vec<(u8, u8, u8)>,
    pub types: Vec<TypeR>,
    pub units: Vec<UnitR>,
    pub added: Vec<UnitR>,
    pub events: Vec<EventR>,
    pub tension: u8,
    pub thresholds: Vec<(u8, Option<u8>)>,
    pub escalation: Option<[i8; 6]>,
    pub objectives: Vec<(u8, u8, u8)>,
    pub sudden_death: Option<(u8, u8)>,
    /// The rules: the shipped default ruleset (`None`), or a small generated one.
    pub rules: Option<RulesR>,
}

/// A generated ruleset: 1..=4 odds columns (their d6 results as small numbers), terrain shifts,
/// posture and readiness modifiers, the detection target and the adjacent modifier.
#[derive(Debug, Clone)]
pub struct RulesR {
    pub columns: Vec<(u8, [u8; 6])>,
    pub terrain: Vec<(u8, i8)>,
    pub posture: Vec<(u8, [i8; 3])>,
    pub readiness: Vec<(u8, i8)>,
    pub target: u8,
    pub adjacent: i8,
}

fn rules_r() -> impl Strategy<Value = RulesR> {
    (
        vec(
            (
                0u8..8,
                [0u8..16, 0u8..16, 0u8..16, 0u8..16, 0u8..16, 0u8..16],
            ),
            1..=4,
        ),
        vec((0u8..6, -3i8..=3), 0..=3),
        vec((0u8..4, [-2i8..=2, -2i8..=2, -2i8..=2]), 0..=2),
        vec((0u8..3, -3i8..=0), 0..=2),
        2u8..=8,
        -3i8..=0,
    )
        .prop_map(
            |(columns, terrain, posture, readiness, target, adjacent)| RulesR {
                columns,
                terrain,
                posture,
                readiness,
                target,
                adjacent,
            },
        )
}

fn zone_r() -> impl Strategy<Value = ZoneR> {
    (
        0u8..6,
        any::<u8>(),
        proptest::option::weighted(0.4, any::<u8>()),
        0u8..6,
        0u8..8,
        0u8..12,
    )
        .prop_map(|(kind, parent, extra, value, controller, supply)| ZoneR {
            kind,
            parent,
            extra,
            value,
            controller,
            supply,
        })
}

fn type_r() -> impl Strategy<Value = TypeR> {
    (
        0u8..5,
        0u8..=4,
        [0u8..=10, 0u8..=10, 0u8..=10, 0u8..=10],
        1u8..64,
    )
        .prop_map(|(domain, movement, factors, enters)| TypeR {
            domain,
            movement,
            factors,
            enters,
        })
}

fn unit_r() -> impl Strategy<Value = UnitR> {
    (
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
        1u8..=10,
        0u8..3,
        0u8..4,
    )
        .prop_map(|(side, ty, zone, strength, readiness, posture)| UnitR {
            side,
            ty,
            zone,
            strength,
            readiness,
            posture,
        })
}

fn cond_r() -> impl Strategy<Value = CondR> {
    (0u8..9, any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(kind, a, b, v)| CondR {
        kind,
        a,
        b,
        v,
    })
}

fn effect_r() -> impl Strategy<Value = EffectR> {
    (0u8..7, any::<u8>(), any::<u8>(), -4i8..=4).prop_map(|(kind, a, b, v)| EffectR {
        kind,
        a,
        b,
        v,
    })
}

fn event_r() -> impl Strategy<Value = EventR> {
    (
        0u8..3,
        any::<u8>(),
        cond_r(),
        vec(effect_r(), 0..=3),
        proptest::bool::weighted(0.8),
    )
        .prop_map(|(trigger, at, cond, effects, once)| EventR {
            trigger,
            at,
            cond,
            effects,
            once,
        })
}

/// Recipes of scenarios with 2..=9 zones, 2..=4 sides, 1..=4 unit types, 1..=14 units (and up
/// to 3 more that events bring on), 0..=4 events, 1..=30 turns (most games short).
pub fn recipe() -> impl Strategy<Value = Recipe> {
    // Most games are short, some run to 30 turns.
    let turns = prop_oneof![3 => 1u8..=6, 2 => 7u8..=15, 1 => 16u8..=30];
    let map = (
        turns,
        vec(zone_r(), 2..=9),
        vec(proptest::option::weighted(0.3, 0u8..4), 2..=4),
        vec((any::<u8>(), any::<u8>(), 0u8..3), 0..=6),
        vec(type_r(), 1..=4),
    );
    let forces = (
        vec(unit_r(), 1..=14),
        vec(unit_r(), 0..=3),
        vec(event_r(), 0..=4),
    );
    let script = (
        0u8..=10,
        vec((0u8..=10, proptest::option::of(any::<u8>())), 0..=2),
        proptest::option::weighted(
            0.8,
            [-2i8..=3, -2i8..=3, -2i8..=3, -2i8..=3, -3i8..=1, -3i8..=1],
        ),
        vec((any::<u8>(), any::<u8>(), 1u8..=5), 0..=4),
        proptest::option::weighted(0.3, (4u8..=10, any::<u8>())),
    );
    let rules = proptest::option::weighted(0.8, rules_r());
    (map, forces, script, rules).prop_map(
        |(
            (turns, zones, sides, relations, types),
            (units, added, events),
            (tension, thresholds, escalation, objectives, sudden_death),
            rules,
        )| Recipe {
            turns,
            zones,
            sides,
            relations,
            types,
            units,
            added,
            events,
            tension,
            thresholds,
            escalation,
            objectives,
            sudden_death,
            rules,
        },
    )
}

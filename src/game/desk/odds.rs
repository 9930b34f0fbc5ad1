//! The odds of an engagement before it is ordered, for the prompt's `odds` command: the units that
//! would attack (named, else those ordered to engage there, else every unit that could), the units
//! of the defender the side knows of there, each unit's share of the totals as the umpire's account
//! shows it, the six results of the column in words, and the modifiers it had to assume for what
//! the side cannot see.

use super::prompt::pick;
use crate::game::views::redact::Picture;
use crate::model::UnitState;
use crate::orders::file::UnitOrderText;
use crate::orders::{Command, Order, check};
use crate::report::{text, words};
use crate::rules::combat;
use crate::scenario::{Posture, Readiness, Relation};
use std::fmt::Write;

/// The estimate as text. `units` names attackers (prefixes allowed); empty means "the units
/// ordered to engage there, else every unit of the side that could".
pub fn odds(
    p: &Picture,
    orders: &[UnitOrderText],
    zone: &str,
    side: &str,
    units: &[String],
) -> Result<String, String> {
    let c = &p.c;
    if zone.is_empty() || side.is_empty() {
        return Err("write `odds ZONE SIDE [UNIT ...]`, e.g. `odds ZONE SIDE` for every unit that could engage, or name the units".into());
    }
    let z = pick("zone", zone, &p.zone_ids())?;
    let t = pick("side", side, &p.other_sides())?;
    let (zi, ti) = (
        c.zone(&z).unwrap_or_default(),
        c.side(&t).unwrap_or_default(),
    );
    if p.state.relations.get(p.side, ti) == Relation::Allied {
        return Err(format!("{t} is your ally: allies never engage each other"));
    }
    let own = p.own_ids();
    let named: Vec<String> = units
        .iter()
        .map(|w| pick("unit of yours", w, &own))
        .collect::<Result<_, _>>()?;
    let b = p.board();
    let can = |u: &UnitState| {
        check(
            &b,
            p.side,
            &Order {
                unit: u.id,
                command: Command::Engage(zi, ti),
            },
            &|_| false,
        )
        .is_ok()
    };
    let ordered: Vec<&str> = orders
        .iter()
        .filter(|o| matches!(&o.order, Command::Engage(a, x) if *a == z && *x == t))
        .map(|o| o.unit.as_str())
        .collect();
    let mine = p.state.units.iter().filter(|u| u.side == p.side);
    let (attackers, who): (Vec<UnitState>, &str) = if !named.is_empty() {
        let v = mine
            .filter(|u| named.iter().any(|n| n == c.unit_name(u.id)))
            .copied()
            .collect();
        (v, "the units you named")
    } else if !ordered.is_empty() {
        let v = mine
            .filter(|u| ordered.contains(&c.unit_name(u.id)))
            .copied()
            .collect();
        (v, "your units ordered to engage there")
    } else {
        (
            mine.filter(|u| can(u)).copied().collect(),
            "every unit of yours that could engage there this turn",
        )
    };
    if attackers.is_empty() {
        return Err(format!(
            "none of your units can reach {z} to engage this turn (`legal UNIT` lists what each can do)"
        ));
    }
    if let Some(u) = attackers.iter().find(|u| !can(u)) {
        return Err(format!(
            "{} cannot engage in {z} this turn (`legal {}` lists what it can do)",
            c.unit_name(u.id),
            c.unit_name(u.id)
        ));
    }
    // An Engage order puts the attackers in the aggressive posture before they fight.
    let attackers: Vec<UnitState> = attackers
        .into_iter()
        .map(|u| UnitState {
            posture: Posture::Aggressive,
            ..u
        })
        .collect();
    let defenders: Vec<UnitState> = p
        .state
        .units
        .iter()
        .filter(|u| u.side == ti && u.zone == zi)
        .copied()
        .collect();
    if defenders.is_empty() {
        return Ok(format!(
            "you know of no {t} units in {z}: an engagement there finds no target unless you detect some first\n"
        ));
    }
    let kind = c.zones[zi.index()].kind;
    let o = combat::odds(&b, &attackers, &defenders, kind);
    let mut out = format!(
        "odds in {z} against the {t} units you know of, with {who}: {}\n",
        text::odds_line(&o)
    );
    let _ = writeln!(out, "  attack:  {}", text::terms(&o.attack));
    let _ = writeln!(out, "  defence: {}", text::terms(&o.defence));
    let r: Vec<String> = c.ruleset.crt[o.column_index]
        .results
        .iter()
        .enumerate()
        .map(|(i, x)| format!("{}: {}", i + 1, words::result(*x)))
        .collect();
    let _ = writeln!(out, "  d6 -> {}", r.join("; "));
    let hidden: Vec<&str> = defenders
        .iter()
        .filter(|u| !p.knows_detail(u))
        .map(|u| c.unit_name(u.id))
        .collect();
    let _ = writeln!(
        out,
        "  assumed: your units {} (an Engage order sets it), readiness as now{}",
        words::posture(Posture::Aggressive),
        if hidden.is_empty() {
            String::new()
        } else {
            format!(
                "; {} {} and {} posture (you cannot see their readiness or posture)",
                hidden.join(", "),
                words::readiness(Readiness::Fresh),
                words::posture(Posture::Normal)
            )
        }
    );
    let dug_in: Vec<UnitState> = defenders
        .iter()
        .map(|u| UnitState {
            posture: Posture::Defensive,
            ..*u
        })
        .collect();
    let alt = combat::odds(&b, &attackers, &dug_in, kind);
    if !hidden.is_empty() && alt.column != o.column {
        let _ = writeln!(
            out,
            "  if they hold (posture {}): defence {}, column {}",
            words::posture(Posture::Defensive),
            alt.defence_total,
            alt.column
        );
    }
    let _ = writeln!(out, "  not counted: {t} units in {z} you have not detected");
    if p.state.relations.get(p.side, ti) == Relation::Neutral {
        let up = c
            .escalation
            .as_ref()
            .filter(|e| c.tracks[e.track.index()].public)
            .map(|e| {
                format!(
                    " and moves {} by {:+}",
                    c.tracks[e.track.index()].name,
                    e.table.engage_neutral
                )
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  warning: you are not at war with {t}: engaging turns the relation hostile{up}"
        );
    }
    Ok(out)
}

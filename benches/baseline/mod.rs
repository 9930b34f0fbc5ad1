//! The baseline: a turn's movement, detection and engagement written as a plain loop over
//! arrays — no ECS, no events, no log, no order check — with the same rules arithmetic the engine
//! calls (`whitecell::rules`, the reach table, the dice). The ECS turn (`turn/N`) is measured
//! against it (`baseline/N`), so the cost of bevy_ecs, the event log and the checks is a ratio
//! anyone can see.
//!
//! What it leaves out, so it is a floor and not a second engine: the order check (orders are taken
//! as legal), head-on meetings on a border, withdrawals' detours round hostile zones (a withdrawal
//! takes the plain path), control, readiness, supply, scripted events and victory.

use whitecell::dice::{Dice, Phase};
use whitecell::model::{Compiled, SideId, State, UnitId, UnitState, ZoneId};
use whitecell::orders::{Command, SideOrders};
use whitecell::rules::{combat, detection};
use whitecell::scenario::{Posture, Readiness, Relation};

const NONE: u32 = u32::MAX;

/// The units as arrays, by unit index, and the loop's buffers.
#[derive(Default)]
pub struct Soa {
    on: Vec<bool>,
    zone: Vec<u32>,
    side: Vec<u16>,
    kind: Vec<u16>,
    strength: Vec<u8>,
    readiness: Vec<Readiness>,
    posture: Vec<Posture>,
    dest: Vec<u32>,
    target: Vec<u16>,
    withdraw: Vec<bool>,
    present: Vec<u64>,
    start: Vec<u32>,
    member: Vec<u32>,
    best: Vec<(i32, u32)>,
    seen: Vec<bool>,
    path: Vec<ZoneId>,
    groups: Vec<(u32, u16, u16, u32)>,
    att: Vec<UnitState>,
    def: Vec<UnitState>,
    alloc: Vec<(UnitId, u8)>,
}

impl Soa {
    /// Loads a game's units and one turn's orders.
    pub fn load(&mut self, c: &Compiled, s: &State, orders: &[(SideId, SideOrders)]) {
        let n = c.units.len();
        self.on.clear();
        self.on.resize(n, false);
        for v in [&mut self.zone, &mut self.dest] {
            v.clear();
            v.resize(n, NONE);
        }
        self.side.clear();
        self.side.resize(n, 0);
        self.kind.clear();
        self.kind.resize(n, 0);
        self.strength.clear();
        self.strength.resize(n, 0);
        self.readiness.clear();
        self.readiness.resize(n, Readiness::Fresh);
        self.posture.clear();
        self.posture.resize(n, Posture::Normal);
        self.target.clear();
        self.target.resize(n, u16::MAX);
        self.withdraw.clear();
        self.withdraw.resize(n, false);
        for u in &s.units {
            let i = u.id.index();
            self.on[i] = true;
            self.zone[i] = u.zone.0;
            self.side[i] = u.side.0;
            self.kind[i] = u.kind.0;
            self.strength[i] = u.strength;
            self.readiness[i] = u.readiness;
            self.posture[i] = u.posture;
        }
        for (_, so) in orders {
            for o in &so.orders {
                let i = o.unit.index();
                self.posture[i] = whitecell::sim::phases::posture_for(&o.command);
                if let Some(z) = o.command.destination() {
                    self.dest[i] = z.0;
                }
                match o.command {
                    Command::Engage(_, t) => self.target[i] = t.0,
                    Command::Withdraw(_) => self.withdraw[i] = true,
                    _ => {}
                }
            }
        }
    }

    fn unit(&self, i: usize) -> UnitState {
        UnitState {
            id: UnitId(i as u32),
            side: SideId(self.side[i]),
            kind: whitecell::model::KindId(self.kind[i]),
            zone: ZoneId(self.zone[i]),
            strength: self.strength[i],
            readiness: self.readiness[i],
            posture: self.posture[i],
        }
    }

    /// Groups the units on the map by zone (a counting sort) and notes which sides are where.
    fn place(&mut self, zones: usize) {
        self.start.clear();
        self.start.resize(zones + 1, 0);
        self.present.clear();
        self.present.resize(zones, 0);
        for i in 0..self.on.len() {
            if self.on[i] {
                let z = self.zone[i] as usize;
                self.start[z + 1] += 1;
                self.present[z] |= 1 << self.side[i];
            }
        }
        for z in 0..zones {
            self.start[z + 1] += self.start[z];
        }
        self.member.clear();
        self.member.resize(self.start[zones] as usize, 0);
        let mut fill = self.start.clone();
        for i in 0..self.on.len() {
            if self.on[i] {
                let z = self.zone[i] as usize;
                self.member[fill[z] as usize] = i as u32;
                fill[z] += 1;
            }
        }
    }
}

/// One turn's movement, detection and engagement; returns a checksum of the result.
pub fn turn(c: &Compiled, s: &mut Soa, dice: &Dice) -> u64 {
    let nz = c.zones.len();
    let sides = c.side_count();
    let hostile: Vec<u64> = (0..sides)
        .map(|a| {
            (0..sides).fold(0u64, |m, b| {
                m | (u64::from(c.relations.hostile(SideId(a as u16), SideId(b as u16))) << b)
            })
        })
        .collect();
    // Movement, from the positions at the start, stopping on entering a hostile zone.
    s.place(nz);
    for i in 0..s.on.len() {
        if !s.on[i] || s.dest[i] == NONE || s.dest[i] == s.zone[i] {
            continue;
        }
        let kind = whitecell::model::KindId(s.kind[i]);
        let mv = c.kinds[kind.index()].movement;
        let mut path = std::mem::take(&mut s.path);
        if c.reach
            .path(kind, ZoneId(s.zone[i]), ZoneId(s.dest[i]), mv, &mut path)
        {
            let mut to = s.zone[i];
            for (k, z) in path.iter().enumerate() {
                to = z.0;
                if !s.withdraw[i]
                    && s.present[z.index()] & hostile[s.side[i] as usize] != 0
                    && k + 1 < path.len()
                {
                    break;
                }
            }
            s.zone[i] = to;
        }
        s.path = path;
    }
    // Detection: each side's best watcher in or next to each zone, one d6 per other side's unit.
    s.place(nz);
    s.best.clear();
    s.best.resize(sides * nz, (i32::MIN, NONE));
    for i in 0..s.on.len() {
        if s.on[i] {
            let d =
                i32::from(c.kinds[s.kind[i] as usize].detection) + c.tables.detection(s.posture[i]);
            let cell = &mut s.best[s.side[i] as usize * nz + s.zone[i] as usize];
            if cell.0 == i32::MIN || d > cell.0 {
                *cell = (d, i as u32);
            }
        }
    }
    s.seen.clear();
    s.seen.resize(sides * s.on.len(), false);
    let mut stream = dice.stream(1, Phase::Detection);
    let rule = &c.ruleset.detection;
    for side in 0..sides {
        let mine = &s.best[side * nz..(side + 1) * nz];
        for z in 0..nz {
            let (a, b) = (s.start[z] as usize, s.start[z + 1] as usize);
            if a == b {
                continue;
            }
            let watcher = if mine[z].0 != i32::MIN {
                Some((mine[z].0, false))
            } else {
                c.zones[z]
                    .neighbours
                    .iter()
                    .map(|n| mine[n.index()])
                    .filter(|x| x.0 != i32::MIN)
                    .max_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)))
                    .map(|x| (x.0, true))
            };
            let Some((det, adjacent)) = watcher else {
                continue;
            };
            for &u in &s.member[a..b] {
                let u = u as usize;
                let other = SideId(s.side[u]);
                if other.index() == side
                    || c.relations.get(SideId(side as u16), other) == Relation::Allied
                {
                    continue;
                }
                let stealth = i32::from(c.kinds[s.kind[u] as usize].stealth);
                let (_, hit) = detection::roll_detects(rule, det, stealth, adjacent, stream.d6());
                s.seen[side * s.on.len() + u] = hit;
            }
        }
    }
    // Engagement: engaging units in their target zone, grouped by (zone, attacker, defender).
    s.groups.clear();
    for i in 0..s.on.len() {
        if s.on[i] && s.target[i] != u16::MAX && s.dest[i] == s.zone[i] {
            s.groups.push((s.zone[i], s.side[i], s.target[i], i as u32));
        }
    }
    s.groups.sort_unstable();
    let mut stream = dice.stream(1, Phase::Engagement);
    let mut g = 0;
    while g < s.groups.len() {
        let (z, att, def, _) = s.groups[g];
        let end = g + s.groups[g..]
            .iter()
            .take_while(|x| (x.0, x.1, x.2) == (z, att, def))
            .count();
        s.att.clear();
        for k in g..end {
            let i = s.groups[k].3 as usize;
            if s.strength[i] > 0 {
                s.att.push(s.unit(i));
            }
        }
        g = end;
        s.def.clear();
        let n = s.on.len();
        for &u in &s.member[s.start[z as usize] as usize..s.start[z as usize + 1] as usize] {
            let u = u as usize;
            if s.side[u] == def && s.strength[u] > 0 && s.seen[att as usize * n + u] {
                s.def.push(s.unit(u));
            }
        }
        if s.att.is_empty() || s.def.is_empty() {
            continue;
        }
        let total = |us: &[UnitState], attacking| -> u32 {
            us.iter()
                .map(|u| combat::value(&c.tables, &c.kinds[u.kind.index()], u, attacking))
                .sum()
        };
        let (at, dt) = (total(&s.att, true), total(&s.def, false));
        if at == 0 {
            continue;
        }
        let (_, col) = combat::columns(c, at, dt, c.zones[z as usize].kind);
        let (a_loss, d_loss, _) = combat::effects(combat::result(&c.ruleset, col, stream.d6()));
        for (group, loss) in [(&s.att, a_loss), (&s.def, d_loss)] {
            combat::allocate_into(group, loss, &mut s.alloc);
            for &(id, steps) in &s.alloc {
                let st = &mut s.strength[id.index()];
                *st -= steps;
                if *st == 0 {
                    s.on[id.index()] = false;
                }
            }
        }
    }
    s.zone.iter().zip(&s.strength).fold(0u64, |h, (z, st)| {
        h.wrapping_mul(31)
            .wrapping_add(u64::from(*z) + u64::from(*st))
    })
}

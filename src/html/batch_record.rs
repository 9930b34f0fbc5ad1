//! The batch report's reproducibility record: every field of the manifests' key (engine
//! version, scenario and its hash, each point's edited-scenario hash, master seed and how each
//! run's seed is derived, sets, sweeps, policies, shards, format, columns), the command that plays
//! the batch's first run again, and every manifest in full.

use super::batch_read::{Batch, describe};
use super::batch_stats::Stats;
use super::markup::esc;
use std::fmt::Write;

/// Writes the record of `b` into `out`.
pub fn record(out: &mut String, b: &Batch, s: &Stats) {
    let m = &b.parts[0].manifest;
    let k = &b.key;
    out.push_str(r#"<section class="block"><div class="provenance"><h2>Reproducibility record</h2><table class="data"><tbody>"#);
    let mut row = |name: &str, value: String| {
        let _ = write!(out, "<tr><th>{}</th><td>{}</td></tr>", esc(name), value);
    };
    row("batch", esc(&describe(m)));
    row("engine version", esc(&k.engine_version));
    row("scenario file", esc(&m.scenario));
    row(
        "scenario hash",
        format!("<code>{}</code>", esc(&k.scenario_hash)),
    );
    row(
        "each point's edited-scenario hash",
        m.point_hashes
            .iter()
            .enumerate()
            .map(|(i, h)| {
                format!(
                    "{}: <code>{}</code>",
                    esc(&s.points.get(i).map_or(String::new(), |p| p.label.clone())),
                    esc(h)
                )
            })
            .collect::<Vec<_>>()
            .join("<br>"),
    );
    row("master seed", k.master_seed.to_string());
    row("seed derivation", esc(&k.seed_derivation));
    row("runs per point", k.runs_per_point.to_string());
    row("sets", esc(&k.sets.join(" ")));
    row(
        "sweeps",
        esc(&k
            .sweeps
            .iter()
            .map(|s| format!("{}={}", s.path, s.values.join(",")))
            .collect::<Vec<_>>()
            .join(" ")),
    );
    row(
        "policies per point",
        k.policies
            .iter()
            .map(|p| {
                esc(&p
                    .iter()
                    .map(|(s, x)| format!("{s}={x}"))
                    .collect::<Vec<_>>()
                    .join(" "))
            })
            .collect::<Vec<_>>()
            .join("<br>"),
    );
    row(
        "shards",
        format!("{} ({} here)", k.shard.count, b.parts.len()),
    );
    row("format", k.format.ext().to_string());
    row(
        "columns",
        esc(&m
            .columns
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")),
    );
    if let Some((run, seed)) = s.first {
        let point = run / k.runs_per_point.max(1);
        let mut cmd = format!("whitecell run {} --seed {seed}", m.scenario);
        if let Some(pol) = k.policies.get(point as usize) {
            for (side, p) in pol {
                let _ = write!(cmd, " --policy {side}={p}");
            }
        }
        for e in &k.sets {
            let _ = write!(cmd, " --set {e}");
        }
        if let Some(p) = s.points.get(point as usize) {
            for part in p.label.split(", ").filter(|x| x.contains('=')) {
                let _ = write!(cmd, " --set {part}");
            }
        }
        row(
            &format!("to play run {run} again"),
            format!("<code>{}</code>", esc(&cmd)),
        );
    }
    out.push_str("</tbody></table><h3>The manifests, in full</h3>");
    for (i, p) in b.parts.iter().enumerate() {
        let json = serde_json::to_string_pretty(&p.manifest).unwrap_or_default();
        let _ = write!(
            out,
            r#"<details{}><summary>{}</summary><pre class="record">{}</pre></details>"#,
            if i == 0 { " open" } else { "" },
            esc(&p.manifest_path.display().to_string()),
            esc(&json)
        );
    }
    out.push_str("</div></section>");
}

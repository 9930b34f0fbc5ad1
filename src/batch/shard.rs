//! Shards: the part of a batch one process plays, `I/N` of the runs, from `--shard I/N` or, asked
//! for with `--shard auto`, a cluster scheduler's array index (Slurm's
//! `SLURM_ARRAY_TASK_ID`/`SLURM_ARRAY_TASK_COUNT`, a Kubernetes Indexed Job's
//! `JOB_COMPLETION_INDEX` with `--shards N`). Without `--shard` a batch plays every run, even
//! inside an array task ([`Shard::resolve`] says so in a note). Shard `I` plays a contiguous range
//! of run indices, so the parts concatenated in shard order are the rows in run order.

use std::ops::Range;

/// Shard `index` of `count` (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shard {
    /// 0-based index.
    pub index: u32,
    /// How many shards in all.
    pub count: u32,
}

impl Default for Shard {
    fn default() -> Self {
        Shard { index: 0, count: 1 }
    }
}

impl Shard {
    /// A checked shard.
    pub fn new(index: u64, count: u64) -> Result<Shard, String> {
        if count == 0 || count > 1_000_000 {
            return Err(format!("the shard count must be 1 to 1000000, not {count}"));
        }
        if index >= count {
            return Err(format!(
                "shard index {index} is out of range: with {count} shards the index is 0 to {}",
                count - 1
            ));
        }
        Ok(Shard {
            index: index as u32,
            count: count as u32,
        })
    }

    /// Parses `I/N`.
    pub fn parse(s: &str) -> Result<Shard, String> {
        let bad = || format!("--shard `{s}`: write I/N with 0 <= I < N, e.g. --shard 3/16");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let i: u64 = i.trim().parse().map_err(|_| bad())?;
        let n: u64 = n.trim().parse().map_err(|_| bad())?;
        Shard::new(i, n).map_err(|e| format!("--shard `{s}`: {e}"))
    }

    /// The shard a scheduler's environment names, if any: Slurm (index less
    /// `SLURM_ARRAY_TASK_MIN`), else `JOB_COMPLETION_INDEX` with `count` (from `--shards`).
    pub fn from_env(
        get: &dyn Fn(&str) -> Option<String>,
        count: Option<u64>,
    ) -> Result<Option<Shard>, String> {
        let num = |name: &str| -> Result<Option<u64>, String> {
            match get(name) {
                None => Ok(None),
                Some(v) => v
                    .trim()
                    .parse()
                    .map(Some)
                    .map_err(|_| format!("{name}=`{v}` is not a whole number")),
            }
        };
        if let Some(id) = num("SLURM_ARRAY_TASK_ID")? {
            let min = num("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0);
            let n = match count {
                Some(n) => n,
                None => num("SLURM_ARRAY_TASK_COUNT")?.ok_or(
                    "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not; give --shards N",
                )?,
            };
            let i = id
                .checked_sub(min)
                .ok_or("SLURM_ARRAY_TASK_ID is below SLURM_ARRAY_TASK_MIN")?;
            return Shard::new(i, n)
                .map(Some)
                .map_err(|e| format!("Slurm array task: {e}"));
        }
        if let Some(i) = num("JOB_COMPLETION_INDEX")? {
            let n = count.ok_or(
                "JOB_COMPLETION_INDEX is set: give the number of completions with --shards N",
            )?;
            return Shard::new(i, n)
                .map(Some)
                .map_err(|e| format!("JOB_COMPLETION_INDEX: {e}"));
        }
        Ok(None)
    }

    /// The shard a batch plays, from its `--shard` (`I/N` or `auto`) and `--shards` flags and the
    /// environment, and a note to show when an array environment is seen but not used.
    pub fn resolve(
        flag: Option<&str>,
        shards: Option<u64>,
        get: &dyn Fn(&str) -> Option<String>,
    ) -> Result<(Shard, Option<String>), String> {
        match flag.map(str::trim) {
            Some("auto") => match Shard::from_env(get, shards)? {
                Some(s) => Ok((s, None)),
                None => Err("--shard auto: no array index in the environment \
                     (SLURM_ARRAY_TASK_ID, or JOB_COMPLETION_INDEX with --shards N); \
                     give --shard I/N, or no --shard to play every run"
                    .into()),
            },
            Some(s) => {
                if shards.is_some() {
                    return Err("--shards N goes with --shard auto (the index from the \
                                scheduler); with --shard I/N, N is the count"
                        .into());
                }
                Ok((Shard::parse(s)?, None))
            }
            None => {
                if shards.is_some() {
                    return Err(
                        "--shards N goes with --shard auto (the index from the scheduler)".into(),
                    );
                }
                let seen = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"]
                    .into_iter()
                    .find(|k| get(k).is_some());
                let note = seen.map(|k| {
                    format!(
                        "note: {k} is set, but without --shard this task plays every run of the \
                         batch; give --shard auto to play only this array task's shard"
                    )
                });
                Ok((Shard::default(), note))
            }
        }
    }

    /// The run indices of this shard among `total`.
    pub fn range(&self, total: u64) -> Range<u64> {
        let at = |i: u64| (u128::from(total) * u128::from(i) / u128::from(self.count)) as u64;
        at(u64::from(self.index))..at(u64::from(self.index) + 1)
    }

    /// `part-00003-of-00016`.
    pub fn stem(&self) -> String {
        format!("part-{:05}-of-{:05}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_cover_every_run_once() {
        let ranges: Vec<_> = (0..3)
            .map(|i| Shard { index: i, count: 3 }.range(10))
            .collect();
        assert_eq!(ranges, vec![0..3, 3..6, 6..10]);
        assert!(Shard::parse("3/3").is_err());
        assert!(Shard::parse("x").is_err());
        assert_eq!(
            Shard::parse("2/16").map(|s| s.stem()),
            Ok("part-00002-of-00016".into())
        );
    }

    #[test]
    fn scheduler_indices_are_read() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|p| p.0 == k).map(|p| p.1.to_string())
        };
        let slurm = env(&[
            ("SLURM_ARRAY_TASK_ID", "5"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_COUNT", "8"),
        ]);
        assert_eq!(
            Shard::from_env(&slurm, None),
            Ok(Some(Shard { index: 4, count: 8 }))
        );
        let k8s = env(&[("JOB_COMPLETION_INDEX", "2")]);
        assert_eq!(
            Shard::from_env(&k8s, Some(4)),
            Ok(Some(Shard { index: 2, count: 4 }))
        );
        assert!(Shard::from_env(&k8s, None).is_err());
        assert_eq!(Shard::from_env(&env(&[]), None), Ok(None));
    }
}

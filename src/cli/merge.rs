//! `whitecell merge RESULTS_DIR --out FILE.parquet`: one verified file of a whole batch.

use super::CliError;
use std::io::Write;
use std::path::PathBuf;

/// The arguments of `merge`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The batch's results folder (its `--out`).
    pub dir: PathBuf,
    /// The Parquet file to write (outside the results folder).
    #[arg(long)]
    pub out: PathBuf,
}

/// Checks the parts and writes the merged file.
pub fn run(out: &mut dyn Write, a: &Args) -> Result<(), CliError> {
    let m =
        crate::batch::merge::merge(&a.dir, &a.out, std::env::args().collect()).map_err(|e| {
            let m = format!("error: {}", e.message);
            if e.io {
                CliError::error(m)
            } else {
                CliError::rejected(m)
            }
        })?;
    writeln!(
        out,
        "merged {} shard(s) of {}: {} rows ({} failed), runs 0..{} in order, into {}",
        m.shards,
        crate::batch::folder::describe(&m.manifest),
        m.manifest.rows,
        m.manifest.failed,
        m.manifest.end_run,
        a.out.display()
    )?;
    Ok(())
}

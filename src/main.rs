//! The `whitecell` command: parse arguments, run, map the result to an exit code.
#![forbid(unsafe_code)]

use std::process::ExitCode;

fn main() -> ExitCode {
    whitecell::cli::main()
}

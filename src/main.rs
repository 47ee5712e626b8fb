//! The `newsidx` command: parses arguments, calls the library, maps the outcome to an
//! exit code. See `cli` for the commands.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            if cli::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsidx: {err:#}");
            ExitCode::from(cli::EXIT_ERROR)
        }
    }
}

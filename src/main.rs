//! The `newsidx` command: parses arguments, calls the library, maps the outcome to an
//! exit code. See `cli` for the commands.

mod cli;

use std::process::ExitCode;

/// mimalloc: extraction allocates many small short-lived values on several threads at
/// once, where it is faster than the system allocator and, with tantivy's large
/// per-segment buffers, keeps the process from holding on to freed memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            if cli::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            // Errors quote paths and queries, which may hold terminal controls.
            let message = format!("{err:#}");
            eprintln!("newsidx: {}", newsidx::controls::line(&message));
            ExitCode::from(cli::EXIT_ERROR)
        }
    }
}

//! The `freehold` command: glue between the parser crates, the store and the terminal.

use std::process::ExitCode;

use clap::Parser as _;

mod args;
mod commands;
mod errors;
mod interrupt;
mod people;
mod progress;
mod terminal;

fn main() -> ExitCode {
    freehold_store::limit_allocator_arenas();
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("freehold: {}", terminal::safe(errors::message(&e)));
            }
            ExitCode::from(2)
        }
    }
}

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

/// The exit status when the reader of standard output went away (`freehold … | head`):
/// 128 + SIGPIPE, what a program killed by that signal reports to the shell.
const CLOSED_PIPE: u8 = 141;

fn main() -> ExitCode {
    freehold_store::limit_allocator_arenas();
    quiet_when_stdout_closes();
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(e) if errors::is_broken_pipe(&e) => ExitCode::from(CLOSED_PIPE),
        Err(e) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("freehold: {}", terminal::safe(errors::message(&e)));
            }
            ExitCode::from(2)
        }
    }
}

/// `println!` panics when the reader of standard output has closed the pipe. That is no
/// bug of ours and no error to report: end quietly with [`CLOSED_PIPE`], as a Unix tool
/// killed by SIGPIPE would, and leave every other panic to the default hook.
fn quiet_when_stdout_closes() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(i32::from(CLOSED_PIPE));
        }
        default(info);
    }));
}

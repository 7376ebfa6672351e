//! `ctictl config validate`: every problem of an adapter configuration, one `path: message` line each.

use clap::Subcommand;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum Command {
    /// Checks a CTI adapter configuration document (what CtiAdapterConfig.getConfiguration
    /// returns) and prints one `path: message` line per problem. Exit status: 0 when there is
    /// no error (warnings allowed), 1 on any error, 2 on usage or read errors.
    Validate {
        /// The JSON document; - for standard input.
        file: String,
    },
}

pub fn run(command: Command) -> ExitCode {
    let Command::Validate { file } = command;
    let text = match crate::read_input(&file) {
        Ok(text) => text,
        Err(code) => return code,
    };
    let parsed = engine::config::parse(&text, None);
    for problem in &parsed.problems {
        println!("{}", i18n::config_problem_line(problem));
    }
    let (errors, warnings) = (parsed.errors(), parsed.warnings());
    eprintln!("{file}: {errors} error(s), {warnings} warning(s)");
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

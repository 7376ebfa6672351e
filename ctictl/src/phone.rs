//! `ctictl phone normalize`: numbers to E.164 as the softphone dials them, one JSON line each.

use clap::Subcommand;
use serde::Serialize;
use std::io::BufRead;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum Command {
    /// Prints one JSON line per number, in order:
    /// {"input":…,"country":…,"e164":"+…"|null,"error":"<reason>"|null}. Numbers come from the
    /// arguments, or one a line from standard input. Exit status 0; 2 on usage errors.
    ///
    /// Reasons: empty, not_a_number, too_short, too_long, unknown_country_code,
    /// invalid_length, invalid_number.
    Normalize {
        /// Default country for national numbers (ISO 3166 alpha-2, e.g. US, GB).
        #[arg(long)]
        country: String,
        /// The numbers; none: read standard input.
        numbers: Vec<String>,
    },
}

/// One output line; the field order is the documented contract.
#[derive(Serialize)]
struct Line<'a> {
    input: &'a str,
    country: &'a str,
    e164: Option<&'a str>,
    error: Option<&'static str>,
}

pub fn run(command: Command) -> ExitCode {
    let Command::Normalize { country, numbers } = command;
    if engine::phone::region_by_iso(&country).is_none() {
        eprintln!(
            "ctictl: unknown country “{country}”: give an ISO 3166 alpha-2 code ({})",
            engine::phone::METADATA_SOURCE
        );
        return ExitCode::from(2);
    }
    let mut out = std::io::stdout().lock();
    if !numbers.is_empty() {
        for number in &numbers {
            print_line(&mut out, number, &country);
        }
        return ExitCode::SUCCESS;
    }
    for line in std::io::stdin().lock().lines() {
        match line {
            Ok(line) => print_line(&mut out, line.strip_suffix('\r').unwrap_or(&line), &country),
            Err(error) => {
                eprintln!("ctictl: cannot read standard input: {error}");
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}

fn print_line(out: &mut impl std::io::Write, input: &str, country: &str) {
    let result = engine::phone::normalize(input, country);
    let line = Line {
        input,
        country,
        e164: result.as_ref().ok().map(|number| number.as_str()),
        error: result.as_ref().err().map(|error| error.as_str()),
    };
    let json = serde_json::to_string(&line).expect("strings always serialise");
    // A closed pipe (`| head`) is not an error worth a panic: stop quietly.
    if writeln!(out, "{json}").is_err() {
        std::process::exit(0);
    }
}

//! `ctictl`: admin command line. `ctictl config validate FILE` checks an adapter configuration
//! document (what `CtiAdapterConfig.getConfiguration` returns) before it is deployed.

use std::process::ExitCode;

const USAGE: &str = "usage: ctictl config validate FILE\n\
    Checks a CTI adapter configuration document (JSON) and prints one `path: message` line per\n\
    problem. Exit status: 0 when there is no error (warnings allowed), 1 on any error, 2 on\n\
    usage or read errors. FILE may be - for standard input.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let file = match args.as_slice() {
        [config, validate, file] if config == "config" && validate == "validate" => file,
        [flag] if flag == "-h" || flag == "--help" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let text = if file == "-" {
        let mut text = String::new();
        match std::io::Read::read_to_string(&mut std::io::stdin(), &mut text) {
            Ok(_) => text,
            Err(error) => {
                eprintln!("ctictl: cannot read standard input: {error}");
                return ExitCode::from(2);
            }
        }
    } else {
        match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(error) => {
                eprintln!("ctictl: cannot read {file}: {error}");
                return ExitCode::from(2);
            }
        }
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

//! `ctictl`: the admins' command line (configuration checks, phone numbers, flows, attributes, presence sync), thin over `engine`.

mod attributes;
mod config;
mod flow;
mod phone;
mod presence;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Checks CTI adapter configurations and phone numbers before they reach agents.
#[derive(Parser)]
#[command(name = "ctictl", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Adapter configuration documents.
    #[command(subcommand)]
    Config(config::Command),
    /// Phone numbers, read exactly as the softphone reads them.
    #[command(subcommand)]
    Phone(phone::Command),
    /// CTI flows: run one against canned host answers, or check it.
    #[command(subcommand)]
    Flow(flow::Command),
    /// CTI attributes: the overlay a contact's attributes make.
    #[command(subcommand)]
    Attributes(attributes::Command),
    /// Presence sync: run an adapter's rules against both systems in simulated time.
    #[command(subcommand)]
    Presence(presence::Command),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Config(command) => config::run(command),
        Command::Phone(command) => phone::run(command),
        Command::Flow(command) => flow::run(command),
        Command::Attributes(command) => attributes::run(command),
        Command::Presence(command) => presence::run(command),
    }
}

/// Reads a file, or standard input for `-`; the error is printed and becomes exit status 2.
pub fn read_input(path: &str) -> Result<String, ExitCode> {
    let read = if path == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map(|_| text)
    } else {
        std::fs::read_to_string(path)
    };
    read.map_err(|error| {
        let name = if path == "-" { "standard input" } else { path };
        eprintln!("ctictl: cannot read {name}: {error}");
        ExitCode::from(2)
    })
}

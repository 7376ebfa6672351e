//! `ctictl attributes render`: the CTI attributes overlay of one contact, as the softphone shows it.

use clap::Subcommand;
use engine::config::{self, Severity};
use engine::json::{self, Value};
use engine::overlay::{self, ContactAttributes, ParsedUrl, UrlParser};
use serde::Serialize;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum Command {
    /// Prints the overlay as one JSON object: {"items": [{"attribute": "<record id>"|null,
    /// "display": "KeyValue"|"Key"|"Value", "kind": "text"|"link"|"section", "label": "…"|null,
    /// "text": "…", "href": "…" (links only), "style": [["<property>", "<value>"], …]}],
    /// "problems": ["<path: message>", …]}. `attribute` is null for the raw attributes
    /// ShowAllAttributes adds. Exit status: 0; 1 when the configuration has errors; 2 on
    /// unreadable input.
    Render {
        /// The adapter configuration document (what CtiAdapterConfig.getConfiguration returns);
        /// - for standard input.
        #[arg(long)]
        config: String,
        /// The contact's attributes as Streams' getAttributes() gives them:
        /// {"<key>": {"name": "<key>", "value": "<text>"}, …}.
        #[arg(long)]
        contact: String,
    },
}

/// The output; field order is the documented contract.
#[derive(Serialize)]
struct Output<'a> {
    items: Vec<ItemOut<'a>>,
    problems: Vec<String>,
}

#[derive(Serialize)]
struct ItemOut<'a> {
    attribute: Option<&'a str>,
    display: &'static str,
    kind: &'static str,
    label: Option<&'a str>,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    href: Option<&'a str>,
    style: Vec<[&'a str; 2]>,
}

/// WHATWG URL parsing (the `url` crate implements the standard), as `new URL(text)` in a browser.
pub struct Whatwg;

impl UrlParser for Whatwg {
    fn parse(&self, text: &str) -> Option<ParsedUrl> {
        let url = url::Url::parse(text).ok()?;
        Some(ParsedUrl {
            href: url.as_str().to_owned(),
            scheme: url.scheme().to_owned(),
            host: url.host_str().unwrap_or_default().to_owned(),
        })
    }
}

pub fn run(command: Command) -> ExitCode {
    let Command::Render { config, contact } = command;
    let config_text = match crate::read_input(&config) {
        Ok(text) => text,
        Err(code) => return code,
    };
    let contact_text = match crate::read_input(&contact) {
        Ok(text) => text,
        Err(code) => return code,
    };
    let pairs = match contact_attributes(&contact_text) {
        Ok(pairs) => pairs,
        Err(why) => {
            let name = if contact == "-" {
                "standard input"
            } else {
                &contact
            };
            eprintln!("ctictl: {name}: {why}");
            return ExitCode::from(2);
        }
    };
    let parsed = config::parse(&config_text, None);
    let contact = ContactAttributes::new(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let rendered = match &parsed.config {
        Some(config) => overlay::render(
            &config.attributes,
            config.features.cti_attributes,
            &contact,
            &Whatwg,
        ),
        None => overlay::Overlay::default(),
    };
    let output = Output {
        items: rendered.items.iter().map(item).collect(),
        problems: parsed
            .problems
            .iter()
            .chain(&rendered.problems)
            .map(i18n::config_problem_line)
            .collect(),
    };
    println!("{}", layout(&output));
    if parsed
        .problems
        .iter()
        .any(|p| p.severity == Severity::Error)
    {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// One JSON object, an item or problem a line, so a diff shows which line changed.
fn layout(output: &Output) -> String {
    fn list<T: Serialize>(values: &[T]) -> String {
        let lines: Vec<String> = values
            .iter()
            .map(|v| {
                format!(
                    "    {}",
                    serde_json::to_string(v).expect("always serialises")
                )
            })
            .collect();
        if lines.is_empty() {
            "[]".into()
        } else {
            format!("[\n{}\n  ]", lines.join(",\n"))
        }
    }
    format!(
        "{{\n  \"items\": {},\n  \"problems\": {}\n}}",
        list(&output.items),
        list(&output.problems)
    )
}

fn item(item: &overlay::Item) -> ItemOut<'_> {
    ItemOut {
        attribute: item.attribute.as_deref(),
        display: item.display.as_str(),
        kind: item.kind.as_str(),
        label: item.label.as_deref(),
        text: &item.text,
        href: item.kind.href(),
        style: item
            .style
            .iter()
            .map(|d| [d.property.as_str(), d.value.as_str()])
            .collect(),
    }
}

/// `{"<key>": {"name": "<key>", "value": "<text>"}}` → (key, value) in document order; the key
/// is the member's own, kept as written.
fn contact_attributes(text: &str) -> Result<Vec<(String, String)>, String> {
    let value = json::parse(text).map_err(|error| {
        format!(
            "not JSON at line {}, column {} ({})",
            error.line,
            error.column,
            error.kind.as_str()
        )
    })?;
    let Value::Object(members) = value else {
        return Err("must be a JSON object of attributes".into());
    };
    members
        .into_iter()
        .map(|(key, attribute)| match attribute.get("value") {
            Some(Value::String(value)) => Ok((key, value.clone())),
            Some(Value::Null) => Ok((key, String::new())),
            _ => Err(format!(
                "attribute “{}” must be {{\"name\": …, \"value\": \"<text>\"}}",
                config::excerpt(&key)
            )),
        })
        .collect()
}

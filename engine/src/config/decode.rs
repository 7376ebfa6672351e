//! Decodes the configuration document field by field, collecting every problem on the way.

use crate::json::{self, Value};

/// A JSON object: its members in document order.
type Map = [(String, Value)];

use super::format::{Template, parse_style};
use super::*;

pub(super) fn document(text: &str, call_center: Option<&str>) -> Parsed {
    let mut problems = Vec::new();
    let root = match json::parse(text) {
        Ok(value) => value,
        Err(error) => {
            problems.push(syntax(Section::Document, None, &error));
            return Parsed {
                config: None,
                problems,
            };
        }
    };
    let Some(root) = root.as_object() else {
        problems.push(at_document(
            None,
            ProblemKind::WrongType {
                expected: JsonType::Object,
            },
        ));
        return Parsed {
            config: None,
            problems,
        };
    };
    if let Some(error) = get(root, "error") {
        let field = |key: &str| {
            error
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        problems.push(at_document(
            None,
            ProblemKind::ApexError {
                code: field("code"),
                message: field("message"),
            },
        ));
        return Parsed {
            config: None,
            problems,
        };
    }
    let mut doc = Record::new(
        root,
        Location {
            section: Section::Document,
            index: None,
            record_id: None,
            record_name: None,
            field: None,
        },
        &[
            "schemaVersion",
            "adapter",
            "attributes",
            "presenceRules",
            "flows",
            "features",
        ],
        &mut problems,
    );
    match doc.integer("schemaVersion") {
        None => doc.problem(Severity::Warning, "schemaVersion", ProblemKind::Missing),
        Some(version) if version as u64 > SCHEMA_VERSION => doc.problem(
            Severity::Warning,
            "schemaVersion",
            ProblemKind::NewerSchema {
                version: version as u64,
                supported: SCHEMA_VERSION,
            },
        ),
        Some(version) if version < 1 => doc.problem(
            Severity::Error,
            "schemaVersion",
            ProblemKind::OutOfRange {
                value: version,
                min: 1,
                max: SCHEMA_VERSION as i64,
            },
        ),
        Some(_) => {}
    }
    let adapter_value = doc.object("adapter");
    let lists: Vec<Vec<&Map>> = [
        Section::Attributes,
        Section::PresenceRules,
        Section::Flows,
        Section::Features,
    ]
    .into_iter()
    .map(|section| doc.records(section))
    .collect();
    drop(doc);

    let adapter_present = adapter_value.is_some();
    let adapter = match adapter_value {
        Some(object) => adapter(object, call_center, &mut problems),
        None => {
            problems.push(Problem {
                severity: Severity::Error,
                at: section_location(Section::Adapter, None, None),
                kind: ProblemKind::Missing,
            });
            empty_adapter()
        }
    };
    let attributes = lists[0]
        .iter()
        .enumerate()
        .filter_map(|(index, object)| attribute(object, index, &mut problems))
        .collect();
    let presence_rules: Vec<PresenceRule> = lists[1]
        .iter()
        .enumerate()
        .filter_map(|(index, object)| presence_rule(object, index, &mut problems))
        .collect();
    if adapter_present && !presence_rules.is_empty() && !adapter.presence_sync_enabled {
        problems.push(Problem {
            severity: Severity::Warning,
            at: section_location(Section::Adapter, None, Some("presenceSyncEnabled")),
            kind: ProblemKind::PresenceSyncDisabled,
        });
    }
    let mut flows: Vec<(usize, CtiFlow)> = Vec::new();
    for (index, object) in lists[2].iter().enumerate() {
        let Some(flow) = flow(object, index, &mut problems) else {
            continue;
        };
        if let Some((first, _)) = flows
            .iter()
            .find(|(_, f)| f.source == flow.source && f.event == flow.event)
        {
            problems.push(Problem {
                severity: Severity::Error,
                at: record_location(Section::Flows, index, object, Some("event")),
                kind: ProblemKind::DuplicateFlow { first: *first },
            });
            continue;
        }
        flows.push((index, flow));
    }
    let features = features(&lists[3], &mut problems);
    // Document order: the admin reads the list top to bottom like the record page.
    problems.sort_by_key(|p| (p.at.section as u8, p.at.index));
    Parsed {
        config: Some(AdapterConfig {
            adapter,
            attributes,
            presence_rules,
            flows: flows.into_iter().map(|(_, flow)| flow).collect(),
            features,
        }),
        problems,
    }
}

fn syntax(section: Section, index: Option<usize>, error: &json::SyntaxError) -> Problem {
    Problem {
        severity: Severity::Error,
        at: Location {
            section,
            index,
            record_id: None,
            record_name: None,
            field: None,
        },
        kind: ProblemKind::Syntax {
            line: error.line,
            column: error.column,
            what: error.kind,
        },
    }
}

fn at_document(field: Option<&str>, kind: ProblemKind) -> Problem {
    Problem {
        severity: Severity::Error,
        at: section_location(Section::Document, None, field),
        kind,
    }
}

fn section_location(section: Section, index: Option<usize>, field: Option<&str>) -> Location {
    Location {
        section,
        index,
        record_id: None,
        record_name: None,
        field: field.map(str::to_owned),
    }
}

/// A member of an object; the last one when a key repeats, as `JSON.parse` keeps.
fn get<'v>(object: &'v Map, key: &str) -> Option<&'v Value> {
    object.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn record_location(section: Section, index: usize, object: &Map, field: Option<&str>) -> Location {
    let text = |key: &str| {
        get(object, key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    Location {
        section,
        index: Some(index),
        record_id: text("id"),
        record_name: text("name"),
        field: field.map(str::to_owned),
    }
}

/// Reads one JSON object as a record, reporting problems against it.
struct Record<'o, 'p> {
    object: &'o Map,
    at: Location,
    problems: &'p mut Vec<Problem>,
    /// Whether an error dropped a field the record cannot do without.
    broken: bool,
}

impl<'o, 'p> Record<'o, 'p> {
    fn new(object: &'o Map, at: Location, known: &[&str], problems: &'p mut Vec<Problem>) -> Self {
        let mut record = Record {
            object,
            at,
            problems,
            broken: false,
        };
        for (key, _) in object {
            if !known.contains(&key.as_str()) {
                record.problem(Severity::Warning, key, ProblemKind::UnknownField);
            }
        }
        record
    }

    fn problem(&mut self, severity: Severity, field: &str, kind: ProblemKind) {
        let mut at = self.at.clone();
        at.field = Some(field.to_owned());
        self.problems.push(Problem { severity, at, kind });
    }

    fn error(&mut self, field: &str, kind: ProblemKind) {
        self.problem(Severity::Error, field, kind);
    }

    fn wrong_type(&mut self, field: &str, expected: JsonType) {
        self.error(field, ProblemKind::WrongType { expected });
    }

    /// A string field; `null`, absent and blank are `None`.
    fn text(&mut self, field: &str) -> Option<String> {
        match get(self.object, field) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
            Some(_) => {
                self.wrong_type(field, JsonType::String);
                None
            }
        }
    }

    /// A string field the record cannot do without.
    fn required(&mut self, field: &str) -> Option<String> {
        let present = matches!(
            get(self.object, field),
            None | Some(Value::Null | Value::String(_))
        );
        let value = self.text(field);
        if value.is_none() {
            if present {
                self.error(field, ProblemKind::Missing);
            }
            self.broken = true;
        }
        value
    }

    fn boolean(&mut self, field: &str, default: bool) -> bool {
        match get(self.object, field) {
            None | Some(Value::Null) => default,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.wrong_type(field, JsonType::Boolean);
                default
            }
        }
    }

    /// A whole number; Apex may write `570` or `570.0`.
    fn integer(&mut self, field: &str) -> Option<i64> {
        match get(self.object, field) {
            None | Some(Value::Null) => None,
            Some(number @ Value::Number(_)) => match number.as_integer() {
                Some(i) => Some(i),
                None => {
                    self.wrong_type(field, JsonType::Integer);
                    None
                }
            },
            Some(_) => {
                self.wrong_type(field, JsonType::Integer);
                None
            }
        }
    }

    fn ranged(&mut self, field: &str, min: i64, max: i64) -> Option<u32> {
        let value = self.integer(field)?;
        if value < min || value > max {
            self.error(field, ProblemKind::OutOfRange { value, min, max });
            return None;
        }
        Some(value as u32)
    }

    /// A required value from a closed vocabulary.
    fn choice<T: Copy>(
        &mut self,
        field: &str,
        allowed: &'static [&'static str],
        values: &[T],
    ) -> Option<T> {
        let text = self.required(field)?;
        match allowed.iter().position(|a| *a == text) {
            Some(i) => Some(values[i]),
            None => {
                self.error(
                    field,
                    ProblemKind::UnknownValue {
                        value: text,
                        allowed,
                    },
                );
                self.broken = true;
                None
            }
        }
    }

    fn object(&mut self, field: &str) -> Option<&'o Map> {
        match get(self.object, field) {
            None | Some(Value::Null) => None,
            Some(Value::Object(o)) => Some(o.as_slice()),
            Some(_) => {
                self.wrong_type(field, JsonType::Object);
                None
            }
        }
    }

    /// The objects of a related list; anything else in it is reported and skipped.
    fn records(&mut self, section: Section) -> Vec<&'o Map> {
        let field = section.key();
        match get(self.object, field) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(index, item)| match item {
                    Value::Object(o) => Some(o.as_slice()),
                    _ => {
                        self.problems.push(Problem {
                            severity: Severity::Error,
                            at: section_location(section, Some(index), None),
                            kind: ProblemKind::WrongType {
                                expected: JsonType::Object,
                            },
                        });
                        None
                    }
                })
                .collect(),
            Some(_) => {
                self.wrong_type(field, JsonType::Array);
                Vec::new()
            }
        }
    }
}

fn empty_adapter() -> Adapter {
    Adapter {
        id: String::new(),
        name: String::new(),
        call_center_name: String::new(),
        ccp: None,
        default_country: None,
        popout_enabled: false,
        softphone_height: None,
        softphone_width: None,
        presence_sync_enabled: false,
    }
}

const ADAPTER_FIELDS: &[&str] = &[
    "id",
    "name",
    "callCenterName",
    "connectInstance",
    "region",
    "ssoUrl",
    "ssoRelayState",
    "loginPopup",
    "medialess",
    "popoutEnabled",
    "softphoneHeight",
    "softphoneWidth",
    "ringtoneUrl",
    "presenceSyncEnabled",
    "defaultCountry",
];

fn adapter(object: &Map, call_center: Option<&str>, problems: &mut Vec<Problem>) -> Adapter {
    let mut at = section_location(Section::Adapter, None, None);
    at.record_id = get(object, "id").and_then(Value::as_str).map(str::to_owned);
    at.record_name = get(object, "name")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut r = Record::new(object, at, ADAPTER_FIELDS, problems);
    let id = r.text("id").unwrap_or_default();
    let name = r.text("name").unwrap_or_default();
    let call_center_name = r.required("callCenterName").unwrap_or_default();
    if let Some(expected) = call_center.filter(|c| !c.is_empty() && !call_center_name.is_empty())
        && expected != call_center_name
    {
        r.problem(
            Severity::Warning,
            "callCenterName",
            ProblemKind::CallCenterMismatch {
                expected: expected.to_owned(),
                found: call_center_name.clone(),
            },
        );
    }
    let ccp_url = r
        .required("connectInstance")
        .and_then(|instance| match ccp_url(&instance) {
            Ok(url) => {
                if instance.eq_ignore_ascii_case("default") {
                    r.problem(
                        Severity::Warning,
                        "connectInstance",
                        ProblemKind::DefaultAlias,
                    );
                }
                Some(url)
            }
            Err(kind) => {
                r.error("connectInstance", kind);
                None
            }
        });
    let region = r.text("region").and_then(|region| {
        if valid_region(&region) {
            Some(region)
        } else {
            r.error("region", ProblemKind::InvalidRegion { value: region });
            None
        }
    });
    let sso_url = r
        .text("ssoUrl")
        .and_then(|url| checked_url(&mut r, "ssoUrl", url));
    let relay_state = r.text("ssoRelayState");
    let login_url = match (sso_url, relay_state) {
        (Some(sso), Some(relay)) => {
            let relay = relay.trim_start_matches(['?', '&']);
            let joiner = if sso.contains('?') { '&' } else { '?' };
            Some(format!("{sso}{joiner}{relay}"))
        }
        (Some(sso), None) => Some(sso),
        (None, Some(_)) => {
            r.problem(
                Severity::Warning,
                "ssoRelayState",
                ProblemKind::Ignored { needs: "ssoUrl" },
            );
            None
        }
        (None, None) => None,
    };
    let login_popup = r.boolean("loginPopup", false);
    let medialess = r.boolean("medialess", false);
    let popout_enabled = r.boolean("popoutEnabled", false);
    let softphone_height = r.ranged("softphoneHeight", 240, 2560);
    let softphone_width = r.ranged("softphoneWidth", 200, 1920);
    let ringtone_url = r
        .text("ringtoneUrl")
        .and_then(|url| checked_url(&mut r, "ringtoneUrl", url));
    let presence_sync_enabled = r.boolean("presenceSyncEnabled", false);
    let default_country =
        r.text("defaultCountry")
            .and_then(|country| match crate::phone::region_by_iso(&country) {
                Some(region) => Some(region.iso.to_owned()),
                None => {
                    r.error(
                        "defaultCountry",
                        ProblemKind::UnknownCountry { value: country },
                    );
                    None
                }
            });
    Adapter {
        id,
        name,
        call_center_name,
        ccp: ccp_url.map(|ccp_url| CcpConfig {
            ccp_url,
            region,
            login_url,
            login_popup,
            medialess,
            ringtone_url,
        }),
        default_country,
        popout_enabled,
        softphone_height,
        softphone_width,
        presence_sync_enabled,
    }
}

fn checked_url(r: &mut Record<'_, '_>, field: &str, url: String) -> Option<String> {
    match crate::settings::check_address(&url) {
        Ok(()) => Some(url),
        Err(crate::settings::SettingsProblemKind::Insecure(_)) => {
            r.error(field, ProblemKind::InsecureUrl { value: url });
            None
        }
        Err(_) => {
            r.error(field, ProblemKind::NotAUrl { value: url });
            None
        }
    }
}

/// The CCP address from what admins type as "Amazon Connect Instance": an alias (`mycompany`),
/// a host (`mycompany.my.connect.aws`, `mycompany.awsapps.com`) or an address. A bare host or
/// origin gets the CCP path; an address with a path is used as given.
pub fn ccp_url(instance: &str) -> Result<String, ProblemKind> {
    let instance = instance.trim();
    let invalid = || ProblemKind::InvalidInstance {
        value: instance.to_owned(),
    };
    let is_label = |s: &str| {
        !s.is_empty()
            && s.len() <= 63
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
    };
    if instance.contains("://") {
        match crate::settings::check_address(instance) {
            Ok(()) => {}
            Err(crate::settings::SettingsProblemKind::Insecure(_)) => {
                return Err(ProblemKind::InsecureUrl {
                    value: instance.to_owned(),
                });
            }
            Err(_) => return Err(invalid()),
        }
        let (scheme, rest) = instance.split_once("://").unwrap_or_default();
        let (host, path) = match rest.find('/') {
            Some(slash) => (&rest[..slash], &rest[slash..]),
            None => (rest, ""),
        };
        return Ok(match path {
            "" | "/" => format!("{scheme}://{host}{}", ccp_path(host)),
            "/connect" | "/connect/" => format!("{scheme}://{host}/connect/ccp-v2/"),
            _ => instance.to_owned(),
        });
    }
    if is_label(instance) {
        return Ok(format!("https://{instance}.my.connect.aws/ccp-v2/"));
    }
    if instance.split('.').all(is_label) && instance.contains('.') {
        return Ok(format!("https://{instance}{}", ccp_path(instance)));
    }
    Err(invalid())
}

/// Instances on `awsapps.com` serve the CCP under `/connect`.
fn ccp_path(host: &str) -> &'static str {
    if host.to_ascii_lowercase().ends_with(".awsapps.com") {
        "/connect/ccp-v2/"
    } else {
        "/ccp-v2/"
    }
}

/// `us-east-1`, `ap-northeast-2`, `us-gov-west-1`, `ca-central-1`…
fn valid_region(region: &str) -> bool {
    let parts: Vec<_> = region.split('-').collect();
    parts.len() >= 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        && parts[0].len() == 2
        && parts
            .last()
            .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

const ATTRIBUTE_FIELDS: &[&str] = &[
    "id",
    "name",
    "label",
    "display",
    "type",
    "style",
    "format",
    "defaultValue",
    "sortOrder",
];
pub const DISPLAY_VALUES: &[&str] = &["None", "KeyValue", "Key", "Value"];
pub const ATTRIBUTE_TYPES: &[&str] = &["Text", "Hyperlink"];
/// Link schemes a hyperlink attribute may open.
const LINK_SCHEMES: &[&str] = &["https://", "http://", "tel:", "mailto:"];

fn attribute(object: &Map, index: usize, problems: &mut Vec<Problem>) -> Option<CtiAttribute> {
    let at = record_location(Section::Attributes, index, object, None);
    let mut r = Record::new(object, at, ATTRIBUTE_FIELDS, problems);
    let id = r.text("id").unwrap_or_default();
    let name = r.required("name").unwrap_or_default();
    let label = r.text("label").unwrap_or_default();
    let display = r.choice(
        "display",
        DISPLAY_VALUES,
        &[
            Display::None,
            Display::KeyValue,
            Display::Key,
            Display::Value,
        ],
    );
    let kind = r.choice(
        "type",
        ATTRIBUTE_TYPES,
        &[AttributeKind::Text, AttributeKind::Hyperlink],
    );
    let (style, style_problems) = parse_style(&r.text("style").unwrap_or_default());
    for problem in style_problems {
        // A refused declaration is dropped; the rest of the style still applies.
        r.error("style", problem);
    }
    let format_text = r.text("format").unwrap_or_default();
    let format = match Template::parse(&format_text) {
        Ok(format) => Some(format),
        Err(kind) => {
            r.error("format", kind);
            r.broken = true;
            None
        }
    };
    if let (Some(AttributeKind::Hyperlink), Some(format)) = (kind, &format) {
        let prefix = format.fixed_prefix().to_ascii_lowercase();
        if !LINK_SCHEMES.iter().any(|s| prefix.starts_with(s)) {
            r.error(
                "format",
                ProblemKind::LinkSchemeNotAllowed {
                    value: format_text.clone(),
                },
            );
            r.broken = true;
        } else if prefix.starts_with("http://") {
            let host_end = format_text["http://".len()..]
                .find(['/', '{'])
                .map_or(format_text.len(), |i| i + "http://".len());
            if crate::settings::check_address(&format_text[..host_end]).is_err() {
                r.error(
                    "format",
                    ProblemKind::InsecureUrl {
                        value: format_text.clone(),
                    },
                );
                r.broken = true;
            }
        }
    }
    if matches!(display, Some(Display::Key | Display::KeyValue)) && label.is_empty() {
        r.error("label", ProblemKind::Missing);
        r.broken = true;
    }
    let default_value = r.text("defaultValue").unwrap_or_default();
    r.integer("sortOrder");
    if r.broken {
        return None;
    }
    Some(CtiAttribute {
        id,
        name,
        label,
        display: display?,
        kind: kind?,
        style,
        format: format?,
        default_value,
    })
}

const RULE_FIELDS: &[&str] = &[
    "id",
    "name",
    "event",
    "operandA",
    "operandAValue",
    "comparator",
    "operandB",
    "operandBValue",
    "destination",
    "destinationValue",
    "sortOrder",
];
pub const PRESENCE_EVENTS: &[&str] = &[
    "ConnectAgentStateChange",
    "SalesforceAgentStateChange",
    "SalesforceAgentLogout",
    "SalesforceWorkAccepted",
    "SalesforceWorkloadChanged",
];
pub const OPERANDS: &[&str] = &[
    "ConnectNewState",
    "ConnectOldState",
    "SalesforceNewState",
    "SalesforceServiceChannel",
    "SalesforcePreviousWorkload",
    "SalesforcePreviousWorkloadPct",
    "SalesforceNewWorkload",
    "SalesforceNewWorkloadPct",
    "SalesforceConfiguredCapacity",
    "StaticValue",
];
pub const COMPARATORS: &[&str] = &[
    "Equal",
    "NotEqual",
    "GreaterThan",
    "GreaterOrEqual",
    "LessThan",
    "LessOrEqual",
];
pub const DESTINATIONS: &[&str] = &["SalesforceAgentState", "ConnectAgentState"];
/// Connect states the system sets; rules may compare them but never set them.
pub const CONNECT_SYSTEM_STATES: &[&str] = &[
    "Busy",
    "Pending",
    "PendingBusy",
    "CallingCustomer",
    "AfterCallWork",
];

/// Which operands carry a value for each event (everything else is unknown then).
fn operand_available(event: PresenceEvent, operand: &Operand) -> bool {
    use Operand as O;
    use PresenceEvent as E;
    match operand {
        O::Static(_) => true,
        O::ConnectNewState | O::ConnectOldState => event == E::ConnectAgentStateChange,
        O::SalesforceNewState => matches!(
            event,
            E::SalesforceAgentStateChange | E::SalesforceAgentLogout
        ),
        O::SalesforceServiceChannel => event == E::SalesforceWorkAccepted,
        O::SalesforcePreviousWorkload
        | O::SalesforcePreviousWorkloadPct
        | O::SalesforceNewWorkload
        | O::SalesforceNewWorkloadPct
        | O::SalesforceConfiguredCapacity => event == E::SalesforceWorkloadChanged,
    }
}

fn presence_rule(object: &Map, index: usize, problems: &mut Vec<Problem>) -> Option<PresenceRule> {
    use PresenceEvent as E;
    let at = record_location(Section::PresenceRules, index, object, None);
    let mut r = Record::new(object, at, RULE_FIELDS, problems);
    let id = r.text("id").unwrap_or_default();
    let name = r.text("name").unwrap_or_default();
    let event = r.choice(
        "event",
        PRESENCE_EVENTS,
        &[
            E::ConnectAgentStateChange,
            E::SalesforceAgentStateChange,
            E::SalesforceAgentLogout,
            E::SalesforceWorkAccepted,
            E::SalesforceWorkloadChanged,
        ],
    );
    let operand_a = operand(&mut r, "operandA", "operandAValue");
    let comparator = r.choice(
        "comparator",
        COMPARATORS,
        &[
            Comparator::Equal,
            Comparator::NotEqual,
            Comparator::GreaterThan,
            Comparator::GreaterOrEqual,
            Comparator::LessThan,
            Comparator::LessOrEqual,
        ],
    );
    let operand_b = operand(&mut r, "operandB", "operandBValue");
    let destination_kind = r.choice("destination", DESTINATIONS, &[true, false]);
    let destination_value = r.required("destinationValue");
    r.integer("sortOrder");
    let destination = match (destination_kind, destination_value) {
        (Some(true), Some(value)) => Some(Destination::SalesforceAgentState(value)),
        (Some(false), Some(value)) => {
            if CONNECT_SYSTEM_STATES.contains(&value.as_str()) {
                r.error(
                    "destinationValue",
                    ProblemKind::SystemStateNotSettable { state: value },
                );
                r.broken = true;
                None
            } else {
                Some(Destination::ConnectAgentState(value))
            }
        }
        _ => None,
    };
    if let Some(event) = event {
        for (field, operand) in [("operandA", &operand_a), ("operandB", &operand_b)] {
            if let Some(operand) = operand
                && !operand_available(event, operand)
            {
                r.error(
                    field,
                    ProblemKind::OperandNotForEvent {
                        operand: operand_name(operand).to_owned(),
                        event: PRESENCE_EVENTS[event as usize].to_owned(),
                    },
                );
                r.broken = true;
            }
        }
    }
    if let (Some(a), Some(comparator), Some(b)) = (&operand_a, comparator, &operand_b) {
        if matches!((a, b), (Operand::Static(_), Operand::Static(_))) {
            r.problem(
                Severity::Warning,
                "operandB",
                ProblemKind::ConstantCondition,
            );
        }
        if comparator.is_ordering() {
            if !a.is_numeric() && !b.is_numeric() {
                r.error(
                    "comparator",
                    ProblemKind::ComparisonNeedsNumber {
                        comparator: COMPARATORS[comparator as usize].to_owned(),
                    },
                );
                r.broken = true;
            }
            for (field, operand) in [("operandAValue", a), ("operandBValue", b)] {
                if let Operand::Static(value) = operand
                    && value.trim().parse::<f64>().is_err()
                {
                    r.error(
                        field,
                        ProblemKind::NotANumber {
                            value: value.clone(),
                        },
                    );
                    r.broken = true;
                }
            }
        }
        if event == Some(E::SalesforceAgentLogout) {
            let tests_offline = comparator == Comparator::Equal
                && matches!(
                    (a, b),
                    (Operand::SalesforceNewState, Operand::Static(v)) | (Operand::Static(v), Operand::SalesforceNewState)
                        if v == "Offline"
                );
            if !tests_offline {
                r.problem(
                    Severity::Warning,
                    "event",
                    ProblemKind::LogoutRuleNeverFires,
                );
            }
        }
    }
    if r.broken {
        return None;
    }
    Some(PresenceRule {
        id,
        name,
        event: event?,
        operand_a: operand_a?,
        comparator: comparator?,
        operand_b: operand_b?,
        destination: destination?,
    })
}

fn operand(r: &mut Record, field: &str, value_field: &str) -> Option<Operand> {
    use Operand as O;
    let kind = r.choice(field, OPERANDS, &[0u8, 1, 2, 3, 4, 5, 6, 7, 8, 9])?;
    let value = r.text(value_field);
    let operand = match kind {
        0 => O::ConnectNewState,
        1 => O::ConnectOldState,
        2 => O::SalesforceNewState,
        3 => O::SalesforceServiceChannel,
        4 => O::SalesforcePreviousWorkload,
        5 => O::SalesforcePreviousWorkloadPct,
        6 => O::SalesforceNewWorkload,
        7 => O::SalesforceNewWorkloadPct,
        8 => O::SalesforceConfiguredCapacity,
        _ => match value {
            Some(value) => return Some(O::Static(value)),
            None => {
                r.error(value_field, ProblemKind::StaticValueMissing);
                r.broken = true;
                return None;
            }
        },
    };
    if value.is_some() {
        r.problem(
            Severity::Warning,
            value_field,
            ProblemKind::Ignored {
                needs: "StaticValue",
            },
        );
    }
    Some(operand)
}

fn operand_name(operand: &Operand) -> &'static str {
    match operand {
        Operand::ConnectNewState => OPERANDS[0],
        Operand::ConnectOldState => OPERANDS[1],
        Operand::SalesforceNewState => OPERANDS[2],
        Operand::SalesforceServiceChannel => OPERANDS[3],
        Operand::SalesforcePreviousWorkload => OPERANDS[4],
        Operand::SalesforcePreviousWorkloadPct => OPERANDS[5],
        Operand::SalesforceNewWorkload => OPERANDS[6],
        Operand::SalesforceNewWorkloadPct => OPERANDS[7],
        Operand::SalesforceConfiguredCapacity => OPERANDS[8],
        Operand::Static(_) => OPERANDS[9],
    }
}

const FLOW_FIELDS: &[&str] = &["id", "name", "source", "event", "description", "body"];
pub const FLOW_SOURCES: &[&str] = &[
    "Initialization",
    "ConnectAgent",
    "ConnectVoiceContact",
    "ConnectQueueCallbackContact",
    "ConnectChatContact",
    "ConnectTaskContact",
    "SalesforceAgent",
    "SalesforceUi",
    "CtiAction",
];

/// The events each source raises (the adapter's documented list).
pub fn flow_events(source: FlowSource) -> &'static [&'static str] {
    const CONTACT: &[&str] = &[
        "onIncoming",
        "onConnecting",
        "onConnected",
        "onEnded",
        "onRefresh",
        "onAccepted",
        "onPending",
        "onMissed",
        "onDestroy",
    ];
    match source {
        FlowSource::Initialization => &["onInit"],
        FlowSource::ConnectAgent => &[
            "onRefresh",
            "onStateChange",
            "onRoutable",
            "onNotRoutable",
            "onOffline",
            "onError",
            "onAfterCallWork",
            "onInit",
        ],
        FlowSource::ConnectVoiceContact | FlowSource::ConnectQueueCallbackContact => CONTACT,
        FlowSource::ConnectChatContact => &[
            "onConnecting",
            "onConnected",
            "onEnded",
            "onRefresh",
            "onAccepted",
            "onPending",
            "onMessageReceived",
            "onMessageSent",
            "onMissed",
            "onDestroy",
            "onViewContact",
        ],
        FlowSource::ConnectTaskContact => &[
            "onIncoming",
            "onConnecting",
            "onConnected",
            "onEnded",
            "onRefresh",
            "onAccepted",
            "onPending",
            "onMissed",
            "onDestroy",
            "onTransferInitiated",
            "onTransferSucceeded",
            "onTransferFailed",
            "onTaskExpiring",
            "onTaskExpired",
        ],
        FlowSource::SalesforceAgent => &["onStateChange", "onWorkAccepted", "onWorkloadChanged"],
        FlowSource::SalesforceUi => &["onClickToDial", "onNavigationChange", "onHvsWorkStart"],
        // A CTI action's "event" is the action it is bound to: any name.
        FlowSource::CtiAction => &[],
    }
}

fn flow(object: &Map, index: usize, problems: &mut Vec<Problem>) -> Option<CtiFlow> {
    use FlowSource as S;
    let at = record_location(Section::Flows, index, object, None);
    let mut r = Record::new(object, at, FLOW_FIELDS, problems);
    let id = r.text("id").unwrap_or_default();
    let name = r.text("name").unwrap_or_default();
    let source = r.choice(
        "source",
        FLOW_SOURCES,
        &[
            S::Initialization,
            S::ConnectAgent,
            S::ConnectVoiceContact,
            S::ConnectQueueCallbackContact,
            S::ConnectChatContact,
            S::ConnectTaskContact,
            S::SalesforceAgent,
            S::SalesforceUi,
            S::CtiAction,
        ],
    );
    let event = r.required("event");
    if let (Some(source), Some(event)) = (source, &event) {
        let events = flow_events(source);
        if source != S::CtiAction && !events.contains(&event.as_str()) {
            r.error(
                "event",
                ProblemKind::UnknownFlowEvent {
                    source: FLOW_SOURCES[source as usize].to_owned(),
                    event: event.clone(),
                },
            );
            r.broken = true;
        }
    }
    let description = r.text("description").unwrap_or_default();
    let body = r
        .required("body")
        .and_then(|text| match json::parse(&text) {
            Ok(body) => {
                let shape = flow_shape(&body);
                let ok = shape.is_empty();
                for kind in shape {
                    r.error("body", kind);
                }
                ok.then_some(body)
            }
            Err(error) => {
                let Problem { kind, .. } = syntax(Section::Flows, Some(index), &error);
                r.error("body", kind);
                None
            }
        });
    if body.is_none() {
        r.broken = true;
    }
    if r.broken {
        return None;
    }
    Some(CtiFlow {
        id,
        name,
        source: source?,
        event: event?,
        description,
        body: body?,
    })
}

/// The structural checks that let the flow engine trust a body: actions with ids and types, one
/// start, and ports that lead to existing actions.
fn flow_shape(body: &Value) -> Vec<ProblemKind> {
    let Some(actions) = body.get("actions").and_then(Value::as_array) else {
        return vec![ProblemKind::NotAFlow];
    };
    let mut problems = Vec::new();
    let mut ids: Vec<&str> = Vec::new();
    let mut starts = 0;
    for (index, action) in actions.iter().enumerate() {
        let id = action.get("id").and_then(Value::as_str);
        let kind = action.get("type").and_then(Value::as_str);
        let (Some(id), Some(kind)) = (id, kind) else {
            problems.push(ProblemKind::FlowActionShape { index });
            continue;
        };
        if ids.contains(&id) {
            problems.push(ProblemKind::FlowDuplicateActionId { id: id.to_owned() });
        }
        ids.push(id);
        if kind == "SE_Start" {
            starts += 1;
        }
    }
    if starts != 1 {
        problems.push(ProblemKind::FlowStart { count: starts });
    }
    for action in actions {
        let Some(id) = action.get("id").and_then(Value::as_str) else {
            continue;
        };
        let Some(ports) = action.get("ports").and_then(Value::as_object) else {
            continue;
        };
        for (port, target) in ports {
            // Editors write "" or null for an unconnected port.
            let Some(target) = target.as_str().filter(|t| !t.is_empty()) else {
                continue;
            };
            if !ids.contains(&target) {
                problems.push(ProblemKind::FlowDanglingPort {
                    action: id.to_owned(),
                    port: port.clone(),
                    target: target.to_owned(),
                });
            }
        }
    }
    problems
}

const FEATURE_FIELDS: &[&str] = &["id", "name", "value"];
/// Features of the adapter we replace that this softphone does not implement.
pub const FEATURES_NOT_SUPPORTED: &[&str] = &[
    "FEATURE_RECORDING_PANEL",
    "FEATURE_AMAZONQ_PANEL",
    "FEATURE_WISDOM_PANEL",
    "FEATURE_VOICEMAIL_DROP",
    "EnableMedialessPopout",
    "VDIPlatform",
    "GlobalResiliency",
    "MiniAdapterMessage",
];

fn features(objects: &[&Map], problems: &mut Vec<Problem>) -> Features {
    let mut features = Features::default();
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        let at = record_location(Section::Features, index, object, None);
        let mut r = Record::new(object, at, FEATURE_FIELDS, problems);
        r.text("id");
        let Some(name) = r.required("name") else {
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == name) {
            r.error("name", ProblemKind::DuplicateFeature { first: *first });
            continue;
        }
        seen.push((name.clone(), index));
        let value = r.text("value").unwrap_or_default();
        let mut settings = Settings::read(&mut r, &value);
        match name.as_str() {
            "FEATURE_CTI_ATTRIBUTES" => {
                features.cti_attributes.show_if_empty =
                    settings.boolean(&mut r, "ShowAttributesIfEmpty", true);
                features.cti_attributes.show_all =
                    settings.boolean(&mut r, "ShowAllAttributes", false);
            }
            "SetAgentStatusOnSessionEnd" => {
                features.session_end = Some(SessionEnd {
                    status: settings
                        .text("Status")
                        .unwrap_or_else(|| "Offline".to_owned()),
                    if_profile_name_includes: settings.list("IfProfileNameIncludes"),
                    if_current_agent_state: settings.list("IfCurrentAgentState"),
                    timer_seconds: settings.seconds(&mut r, "SessionEndTimer", 5),
                    initial_agent_state: settings
                        .text("InitialAgentState")
                        .unwrap_or_else(|| "Available".to_owned()),
                });
            }
            "LogoutSync" => {
                let sync = &mut features.logout_sync;
                sync.connect_logout_sets_omni_offline =
                    settings.boolean(&mut r, "ConnectLogoutSetsOmniOffline", false);
                sync.omni_logout_signs_out_of_connect =
                    settings.boolean(&mut r, "OmniLogoutSignsOutOfConnect", false);
                if let Some(contains) = settings.text("LogoutStatusContains") {
                    sync.logout_status_contains = contains;
                }
            }
            name if FEATURES_NOT_SUPPORTED.contains(&name) => {
                r.problem(Severity::Warning, "name", ProblemKind::FeatureNotSupported);
                continue;
            }
            _ => {
                r.problem(Severity::Warning, "name", ProblemKind::FeatureUnknown);
                continue;
            }
        }
        for key in settings.unread() {
            r.problem(
                Severity::Warning,
                "value",
                ProblemKind::FeatureUnknownKey { key },
            );
        }
    }
    features
}

/// A feature's `Key:value` lines.
struct Settings {
    entries: Vec<(String, String, bool)>,
}

impl Settings {
    fn read(r: &mut Record, value: &str) -> Settings {
        let mut entries = Vec::new();
        for line in value.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match line.split_once(':') {
                Some((key, value)) if !key.trim().is_empty() => {
                    entries.push((key.trim().to_owned(), value.trim().to_owned(), false))
                }
                _ => r.error(
                    "value",
                    ProblemKind::FeatureLine {
                        line: line.to_owned(),
                    },
                ),
            }
        }
        Settings { entries }
    }

    fn take(&mut self, key: &str) -> Option<String> {
        let entry = self.entries.iter_mut().find(|(k, _, _)| k == key)?;
        entry.2 = true;
        Some(entry.1.clone())
    }

    fn text(&mut self, key: &str) -> Option<String> {
        self.take(key).filter(|v| !v.is_empty())
    }

    fn list(&mut self, key: &str) -> Vec<String> {
        self.take(key)
            .map(|v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    }

    fn boolean(&mut self, r: &mut Record, key: &str, default: bool) -> bool {
        match self.take(key) {
            None => default,
            Some(v) if v.eq_ignore_ascii_case("true") => true,
            Some(v) if v.eq_ignore_ascii_case("false") => false,
            Some(value) => {
                r.error(
                    "value",
                    ProblemKind::FeatureNotBoolean {
                        key: key.to_owned(),
                        value,
                    },
                );
                default
            }
        }
    }

    fn seconds(&mut self, r: &mut Record, key: &str, default: u32) -> u32 {
        match self.take(key) {
            None => default,
            Some(v) => match v.parse::<u32>() {
                Ok(seconds) if seconds <= 3600 => seconds,
                _ => {
                    r.error(
                        "value",
                        ProblemKind::FeatureNotSeconds {
                            key: key.to_owned(),
                            value: v,
                        },
                    );
                    default
                }
            },
        }
    }

    fn unread(self) -> Vec<String> {
        self.entries
            .into_iter()
            .filter(|(_, _, read)| !read)
            .map(|(k, _, _)| k)
            .collect()
    }
}

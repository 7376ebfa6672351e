//! The one catalog of user-facing text. Every string a person reads comes from here, so a new
//! language is one more arm per function and nothing else changes.

#[cfg(feature = "editor")]
pub mod editor;
#[cfg(feature = "editor")]
pub mod simulator;
#[cfg(feature = "editor")]
pub mod watcher;

use engine::phone::PhoneError;
use engine::presence::Diagnostic;
use engine::settings::SettingsProblemKind;
use engine::{CcpStatus, ConnectAction, NoticeKind};

/// Languages the catalog has. English is complete; others fall back to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
}

/// Fixed labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    AppTitle,
    Log,
    CloseLog,
    DownloadLog,
    ClearLog,
    LogEmpty,
    Dismiss,
    SignIn,
    Retry,
    BannerCcpUnreachable,
    BannerCcpReconnecting,
    BannerPopupBlocked,
    BannerOpenCtiUnavailable,
    BannerNotConfigured,
    BannerSignInHint,
    Channel,
    Customer,
    Queue,
    State,
    Duration,
    ClickToDialOn,
    ClickToDialOff,
    ClickToDialOnShort,
    ClickToDialOffShort,
    Unknown,
    AgentStatus,
    Accept,
    CloseContact,
    Configuration,
    ConfigAdapter,
    ConfigCallCenter,
    ConfigLoaded,
    ConfigRecords,
    ConfigCcp,
    ConfigProblems,
    ConfigNoProblems,
    RuleSimulator,
    SessionWatcherHint,
    OpenSessionWatcher,
    ConfigShowProblems,
    Popout,
    Medialess,
    ContactAttributes,
    Copy,
    Copied,
}

pub fn t(key: Key) -> &'static str {
    match (lang(), key) {
        (Lang::En, Key::AppTitle) => "Amazon Connect softphone",
        (Lang::En, Key::Log) => "Log",
        (Lang::En, Key::CloseLog) => "Close",
        (Lang::En, Key::DownloadLog) => "Download",
        (Lang::En, Key::ClearLog) => "Clear",
        (Lang::En, Key::LogEmpty) => "Nothing logged yet.",
        (Lang::En, Key::Dismiss) => "Dismiss",
        (Lang::En, Key::SignIn) => "Sign in to Amazon Connect",
        (Lang::En, Key::Retry) => "Retry",
        (Lang::En, Key::BannerCcpUnreachable) => {
            "The Amazon Connect CCP is not responding. Sign in, or check the CCP address and your network, then retry."
        }
        (Lang::En, Key::BannerCcpReconnecting) => "Signed out of Amazon Connect. Reconnecting…",
        (Lang::En, Key::BannerPopupBlocked) => {
            "The sign-in pop-up was blocked. Allow pop-ups for this Salesforce site, then sign in again."
        }
        (Lang::En, Key::BannerOpenCtiUnavailable) => {
            "Salesforce Open CTI is not available: this page must run as the softphone of a Salesforce call center."
        }
        (Lang::En, Key::BannerNotConfigured) => {
            "The softphone cannot start: the call center settings need attention."
        }
        (Lang::En, Key::BannerSignInHint) => {
            "Waiting for the CCP. If you are not signed in, sign in now."
        }
        (Lang::En, Key::Channel) => "Channel",
        (Lang::En, Key::Customer) => "Customer",
        (Lang::En, Key::Queue) => "Queue",
        (Lang::En, Key::State) => "State",
        (Lang::En, Key::Duration) => "Time",
        (Lang::En, Key::ClickToDialOn) => "Click-to-dial on",
        (Lang::En, Key::ClickToDialOff) => "Click-to-dial off",
        (Lang::En, Key::ClickToDialOnShort) => "☎ on",
        (Lang::En, Key::ClickToDialOffShort) => "☎ off",
        (Lang::En, Key::Unknown) => "unknown",
        (Lang::En, Key::AgentStatus) => "Agent status",
        (Lang::En, Key::Accept) => "Accept",
        (Lang::En, Key::CloseContact) => "Close contact",
        (Lang::En, Key::Configuration) => "Configuration",
        (Lang::En, Key::ConfigAdapter) => "Adapter",
        (Lang::En, Key::ConfigCallCenter) => "Call center",
        (Lang::En, Key::ConfigLoaded) => "Loaded",
        (Lang::En, Key::ConfigRecords) => "Records",
        (Lang::En, Key::ConfigCcp) => "CCP",
        (Lang::En, Key::ConfigProblems) => "Problems",
        (Lang::En, Key::ConfigNoProblems) => "No problems found.",
        (Lang::En, Key::RuleSimulator) => "Presence rule simulator",
        (Lang::En, Key::SessionWatcherHint) => {
            "Your status is set when you close Salesforce once the session watcher is open."
        }
        (Lang::En, Key::OpenSessionWatcher) => "Open it",
        (Lang::En, Key::ConfigShowProblems) => "Show problems",
        (Lang::En, Key::Popout) => "Open the CCP in a new window",
        (Lang::En, Key::ContactAttributes) => "Contact attributes",
        (Lang::En, Key::Copy) => "Copy",
        (Lang::En, Key::Copied) => "Copied",
        (Lang::En, Key::Medialess) => {
            "Medialess: call audio goes through your separate CCP window, not this one."
        }
    }
}

fn lang() -> Lang {
    Lang::En
}

pub fn ccp_status(status: CcpStatus) -> &'static str {
    match (lang(), status) {
        (Lang::En, CcpStatus::LoadingSettings) => "Loading settings…",
        (Lang::En, CcpStatus::NotConfigured) => "Not configured",
        (Lang::En, CcpStatus::Connecting) => "Connecting to Amazon Connect…",
        (Lang::En, CcpStatus::SignedIn) => "Signed in",
        (Lang::En, CcpStatus::Reconnecting) => "Reconnecting…",
        (Lang::En, CcpStatus::Unreachable) => "CCP unreachable",
    }
}

pub fn channel(channel: &engine::Channel) -> String {
    match (lang(), channel) {
        (Lang::En, engine::Channel::Voice) => "Voice".into(),
        (Lang::En, engine::Channel::QueueCallback) => "Callback".into(),
        (Lang::En, engine::Channel::Chat) => "Chat".into(),
        (Lang::En, engine::Channel::Task) => "Task".into(),
        (Lang::En, engine::Channel::Email) => "Email".into(),
        (Lang::En, engine::Channel::Other(other)) => other.clone(),
    }
}

pub fn contact_state(state: &engine::ContactState) -> String {
    use engine::ContactState as S;
    match (lang(), state) {
        (Lang::En, S::Incoming | S::Pending | S::Connecting) => "Ringing".into(),
        (Lang::En, S::Connected) => "Connected".into(),
        (Lang::En, S::Ended) => "After-call work".into(),
        (Lang::En, S::Missed) => "Missed".into(),
        (Lang::En, S::Rejected) => "Rejected".into(),
        (Lang::En, S::Error) => "Error".into(),
        (Lang::En, S::Paused) => "Paused".into(),
        (Lang::En, S::Init) => "Starting".into(),
        (Lang::En, S::Other(other)) => other.clone(),
    }
}

pub fn phone_error(error: &PhoneError) -> String {
    match (lang(), error) {
        (Lang::En, PhoneError::Empty) => "the number is empty".into(),
        (Lang::En, PhoneError::NotANumber) => "no phone number can be read from it".into(),
        (Lang::En, PhoneError::TooShort) => "it has too few digits".into(),
        (Lang::En, PhoneError::TooLong) => "it has too many digits".into(),
        (Lang::En, PhoneError::UnknownCountryCode) => "its country code does not exist".into(),
        (Lang::En, PhoneError::UnknownRegion(region)) => {
            format!("the default country “{region}” is unknown")
        }
        (Lang::En, PhoneError::InvalidLength { country }) => {
            format!("no number in {country} has that many digits")
        }
        (Lang::En, PhoneError::InvalidNumber { country }) => {
            format!("it is not in any range of numbers in use in {country}")
        }
        (Lang::En, _) => format!("it is not a valid phone number ({})", error.as_str()),
    }
}

fn settings_problem(kind: &SettingsProblemKind) -> String {
    match (lang(), kind) {
        (Lang::En, SettingsProblemKind::Missing) => "is missing".into(),
        (Lang::En, SettingsProblemKind::NotAUrl(url)) => {
            format!("“{url}” is not an http(s) address")
        }
        (Lang::En, SettingsProblemKind::Insecure(url)) => format!("“{url}” must use https"),
        (Lang::En, SettingsProblemKind::UnknownCountry(c)) => {
            format!("“{c}” is not a known country code")
        }
        (Lang::En, _) => format!("is invalid ({})", kind.as_str()),
    }
}

pub fn notice(kind: &NoticeKind) -> String {
    match (lang(), kind) {
        (Lang::En, NoticeKind::UndialableNumber { input, error }) => {
            format!(
                "Cannot call “{input}”: {}. No call was placed.",
                phone_error(error)
            )
        }
        (Lang::En, NoticeKind::UnparseableCallerNumber { input, error }) => {
            format!(
                "The caller's number “{input}” could not be read ({}); searched for it as typed.",
                phone_error(error)
            )
        }
        (Lang::En, NoticeKind::DialFailed { number, reason }) => {
            format!("Amazon Connect could not call {number}: {reason}")
        }
        (Lang::En, NoticeKind::ConnectActionFailed { action, reason }) => {
            format!(
                "Amazon Connect refused {}: {reason}",
                connect_action(action)
            )
        }
        (Lang::En, NoticeKind::UnknownAgentState { name }) => {
            format!("“{name}” is not a status you can choose.")
        }
        (Lang::En, NoticeKind::DialWhileSignedOut { input }) => {
            format!("Sign in to Amazon Connect before calling “{input}”.")
        }
        (
            Lang::En,
            NoticeKind::SalesforceFailed {
                operation,
                code,
                description,
            },
        ) => {
            format!(
                "Salesforce could not complete {}: {description} ({code})",
                operation.as_str()
            )
        }
        (Lang::En, NoticeKind::InvalidRecordId { flow, value }) => {
            format!("Flow “{flow}” could not open “{value}”: it is not a Salesforce record id.")
        }
        (
            Lang::En,
            NoticeKind::FlowStopped {
                flow,
                block,
                reason,
            },
        ) => {
            format!(
                "Flow “{flow}” stopped at block {block} ({}); the log has its steps.",
                flow_stop(reason)
            )
        }
        (Lang::En, NoticeKind::AttributesUnreadable { contact_id }) => {
            format!("The attributes of contact {contact_id} could not be read; the screen pop used none.")
        }
        (Lang::En, NoticeKind::NothingToPop { channel, .. }) => {
            format!(
                "This {channel} contact carries nothing to look up in Salesforce (no record id, email, name or number)."
            )
        }
        (Lang::En, NoticeKind::ConfigNeedsReload) => {
            "The adapter configuration changed how the CCP starts. Reload the softphone to apply it."
                .into()
        }
        (Lang::En, NoticeKind::SimulatorRefused) => {
            "The rule simulator opens once the configuration is loaded and the agent is signed in, in a new window: allow pop-ups for this Salesforce site."
                .into()
        }
        (Lang::En, NoticeKind::SessionWatcherBlocked) => {
            "Your Connect status cannot be set when you close Salesforce: allow pop-ups for this Salesforce site, then reload the softphone."
                .into()
        }
        (Lang::En, NoticeKind::NoCcpAddress) => {
            "No CCP address: set Amazon Connect Instance on this call center's CTI adapter record."
                .into()
        }
        (Lang::En, NoticeKind::Settings(problem)) => {
            format!(
                "Call center setting {} {}.",
                problem.key,
                settings_problem(&problem.kind)
            )
        }
        (Lang::En, NoticeKind::PresenceSync(diagnostic)) => presence_problem(diagnostic),
        (Lang::En, _) => "Something needs attention; see the log.".into(),
    }
}

/// What presence sync could not do, for the agent (the admin fixes the rule).
pub fn presence_problem(diagnostic: &Diagnostic) -> String {
    match (lang(), diagnostic) {
        (Lang::En, Diagnostic::UnknownSalesforceStatus(name)) => {
            format!(
                "Presence sync: no Omni-Channel status “{name}”; ask your admin to fix the rule."
            )
        }
        (Lang::En, Diagnostic::UnknownConnectState(name)) => {
            format!(
                "Presence sync: you have no Amazon Connect status “{name}”; ask your admin to fix the rule."
            )
        }
        (Lang::En, Diagnostic::ConnectStateNotSettable(name)) => {
            format!("Presence sync: “{name}” is set by Amazon Connect itself and cannot be chosen.")
        }
        (Lang::En, Diagnostic::OperandMissing(_)) => {
            "Presence sync: an event lacked a value a rule compares; the rule did not apply.".into()
        }
        (Lang::En, Diagnostic::LiveContact) => {
            "Presence sync: you stay signed in to Amazon Connect until the contact ends.".into()
        }
    }
}

fn connect_action(action: &ConnectAction) -> &'static str {
    match (lang(), action) {
        (Lang::En, ConnectAction::SetState) => "the status change",
        (Lang::En, ConnectAction::Accept) => "to accept the contact",
        (Lang::En, ConnectAction::Clear) => "to close the contact",
        (Lang::En, ConnectAction::UpdateAttributes) => "to update the contact's attributes",
    }
}

/// Why a flow stopped, from `EndReason::as_str`.
fn flow_stop(reason: &str) -> &'static str {
    match (lang(), reason) {
        (Lang::En, "failed") => "a block failed and has no failure port",
        (Lang::En, "unknown_block") => "unknown block type",
        (Lang::En, "not_built") => "a block this softphone does not run yet",
        (Lang::En, "step_budget") => "too many steps: a loop?",
        (Lang::En, "timeout") => "it ran past 60 seconds",
        (Lang::En, _) => "it could not go on",
    }
}

/// `mm:ss`, or `h:mm:ss` past an hour.
pub fn duration(ms: f64) -> String {
    let total = (ms.max(0.0) / 1000.0) as u64;
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// `path: message` for one configuration problem, as `ctictl` prints it and the admin view lists it.
pub fn config_problem_line(problem: &engine::config::Problem) -> String {
    format!("{}: {}", problem.at.path(), config_problem(problem))
}

/// What is wrong with a configuration field, naming the record it is in.
pub fn config_problem(problem: &engine::config::Problem) -> String {
    let message = config_problem_kind(&problem.kind);
    let record = match (&problem.at.record_name, &problem.at.record_id) {
        (Some(name), Some(id)) => format!(" (record “{name}”, {id})"),
        (Some(name), None) => format!(" (record “{name}”)"),
        (None, Some(id)) => format!(" (record {id})"),
        (None, None) => String::new(),
    };
    let severity = match problem.severity {
        engine::config::Severity::Error => "error",
        engine::config::Severity::Warning => "warning",
    };
    format!("{severity}: {message}{record}")
}

fn quoted_list(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("“{v}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn config_problem_kind(kind: &engine::config::ProblemKind) -> String {
    use engine::config::ProblemKind as K;
    match (lang(), kind) {
        (Lang::En, K::Syntax { line, column, what }) => {
            format!("not valid JSON at line {line}, column {column}: {}", json_syntax(*what))
        }
        (Lang::En, K::ApexError { code, message }) => {
            format!("Salesforce answered no configuration: {message} ({code})")
        }
        (Lang::En, K::NotAnApexError) => {
            "is not an Apex error (a code and a message); ignored".into()
        }
        (Lang::En, K::DuplicateKey { key, within: None }) => {
            format!("“{key}” appears more than once; the last one counts")
        }
        (Lang::En, K::DuplicateKey { key, within: Some(within) }) => {
            format!("“{key}” appears more than once in {within}; the last one counts")
        }
        (Lang::En, K::NewerSchema { version, supported }) => format!(
            "schema version {version} is newer than this softphone understands ({supported}); unknown parts are ignored"
        ),
        (Lang::En, K::Missing) => "is required but empty".into(),
        (Lang::En, K::WrongType { expected }) => format!("must be a JSON {}", expected.as_str()),
        (Lang::En, K::UnknownField) => {
            "is not a field this softphone knows (a newer package?); ignored".into()
        }
        (Lang::En, K::UnknownValue { value, allowed }) => {
            format!("“{value}” is not one of {}", quoted_list(allowed))
        }
        (Lang::En, K::NotAUrl { value }) => format!("“{value}” is not an http(s) address"),
        (Lang::En, K::InsecureUrl { value }) => format!("“{value}” must use https"),
        (Lang::En, K::InvalidInstance { value }) => format!(
            "“{value}” is neither an instance alias, a Connect host name nor an https address"
        ),
        (Lang::En, K::DefaultAlias) => {
            "the instance alias “default” is the documentation's example, not your instance".into()
        }
        (Lang::En, K::UnknownCountry { value }) => {
            format!("“{value}” is not a known ISO country code")
        }
        (Lang::En, K::InvalidRegion { value }) => {
            format!("“{value}” is not an AWS region code such as us-east-1")
        }
        (Lang::En, K::OutOfRange { value, min, max }) => {
            format!("{value} is outside {min} to {max}")
        }
        (Lang::En, K::Ignored { needs }) => format!("is ignored without {needs}"),
        (Lang::En, K::CallCenterMismatch { expected, found }) => format!(
            "the record is for call center “{found}”, but this softphone's call center is “{expected}”"
        ),
        (Lang::En, K::StylePropertyNotAllowed { property }) => format!(
            "“{property}” is not an allowed style property (allowed: {})",
            engine::config::STYLE_PROPERTIES.join(", ")
        ),
        (Lang::En, K::StyleValueNotAllowed { property, value }) => format!(
            "“{value}” is not allowed for {property}: use plain values, not url(), expressions or escapes"
        ),
        (Lang::En, K::StyleSyntax { declaration }) => {
            format!("“{declaration}” is not a property: value pair")
        }
        (Lang::En, K::StyleTooLong { limit }) => {
            format!("the style is longer than {limit} characters; it is ignored")
        }
        (Lang::En, K::StyleForbidden { sequence }) => format!(
            "the style contains “{sequence}”, which a style may never hold; it is ignored"
        ),
        (Lang::En, K::StyleValueOutOfRange { property, value, max }) => {
            format!("“{value}” is too large for {property} (at most {max})")
        }
        (Lang::En, K::TemplateUnclosed) => {
            "a “{{” starts no {{key}} placeholder, so it is shown as written".into()
        }
        (Lang::En, K::TemplateEmptyKey) => {
            "“{{}}” names no attribute, so it is shown as written".into()
        }
        (Lang::En, K::LinkSchemeNotAllowed { value }) => format!(
            "“{value}” can never be a link: a hyperlink starts with https://, http://, tel: or mailto:, or with a {{{{placeholder}}}}"
        ),
        (Lang::En, K::LinkFromData { value }) => format!(
            "“{value}” takes its scheme from contact data: it opens only when the filled-in link is an https, http, tel or mailto address"
        ),
        (Lang::En, K::TooLong { limit }) => {
            format!("is longer than {limit} characters; cut with “…”")
        }
        (Lang::En, K::LinkNotAUrl { value }) => {
            format!("“{value}” is not a valid address; shown as text")
        }
        (Lang::En, K::LinkSchemeRefused { value, scheme }) => format!(
            "“{value}” is a “{scheme}” link; only https, http, tel and mailto links open, so it is shown as text"
        ),
        (Lang::En, K::LinkHostChanged { value, expected, found }) => format!(
            "“{value}” leads to “{found}”, but the format fixes the host “{expected}”; shown as text"
        ),
        (Lang::En, K::LinkTooLong { limit }) => {
            format!("the link is longer than {limit} characters; shown as text")
        }
        (Lang::En, K::StaticValueMissing) => "a Static Value operand needs a value".into(),
        (Lang::En, K::OperandNotForEvent { operand, event }) => {
            format!("{operand} has no value when {event} happens")
        }
        (Lang::En, K::ComparisonNeedsNumber { comparator }) => format!(
            "{comparator} compares numbers, but neither operand is a workload or capacity"
        ),
        (Lang::En, K::NotANumber { value }) => {
            format!("“{value}” is compared as a number but is not one")
        }
        (Lang::En, K::ConstantCondition) => {
            "both operands are static values, so the rule always or never applies".into()
        }
        (Lang::En, K::SystemStateNotSettable { state }) => format!(
            "“{state}” is a Connect system status: rules may compare it but cannot set it"
        ),
        (Lang::En, K::LogoutRuleNeverFires) => {
            "a Salesforce Agent Logout rule only fires when it tests SalesforceNewState equal to “Offline”".into()
        }
        (Lang::En, K::PresenceSyncDisabled) => {
            "presence sync is off, so the presence sync rules are not applied".into()
        }
        (Lang::En, K::PresenceRuleConflict { other }) => format!(
            "presenceRules[{other}] can apply to the same event and sets the same side to another value; the rule later in Sort Order wins"
        ),
        (Lang::En, K::PresenceRulesOscillate { other }) => format!(
            "this rule and presenceRules[{other}] trigger each other and can change back the status that started them: statuses would bounce without the softphone's loop guard"
        ),
        (Lang::En, K::UnknownFlowEvent { source, event }) => {
            format!("{source} has no event “{event}”")
        }
        (Lang::En, K::DuplicateFlow { first }) => format!(
            "flows[{first}] already handles this source and event; only that one runs"
        ),
        (Lang::En, K::NotAFlow) => "is not a CTI flow: it has no “actions” list".into(),
        (Lang::En, K::FlowStart { count }) => {
            format!("a flow needs exactly one SE_Start block, this one has {count}")
        }
        (Lang::En, K::FlowDuplicateActionId { id }) => {
            format!("two blocks have the id “{id}”")
        }
        (Lang::En, K::FlowDanglingPort { action, port, target }) => format!(
            "block “{action}” port “{port}” leads to “{target}”, which does not exist"
        ),
        (Lang::En, K::FlowPortsNotObject { action }) => {
            format!("block “{action}” has “ports” that are not an object of port names")
        }
        (Lang::En, K::FlowPortTargetNotString { action, port }) => format!(
            "block “{action}” port “{port}” must lead to a block id (text), or be empty"
        ),
        (Lang::En, K::FlowActionShape { index }) => {
            format!("block {index} has no string “id” and “type”")
        }
        (Lang::En, K::FlowUnknownBlock { action, block_type }) => format!(
            "block “{action}” has the type “{block_type}”, which this softphone does not know; a run stops there"
        ),
        (Lang::En, K::FlowBlockNotBuilt { action, block_type }) => format!(
            "block “{action}” ({block_type}) is not supported by this softphone yet; a run takes its failure port or stops there"
        ),
        (Lang::En, K::FlowControlType { action, control, expected }) => format!(
            "block “{action}” control “{control}” must be a JSON {} or a $. path",
            expected.as_str()
        ),
        (Lang::En, K::FlowBadPath { action, control, path, reason }) => format!(
            "block “{action}” control “{control}”: “{path}” is not a valid path ({})",
            flow_path_error(*reason)
        ),
        (Lang::En, K::FlowPathUnknownBlock { action, control, target }) => format!(
            "block “{action}” control “{control}” reads block “{target}”, which does not exist; it reads as empty"
        ),
        (Lang::En, K::FlowRenumbered { from, to }) => format!(
            "the block id “{from}” is broken or repeated; this block is now “{to}”"
        ),
        (Lang::En, K::FlowUnreachable { action }) => {
            format!("block “{action}” cannot be reached from the start")
        }
        (Lang::En, K::FlowUnknownPort { action, port, allowed }) => format!(
            "block “{action}” has no port “{port}”, so a run never follows it (ports: {})",
            quoted_list(allowed)
        ),
        (Lang::En, K::FeatureLine { line }) => format!("“{line}” is not a Key:value line"),
        (Lang::En, K::FeatureUnknownKey { key }) => {
            format!("“{key}” is not a setting of this feature; ignored")
        }
        (Lang::En, K::FeatureNotBoolean { key, value }) => {
            format!("{key} must be true or false, not “{value}”")
        }
        (Lang::En, K::FeatureNotSeconds { key, value }) => {
            format!("{key} must be whole seconds from 0 to 3600, not “{value}”")
        }
        (Lang::En, K::FeatureNotSupported) => {
            "this feature of the Amazon Connect CTI Adapter is not supported by this softphone; ignored".into()
        }
        (Lang::En, K::FeatureUnknown) => "is not a known feature; ignored".into(),
        (Lang::En, K::DuplicateFeature { first }) => {
            format!("features[{first}] has the same name; only that one counts")
        }
        (Lang::En, _) => format!("is invalid ({})", kind.as_str()),
    }
}

/// The banner of a configuration with errors.
pub fn config_degraded(errors: usize) -> String {
    match (lang(), errors) {
        (Lang::En, 1) => {
            "The adapter configuration has 1 error; the softphone runs with the parts that are valid."
                .into()
        }
        (Lang::En, n) => format!(
            "The adapter configuration has {n} errors; the softphone runs with the parts that are valid."
        ),
    }
}

/// The banner while Salesforce does not deliver a configuration. `using` is where the
/// configuration in use came from and its local time (`14:02`).
pub fn config_failing(
    failure: &engine::ConfigFailure,
    using: Option<(engine::ConfigOrigin, String)>,
    attempts: u32,
    retry_in_ms: Option<u32>,
) -> String {
    use engine::ConfigFailure as F;
    let Lang::En = lang();
    let reason = match failure {
        F::Salesforce { code, description } => format!("{description} ({code})"),
        F::Document => "its answer is not a usable configuration".to_owned(),
        F::NoCallCenter => "the call center definition has no internal name".to_owned(),
    };
    let fallback = match using {
        Some((_, time)) => format!("Using the configuration from {time}"),
        None => "Running on the call center settings alone".to_owned(),
    };
    let retry = match retry_in_ms {
        Some(ms) => format!(
            "; attempt {attempts} failed, retrying in {} s",
            ms.div_ceil(1000)
        ),
        None => String::new(),
    };
    format!("Salesforce did not return the adapter configuration: {reason}. {fallback}{retry}.")
}

/// Where the configuration in use came from, with its local time.
pub fn config_origin(origin: engine::ConfigOrigin, time: &str) -> String {
    use engine::ConfigOrigin as O;
    match (lang(), origin) {
        (Lang::En, O::Boot) => format!("with the page at {time}"),
        (Lang::En, O::Salesforce) => format!("from Salesforce at {time}"),
        (Lang::En, O::Session) => format!("kept from this session, saved at {time}"),
    }
}

/// `3 attributes · 2 presence rules · 2 flows`.
pub fn config_records(attributes: usize, presence_rules: usize, flows: usize) -> String {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let Lang::En = lang();
    format!(
        "{} · {} · {}",
        plural(attributes, "attribute", "attributes"),
        plural(presence_rules, "presence rule", "presence rules"),
        plural(flows, "flow", "flows")
    )
}

fn flow_path_error(reason: engine::flow::PathError) -> String {
    use engine::flow::PathError as P;
    match (lang(), reason) {
        (Lang::En, P::UnknownRoot) => "paths start with $.payload, $.contact or $.actions".into(),
        (Lang::En, P::MissingBlockId) => "$.actions must be followed by a block id".into(),
        (Lang::En, P::EmptyStep) => "two dots in a row, or a dot at the end".into(),
        (Lang::En, P::BadIndex) => "an index must be digits in [ ]".into(),
        (Lang::En, _) => format!("malformed ({})", reason.as_str()),
    }
}

fn json_syntax(what: engine::json::SyntaxErrorKind) -> String {
    use engine::json::SyntaxErrorKind as J;
    match (lang(), what) {
        (Lang::En, J::UnexpectedEnd) => "the text ends too early".into(),
        (Lang::En, J::UnexpectedCharacter(c)) => format!("“{c}” is not expected here"),
        (Lang::En, J::InvalidNumber) => "a number is malformed".into(),
        (Lang::En, J::InvalidEscape) => "a backslash escape is malformed".into(),
        (Lang::En, J::ControlCharacterInString) => {
            "a line break or tab inside a string must be escaped".into()
        }
        (Lang::En, J::TrailingCharacters) => "more text follows the document".into(),
        (Lang::En, J::TooDeep) => "lists and objects are nested too deeply".into(),
        (Lang::En, _) => format!("malformed ({})", what.as_str()),
    }
}

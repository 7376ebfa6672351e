//! The adapter configuration of one call center: the JSON document the `CtiAdapterConfig` Apex
//! class returns over Open CTI `runApex`, decoded into typed records plus every problem found.
//!
//! Invariant: `parse` never fails. Whatever is valid is kept (a broken record is dropped, a broken
//! field falls back to its default), so the softphone always starts with what it can use and the
//! admin sees exactly which record and field to fix.

mod decode;
mod format;
mod problem;
mod style;

pub use format::{
    CUT_MARK, DEFAULT_LIMIT, Expanded, LABEL_LIMIT, LINK_LIMIT, STYLE_LIMIT, Template,
    TemplatePart, VALUE_LIMIT, bound, excerpt,
};
pub use problem::{FlowAt, JsonType, Location, Problem, ProblemKind, Section, Severity};
pub use style::{STYLE_FORBIDDEN, STYLE_PROPERTIES, StyleDeclaration, check_declaration};

/// The document version this softphone writes and understands.
pub const SCHEMA_VERSION: u64 = 1;

/// The Apex class and method that answer the document over `runApex`.
pub const APEX_CLASS: &str = "CtiAdapterConfig";
pub const APEX_METHOD: &str = "getConfiguration";
/// The `methodParams` parameter that names the call center.
pub const APEX_PARAMETER: &str = "callCenterName";

/// A decoded configuration: what is usable, and every problem.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// `None` only when nothing could be read: malformed JSON, not an object, an Apex error.
    pub config: Option<AdapterConfig>,
    pub problems: Vec<Problem>,
}

impl Parsed {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }
}

/// Decodes a configuration document. `call_center` is the definition name it was asked for, when
/// known; a document for another call center is reported.
pub fn parse(text: &str, call_center: Option<&str>) -> Parsed {
    decode::document(text, call_center)
}

#[derive(Clone, Debug, PartialEq)]
pub struct AdapterConfig {
    pub adapter: Adapter,
    /// Active CTI attributes, in display order.
    pub attributes: Vec<CtiAttribute>,
    /// Active presence sync rules by `sortOrder` (empty last), then document order.
    pub presence_rules: Vec<PresenceRule>,
    /// Active CTI flows; at most one per source and event.
    pub flows: Vec<CtiFlow>,
    pub features: Features,
}

/// The adapter record (`CtiAdapter__c`).
#[derive(Clone, Debug, PartialEq)]
pub struct Adapter {
    pub id: String,
    pub name: String,
    pub call_center_name: String,
    /// How to start the CCP; `None` when the instance is missing or invalid.
    pub ccp: Option<CcpConfig>,
    /// ISO 3166 alpha-2 country that national numbers are read in.
    pub default_country: Option<String>,
    /// Offer a link that opens the CCP in its own window.
    pub popout_enabled: bool,
    pub softphone_height: Option<u32>,
    pub softphone_width: Option<u32>,
    pub presence_sync_enabled: bool,
    /// Presence changes closer together than this are one change: only the latest is applied.
    pub presence_sync_wait_ms: u32,
}

/// What `connect.core.initCCP` needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CcpConfig {
    pub ccp_url: String,
    pub region: Option<String>,
    /// The SSO address the sign-in goes to (SSO URL joined with its relay state).
    pub login_url: Option<String>,
    /// Sign in through a pop-up window (Streams `loginPopup`).
    pub login_popup: bool,
    /// No media in this window: the embedded CCP only supplies data (`allowFramedSoftphone: false`).
    pub medialess: bool,
    pub ringtone_url: Option<String>,
}

impl CcpConfig {
    /// One line for the log: the address and the options that differ from the defaults.
    pub fn summary(&self) -> String {
        let mut line = self.ccp_url.clone();
        if let Some(region) = &self.region {
            line.push_str(", region ");
            line.push_str(region);
        }
        for (on, name) in [
            (self.login_url.is_some(), "SSO"),
            (self.login_popup, "pop-up sign-in"),
            (self.medialess, "medialess"),
            (self.ringtone_url.is_some(), "ringtone"),
        ] {
            if on {
                line.push_str(", ");
                line.push_str(name);
            }
        }
        line
    }
}

/// A CTI attribute (`CtiAttribute__c`): one line of the attributes overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CtiAttribute {
    /// Position in the document's `attributes` list, for problem paths (`attributes[2].format`).
    pub index: usize,
    pub id: String,
    pub name: String,
    pub label: String,
    pub display: Display,
    pub kind: AttributeKind,
    pub style: Vec<StyleDeclaration>,
    pub format: Template,
    pub default_value: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Display {
    /// Not shown; usable inside other formats.
    None,
    KeyValue,
    /// The label only: a section header.
    Key,
    Value,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttributeKind {
    Text,
    Hyperlink,
}

/// The default of `presenceSyncWaitMs`: the adapter we replace spaced presence updates 100 ms
/// apart.
pub const PRESENCE_SYNC_WAIT_MS: u32 = 100;

/// Connect states the system sets: rules may compare them but never set them. The system states
/// of a contact, then the error states Streams reports (`agent::error`).
pub const CONNECT_SYSTEM_STATES: &[&str] = &[
    "Busy",
    "Pending",
    "PendingBusy",
    "CallingCustomer",
    "AfterCallWork",
    "MissedCallAgent",
    "FailedConnectAgent",
    "FailedConnectCustomer",
    "LineEngagedAgent",
    "LineEngagedCustomer",
    "BadAddressAgent",
    "BadAddressCustomer",
    "AgentHungUp",
    "MultipleCcpWindows",
    "RealtimeCommunicationError",
    "Default",
    "Error",
];

/// A presence sync rule (`PresenceSyncRule__c`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PresenceRule {
    pub id: String,
    pub name: String,
    /// Position in the document's `presenceRules`, for locating problems.
    pub index: usize,
    /// `sortOrder`: among rules that apply together, the later one wins a side.
    pub sort_order: Option<i64>,
    pub event: PresenceEvent,
    pub operand_a: Operand,
    pub comparator: Comparator,
    pub operand_b: Operand,
    pub destination: Destination,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PresenceEvent {
    ConnectAgentStateChange,
    SalesforceAgentStateChange,
    SalesforceAgentLogout,
    SalesforceWorkAccepted,
    SalesforceWorkloadChanged,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Operand {
    ConnectNewState,
    ConnectOldState,
    SalesforceNewState,
    SalesforceServiceChannel,
    SalesforcePreviousWorkload,
    SalesforcePreviousWorkloadPct,
    SalesforceNewWorkload,
    SalesforceNewWorkloadPct,
    SalesforceConfiguredCapacity,
    Static(String),
}

impl Operand {
    /// The picklist value (`ConnectNewState`, `StaticValue`…).
    pub fn name(&self) -> &'static str {
        match self {
            Operand::ConnectNewState => "ConnectNewState",
            Operand::ConnectOldState => "ConnectOldState",
            Operand::SalesforceNewState => "SalesforceNewState",
            Operand::SalesforceServiceChannel => "SalesforceServiceChannel",
            Operand::SalesforcePreviousWorkload => "SalesforcePreviousWorkload",
            Operand::SalesforcePreviousWorkloadPct => "SalesforcePreviousWorkloadPct",
            Operand::SalesforceNewWorkload => "SalesforceNewWorkload",
            Operand::SalesforceNewWorkloadPct => "SalesforceNewWorkloadPct",
            Operand::SalesforceConfiguredCapacity => "SalesforceConfiguredCapacity",
            Operand::Static(_) => "StaticValue",
        }
    }

    /// Workloads and capacity are numbers; states and channels are names.
    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            Operand::SalesforcePreviousWorkload
                | Operand::SalesforcePreviousWorkloadPct
                | Operand::SalesforceNewWorkload
                | Operand::SalesforceNewWorkloadPct
                | Operand::SalesforceConfiguredCapacity
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparator {
    Equal,
    NotEqual,
    GreaterThan,
    GreaterOrEqual,
    LessThan,
    LessOrEqual,
}

impl Comparator {
    pub fn is_ordering(self) -> bool {
        !matches!(self, Comparator::Equal | Comparator::NotEqual)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Destination {
    /// An Omni-Channel presence status, by DeveloperName.
    SalesforceAgentState(String),
    /// A Connect agent status, by name.
    ConnectAgentState(String),
}

/// A CTI flow (`CtiFlow__c`); its body is loaded by `flow::load` into a typed flow, ready to run.
#[derive(Clone, Debug, PartialEq)]
pub struct CtiFlow {
    pub id: String,
    pub name: String,
    pub source: FlowSource,
    pub event: String,
    pub description: String,
    pub body: std::rc::Rc<crate::flow::Flow>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FlowSource {
    Initialization,
    ConnectAgent,
    ConnectVoiceContact,
    ConnectQueueCallbackContact,
    ConnectChatContact,
    ConnectTaskContact,
    SalesforceAgent,
    SalesforceUi,
    CtiAction,
}

/// The feature records (`CtiFeature__c`), typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Features {
    pub cti_attributes: CtiAttributesFeature,
    pub session_end: Option<SessionEnd>,
    pub logout_sync: LogoutSync,
}

/// `FEATURE_CTI_ATTRIBUTES`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CtiAttributesFeature {
    /// Show the attributes box even when the contact has none.
    pub show_if_empty: bool,
    /// Also list every raw contact attribute.
    pub show_all: bool,
}

/// `SetAgentStatusOnSessionEnd`: what to do when the agent closes every Salesforce tab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionEnd {
    /// The Connect status to set; `Logout` signs out of the CCP.
    pub status: String,
    pub if_profile_name_includes: Vec<String>,
    pub if_current_agent_state: Vec<String>,
    pub timer_seconds: u32,
    pub initial_agent_state: String,
}

/// `LogoutSync`: how signing out on one side carries to the other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogoutSync {
    /// Choosing a Connect status whose name contains `logout_status_contains` sets Omni offline.
    pub connect_logout_sets_omni_offline: bool,
    /// Logging out of Omni-Channel signs the agent out of Connect.
    pub omni_logout_signs_out_of_connect: bool,
    pub logout_status_contains: String,
}

impl Default for Features {
    fn default() -> Self {
        Features {
            cti_attributes: CtiAttributesFeature {
                show_if_empty: true,
                show_all: false,
            },
            session_end: None,
            logout_sync: LogoutSync {
                connect_logout_sets_omni_offline: false,
                omni_logout_signs_out_of_connect: false,
                logout_status_contains: "Logout".to_owned(),
            },
        }
    }
}

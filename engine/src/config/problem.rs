//! Configuration problems as data: where (record and field) and what (a closed kind). The UI and
//! `ctictl` render them through the i18n catalog.

/// How bad a problem is. Errors drop the field or record they are in; warnings change nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// The part of the configuration document a record belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Document,
    Adapter,
    Attributes,
    PresenceRules,
    Flows,
    Features,
    /// The contact's own attributes, as the overlay shows them (`contact.<key>`).
    Contact,
}

impl Section {
    /// The document key of the section (`adapter`, `attributes`, …); empty for the document.
    pub fn key(self) -> &'static str {
        match self {
            Section::Document => "",
            Section::Adapter => "adapter",
            Section::Attributes => "attributes",
            Section::PresenceRules => "presenceRules",
            Section::Flows => "flows",
            Section::Features => "features",
            Section::Contact => "contact",
        }
    }
}

/// Which record and which field a problem is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub section: Section,
    /// Position in the section's array (records of the related lists).
    pub index: Option<usize>,
    /// The Salesforce record id, when the record carries one.
    pub record_id: Option<String>,
    /// The record's Name, when it carries one.
    pub record_name: Option<String>,
    /// The document key inside the record (`style`, `body`…), or `None` for the whole record.
    pub field: Option<String>,
    /// Where inside a CTI flow body, for problems the flow loader finds.
    pub flow: Option<FlowAt>,
}

/// A place inside a flow body: a JSON pointer (RFC 6901, `/actions/3/ports/done`; empty for the
/// whole body) and the block it belongs to, when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowAt {
    pub pointer: String,
    pub block_id: Option<String>,
    pub block_type: Option<String>,
}

impl Location {
    /// A JSON-ish path: `attributes[2].style`, `adapter.region`, `schemaVersion`,
    /// `flows[0].body#/actions/2/ports/done` (a JSON pointer inside a flow body).
    pub fn path(&self) -> String {
        let mut path = self.section.key().to_owned();
        if let Some(index) = self.index {
            path.push_str(&format!("[{index}]"));
        }
        if let Some(field) = &self.field {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(field);
        }
        if path.is_empty() {
            path.push('$');
        }
        // Inside a flow body: the JSON pointer, as a URI fragment (`flows[0].body#/actions/2`).
        if let Some(flow) = self.flow.as_ref().filter(|flow| !flow.pointer.is_empty()) {
            path.push('#');
            path.push_str(&flow.pointer);
        }
        path
    }
}

/// One problem in the configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub at: Location,
    pub kind: ProblemKind,
}

/// JSON value types, for "expected a …" messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonType {
    Object,
    Array,
    String,
    Number,
    Integer,
    Boolean,
}

impl JsonType {
    pub fn as_str(self) -> &'static str {
        match self {
            JsonType::Object => "object",
            JsonType::Array => "array",
            JsonType::String => "string",
            JsonType::Number => "number",
            JsonType::Integer => "integer",
            JsonType::Boolean => "boolean",
        }
    }
}

/// What is wrong. Values are kept so messages can quote them.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The text is not JSON (the document, or a flow body).
    Syntax {
        line: usize,
        column: usize,
        what: crate::json::SyntaxErrorKind,
    },
    /// The Apex class answered an error document instead of a configuration.
    ApexError {
        code: String,
        message: String,
    },
    /// An `error` member that is not an Apex error (`code` and `message` strings); ignored, and
    /// the rest of the document is read.
    NotAnApexError,
    /// The same key twice in one JSON object; the last one counts, as in `JSON.parse`. `within` is
    /// where the object sits inside a field that holds JSON (`$.actions[3].ports` in a flow body),
    /// `None` for the record itself (the problem's field is then the key).
    DuplicateKey {
        key: String,
        within: Option<String>,
    },
    /// `schemaVersion` is newer than this softphone knows; unknown parts are ignored.
    NewerSchema {
        version: u64,
        supported: u64,
    },
    Missing,
    WrongType {
        expected: JsonType,
    },
    /// A key this softphone does not know (a newer package); ignored.
    UnknownField,
    /// A picklist-like value outside its vocabulary.
    UnknownValue {
        value: String,
        allowed: &'static [&'static str],
    },
    /// Not an absolute http(s) address.
    NotAUrl {
        value: String,
    },
    /// Plain http to a host other than this machine.
    InsecureUrl {
        value: String,
    },
    /// Neither an instance alias, a Connect host name nor an https address.
    InvalidInstance {
        value: String,
    },
    /// The alias `default` is almost always a copy of the example, not a real instance.
    DefaultAlias,
    UnknownCountry {
        value: String,
    },
    InvalidRegion {
        value: String,
    },
    /// A number outside `min..=max`, or a fraction where only whole numbers are; `value` as
    /// written.
    OutOfRange {
        value: String,
        min: i64,
        max: i64,
    },
    /// A value that only matters together with another field that is empty.
    Ignored {
        needs: &'static str,
    },
    /// The adapter record belongs to another call center than the one asked for.
    CallCenterMismatch {
        expected: String,
        found: String,
    },
    /// A CSS property outside the allow-list.
    StylePropertyNotAllowed {
        property: String,
    },
    /// A CSS value that could load or run something (`url(`, `expression(`…) or breaks out.
    StyleValueNotAllowed {
        property: String,
        value: String,
    },
    /// A style declaration without `property: value`.
    StyleSyntax {
        declaration: String,
    },
    /// A style over the size limit; ignored whole.
    StyleTooLong {
        limit: usize,
    },
    /// A style holding a sequence that is never allowed (`@`, `{`, `/*`, `\`…); ignored whole.
    StyleForbidden {
        sequence: &'static str,
    },
    /// A size beyond what keeps the attribute inside the softphone; `max` says the bound.
    StyleValueOutOfRange {
        property: String,
        value: String,
        max: &'static str,
    },
    /// A `{{` that starts no placeholder (no `}}` after a key); shown as written.
    TemplateUnclosed,
    /// `{{}}` in a format; shown as written.
    TemplateEmptyKey,
    /// A hyperlink format whose fixed scheme is not http, https, tel or mailto, or that can never
    /// be a link.
    LinkSchemeNotAllowed {
        value: String,
    },
    /// A hyperlink format whose scheme comes from contact data (`{{url}}`): it is checked once
    /// expanded, each time it is shown.
    LinkFromData {
        value: String,
    },
    /// A text longer than its limit, cut with “…”.
    TooLong {
        limit: usize,
    },
    /// An expanded hyperlink that is not a URL; shown as text.
    LinkNotAUrl {
        value: String,
    },
    /// An expanded hyperlink whose scheme may not open; shown as text.
    LinkSchemeRefused {
        value: String,
        scheme: String,
    },
    /// An expanded hyperlink whose host differs from the one its format fixes; shown as text.
    LinkHostChanged {
        value: String,
        expected: String,
        found: String,
    },
    /// An expanded hyperlink (or its parsed address) over the limit; shown as text, never cut.
    LinkTooLong {
        limit: usize,
    },
    /// Operand `StaticValue` without a value.
    StaticValueMissing,
    /// The operand has no value for this event.
    OperandNotForEvent {
        operand: String,
        event: String,
    },
    /// Greater/less comparisons need a number on at least one side.
    ComparisonNeedsNumber {
        comparator: String,
    },
    /// A static value compared with a number is not a number.
    NotANumber {
        value: String,
    },
    /// Both operands are fixed values: the rule always or never matches.
    ConstantCondition,
    /// Connect system states cannot be set.
    SystemStateNotSettable {
        state: String,
    },
    /// A logout rule that cannot fire: it must test Salesforce new state equal to `Offline`.
    LogoutRuleNeverFires,
    /// Presence sync is off on the adapter, so rules are loaded but never run.
    PresenceSyncDisabled,
    /// This rule and `presenceRules[other]` can apply to one event and set the same side to
    /// different values; the later one in `sortOrder` wins.
    PresenceRuleConflict {
        other: usize,
    },
    /// This rule and `presenceRules[other]` trigger each other, and the round trip can change
    /// the status that started it: without the softphone's loop guard a status would bounce.
    PresenceRulesOscillate {
        other: usize,
    },
    /// An event the flow's source never raises.
    UnknownFlowEvent {
        source: String,
        event: String,
    },
    /// Another active flow already handles this source and event; only the first runs.
    DuplicateFlow {
        first: usize,
    },
    /// The flow body has no `actions` array.
    NotAFlow,
    /// The flow has no `SE_Start` block, or more than one.
    FlowStart {
        count: usize,
    },
    /// Several blocks have this id, and a port or path names it: which one is meant cannot be
    /// known, so the reference is left unconnected (the flow loader renumbers all but the first).
    FlowDuplicateActionId {
        id: String,
    },
    /// A port names an action that does not exist.
    FlowDanglingPort {
        action: String,
        port: String,
        target: String,
    },
    /// A block's `ports` is not an object of port names.
    FlowPortsNotObject {
        action: String,
    },
    /// A port leads to something other than a block id (a string), `""` or `null`.
    FlowPortTargetNotString {
        action: String,
        port: String,
    },
    /// A flow action without a string `id` or `type`.
    FlowActionShape {
        index: usize,
    },
    /// A block type this softphone does not know; the run stops there.
    FlowUnknownBlock {
        action: String,
        block_type: String,
    },
    /// A block of the adapter's appendix this softphone does not run yet; the run takes the
    /// block's failure port, or stops there.
    FlowBlockNotBuilt {
        action: String,
        block_type: String,
    },
    /// A control whose JSON type the block cannot use.
    FlowControlType {
        action: String,
        control: String,
        expected: JsonType,
    },
    /// A control value that starts with `$.` but is not a path the engine can read.
    FlowBadPath {
        action: String,
        control: String,
        path: String,
        reason: crate::flow::PathError,
    },
    /// A `$.actions.<id>` path names a block that does not exist; it reads as missing.
    FlowPathUnknownBlock {
        action: String,
        control: String,
        target: String,
    },
    /// A block with a broken id (`uid-NaN`, or the id of an earlier block) got a fresh one; every
    /// port and path that named the old id unambiguously follows it.
    FlowRenumbered {
        from: String,
        to: String,
    },
    /// No port leads from the start to this block.
    FlowUnreachable {
        action: String,
    },
    /// A connected port the block's type never leaves by (a typo such as `sucess`): the run never
    /// follows it.
    FlowUnknownPort {
        action: String,
        port: String,
        allowed: &'static [&'static str],
    },
    /// A feature value line without `Key:value`.
    FeatureLine {
        line: String,
    },
    /// A key the feature does not have; ignored.
    FeatureUnknownKey {
        key: String,
    },
    /// A feature value that must be true or false.
    FeatureNotBoolean {
        key: String,
        value: String,
    },
    /// A feature value that must be a whole number of seconds.
    FeatureNotSeconds {
        key: String,
        value: String,
    },
    /// A feature of the adapter we replace that this softphone does not implement.
    FeatureNotSupported,
    /// A feature name nobody knows.
    FeatureUnknown,
    /// The same feature twice; the first one counts.
    DuplicateFeature {
        first: usize,
    },
}

impl ProblemKind {
    /// A stable identifier for logs and tests.
    pub fn as_str(&self) -> &'static str {
        match self {
            ProblemKind::Syntax { .. } => "syntax",
            ProblemKind::ApexError { .. } => "apex_error",
            ProblemKind::NotAnApexError => "not_an_apex_error",
            ProblemKind::DuplicateKey { .. } => "duplicate_key",
            ProblemKind::NewerSchema { .. } => "newer_schema",
            ProblemKind::Missing => "missing",
            ProblemKind::WrongType { .. } => "wrong_type",
            ProblemKind::UnknownField => "unknown_field",
            ProblemKind::UnknownValue { .. } => "unknown_value",
            ProblemKind::NotAUrl { .. } => "not_a_url",
            ProblemKind::InsecureUrl { .. } => "insecure_url",
            ProblemKind::InvalidInstance { .. } => "invalid_instance",
            ProblemKind::DefaultAlias => "default_alias",
            ProblemKind::UnknownCountry { .. } => "unknown_country",
            ProblemKind::InvalidRegion { .. } => "invalid_region",
            ProblemKind::OutOfRange { .. } => "out_of_range",
            ProblemKind::Ignored { .. } => "ignored",
            ProblemKind::CallCenterMismatch { .. } => "call_center_mismatch",
            ProblemKind::StylePropertyNotAllowed { .. } => "style_property_not_allowed",
            ProblemKind::StyleValueNotAllowed { .. } => "style_value_not_allowed",
            ProblemKind::StyleSyntax { .. } => "style_syntax",
            ProblemKind::StyleTooLong { .. } => "style_too_long",
            ProblemKind::StyleForbidden { .. } => "style_forbidden",
            ProblemKind::StyleValueOutOfRange { .. } => "style_value_out_of_range",
            ProblemKind::TemplateUnclosed => "template_unclosed",
            ProblemKind::TemplateEmptyKey => "template_empty_key",
            ProblemKind::LinkSchemeNotAllowed { .. } => "link_scheme_not_allowed",
            ProblemKind::LinkFromData { .. } => "link_from_data",
            ProblemKind::TooLong { .. } => "too_long",
            ProblemKind::LinkNotAUrl { .. } => "link_not_a_url",
            ProblemKind::LinkSchemeRefused { .. } => "link_scheme_refused",
            ProblemKind::LinkHostChanged { .. } => "link_host_changed",
            ProblemKind::LinkTooLong { .. } => "link_too_long",
            ProblemKind::StaticValueMissing => "static_value_missing",
            ProblemKind::OperandNotForEvent { .. } => "operand_not_for_event",
            ProblemKind::ComparisonNeedsNumber { .. } => "comparison_needs_number",
            ProblemKind::NotANumber { .. } => "not_a_number",
            ProblemKind::ConstantCondition => "constant_condition",
            ProblemKind::SystemStateNotSettable { .. } => "system_state_not_settable",
            ProblemKind::LogoutRuleNeverFires => "logout_rule_never_fires",
            ProblemKind::PresenceSyncDisabled => "presence_sync_disabled",
            ProblemKind::PresenceRuleConflict { .. } => "presence_rule_conflict",
            ProblemKind::PresenceRulesOscillate { .. } => "presence_rules_oscillate",
            ProblemKind::UnknownFlowEvent { .. } => "unknown_flow_event",
            ProblemKind::DuplicateFlow { .. } => "duplicate_flow",
            ProblemKind::NotAFlow => "not_a_flow",
            ProblemKind::FlowStart { .. } => "flow_start",
            ProblemKind::FlowDuplicateActionId { .. } => "flow_duplicate_action_id",
            ProblemKind::FlowDanglingPort { .. } => "flow_dangling_port",
            ProblemKind::FlowPortsNotObject { .. } => "flow_ports_not_object",
            ProblemKind::FlowPortTargetNotString { .. } => "flow_port_target_not_string",
            ProblemKind::FlowActionShape { .. } => "flow_action_shape",
            ProblemKind::FlowUnknownBlock { .. } => "flow_unknown_block",
            ProblemKind::FlowBlockNotBuilt { .. } => "flow_block_not_built",
            ProblemKind::FlowControlType { .. } => "flow_control_type",
            ProblemKind::FlowBadPath { .. } => "flow_bad_path",
            ProblemKind::FlowPathUnknownBlock { .. } => "flow_path_unknown_block",
            ProblemKind::FlowRenumbered { .. } => "flow_renumbered",
            ProblemKind::FlowUnreachable { .. } => "flow_unreachable",
            ProblemKind::FlowUnknownPort { .. } => "flow_unknown_port",
            ProblemKind::FeatureLine { .. } => "feature_line",
            ProblemKind::FeatureUnknownKey { .. } => "feature_unknown_key",
            ProblemKind::FeatureNotBoolean { .. } => "feature_not_boolean",
            ProblemKind::FeatureNotSeconds { .. } => "feature_not_seconds",
            ProblemKind::FeatureNotSupported => "feature_not_supported",
            ProblemKind::FeatureUnknown => "feature_unknown",
            ProblemKind::DuplicateFeature { .. } => "duplicate_feature",
        }
    }
}

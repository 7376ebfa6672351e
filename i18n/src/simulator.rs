//! The text of the presence rule simulator page (admins; the editor bundle only).

use super::{Lang, lang};
use engine::presence::{Action, Cause, Outcome};

/// Fixed labels of the simulator page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimKey {
    Title,
    Intro,
    Waiting,
    NoStart,
    NoConfig,
    Event,
    ConnectNow,
    OmniNow,
    LoggedOut,
    NewConnect,
    NewOmni,
    Channel,
    ChannelNone,
    Capacity,
    PreviousWorkload,
    NewWorkload,
    SystemState,
    Rules,
    NoRules,
    Happens,
    Nothing,
    Final,
    SignedOut,
    Loops,
    SyncOff,
}

pub fn text(key: SimKey) -> &'static str {
    use SimKey as K;
    match (lang(), key) {
        (Lang::En, K::Title) => "Presence rule simulator",
        (Lang::En, K::Intro) => {
            "Choose an event and the states before it: see which presence sync rules of the adapter in use apply, and what the softphone does. Nothing is changed in Connect or Omni-Channel."
        }
        (Lang::En, K::Waiting) => "Waiting for the softphone…",
        (Lang::En, K::NoStart) => {
            "Open this page from the softphone: ⚙ Configuration, then Presence rule simulator."
        }
        (Lang::En, K::NoConfig) => "The softphone's configuration could not be read.",
        (Lang::En, K::Event) => "Event",
        (Lang::En, K::ConnectNow) => "Connect state before",
        (Lang::En, K::OmniNow) => "Omni-Channel status before",
        (Lang::En, K::LoggedOut) => "(logged out of Omni-Channel)",
        (Lang::En, K::NewConnect) => "New Connect state",
        (Lang::En, K::NewOmni) => "New Omni-Channel status",
        (Lang::En, K::Channel) => "Service channel (DeveloperName)",
        (Lang::En, K::ChannelNone) => "Leave blank for a work item whose channel was not found.",
        (Lang::En, K::Capacity) => "Configured capacity",
        (Lang::En, K::PreviousWorkload) => "Previous workload",
        (Lang::En, K::NewWorkload) => "New workload",
        (Lang::En, K::SystemState) => "system state",
        (Lang::En, K::Rules) => "Rules of this event",
        (Lang::En, K::NoRules) => "No active rule listens to this event.",
        (Lang::En, K::Happens) => "What the softphone does",
        (Lang::En, K::Nothing) => "Nothing: no rule or feature acts on this event.",
        (Lang::En, K::Final) => "Afterwards",
        (Lang::En, K::SignedOut) => "signed out",
        (Lang::En, K::Loops) => {
            "The rules kept acting until the simulation stopped them: they can loop. Check the rule pairs the configuration check warns about."
        }
        (Lang::En, K::SyncOff) => {
            "Presence Sync Enabled is off on this adapter: rules and logout sync do nothing."
        }
    }
}

/// The events the admin can choose, in the order offered.
pub const EVENTS: [(&str, &str); 6] = [
    ("connect", "Connect state change"),
    ("connect-logout", "Connect sign-out"),
    ("omni", "Omni-Channel status change"),
    ("omni-logout", "Omni-Channel logout"),
    ("work", "Omni-Channel work accepted"),
    ("workload", "Omni-Channel workload change"),
];

/// The label of an event choice.
pub fn event_label(value: &str) -> &'static str {
    EVENTS
        .iter()
        .find(|(v, _)| *v == value)
        .map_or("", |(_, label)| match lang() {
            Lang::En => label,
        })
}

/// Whether a rule applies, in words.
pub fn verdict(outcome: &Outcome) -> String {
    match (lang(), outcome) {
        (Lang::En, Outcome::Applies) => "applies".into(),
        (Lang::En, Outcome::DoesNotApply) => "does not apply".into(),
        (Lang::En, Outcome::Missing(operand)) => {
            format!(
                "does not apply: the event has no value for {}",
                operand.name()
            )
        }
    }
}

/// One action of the softphone, with what caused it.
pub fn action(at_ms: u64, action: &Action, cause: &Cause) -> String {
    let what = match (lang(), action) {
        (Lang::En, Action::SetSalesforceStatus { developer_name, .. }) => {
            format!("sets Omni-Channel to {developer_name}")
        }
        (Lang::En, Action::SetConnectState { state }) => format!("sets Connect to {state}"),
        (Lang::En, Action::SalesforceLogout) => "logs the agent out of Omni-Channel".into(),
        (Lang::En, Action::ConnectLogout) => "signs the agent out of Connect".into(),
    };
    let why = match (lang(), cause) {
        (Lang::En, Cause::Rule(rule)) => format!("rule “{}” ({})", rule.name, rule.id),
        (Lang::En, Cause::LogoutSync) => "LogoutSync".into(),
        (Lang::En, Cause::EnhancedLogout) => "enhanced logout".into(),
        (Lang::En, Cause::SessionEnd) => "SetAgentStatusOnSessionEnd".into(),
        (Lang::En, Cause::InitialState) => "InitialAgentState".into(),
        (Lang::En, Cause::Restore) => "the agent's newer choice".into(),
    };
    match lang() {
        Lang::En => format!("{at_ms} ms: the softphone {what}, because of {why}"),
    }
}

/// A problem found while acting, at a time.
pub fn problem(at_ms: u64, text: &str) -> String {
    match lang() {
        Lang::En => format!("{at_ms} ms: {text}"),
    }
}

/// Both sides after the event.
pub fn final_states(connect: &str, signed_in: bool, omni: Option<&str>) -> String {
    let connect = if signed_in {
        connect.to_owned()
    } else {
        format!("{connect} ({})", text(SimKey::SignedOut))
    };
    let omni = omni.unwrap_or(text(SimKey::LoggedOut));
    match lang() {
        Lang::En => format!("Connect: {connect} · Omni-Channel: {omni}"),
    }
}

//! One developer log line per presence output, naming the rule or feature behind each action.

use super::{Action, Cause, Diagnostic, Note, Output, Side, Skip, TimerKind};

/// `presence: …` in English, text quoted (`“…”`) rather than Debug-printed.
pub fn log_line(output: &Output) -> String {
    let text = match output {
        Output::Act { action, cause } => format!("{} ({})", action_text(action), cause_text(cause)),
        Output::Diagnose { diagnostic, rule } => {
            let rule = rule.as_ref().map_or(String::new(), |rule| {
                format!(" (rule {})", rule_text(&rule.id, &rule.name))
            });
            format!("{}{rule}", diagnostic_text(diagnostic))
        }
        Output::Arm(timer) => format!("{} timer at {} ms", timer_text(timer.kind), timer.at_ms),
        Output::Cancel(kind) => format!("{} timer cancelled", timer_text(*kind)),
        Output::Note(note) => note_text(note),
    };
    format!("presence: {text}")
}

fn action_text(action: &Action) -> String {
    match action {
        Action::SetSalesforceStatus {
            developer_name,
            status_id,
        } => format!("set Omni-Channel status “{developer_name}” ({status_id})"),
        Action::SetConnectState { state } => format!("set Connect state “{state}”"),
        Action::SalesforceLogout => "log out of Omni-Channel".to_owned(),
        Action::ConnectLogout => "sign out of Connect".to_owned(),
    }
}

fn diagnostic_text(diagnostic: &Diagnostic) -> String {
    match diagnostic {
        Diagnostic::UnknownSalesforceStatus(name) => {
            format!("no Omni-Channel status has the DeveloperName “{name}”")
        }
        Diagnostic::UnknownConnectState(name) => {
            format!("no Connect agent status is named “{name}”")
        }
        Diagnostic::ConnectStateNotSettable(name) => {
            format!("“{name}” is a Connect system state: never set")
        }
        Diagnostic::OperandMissing(operand) => format!(
            "the event gives {} no value: the rule does not apply",
            operand.name()
        ),
        Diagnostic::LiveContact => "not signed out of Connect during a live contact".to_owned(),
    }
}

fn cause_text(cause: &Cause) -> String {
    match cause {
        Cause::Rule(rule) => format!("rule {}", rule_text(&rule.id, &rule.name)),
        Cause::LogoutSync => "LogoutSync".to_owned(),
        Cause::EnhancedLogout => "enhanced logout".to_owned(),
        Cause::SessionEnd => "SetAgentStatusOnSessionEnd".to_owned(),
        Cause::InitialState => "InitialAgentState".to_owned(),
        Cause::Restore => "the agent's newer choice".to_owned(),
    }
}

fn rule_text(id: &str, name: &str) -> String {
    format!("“{name}” {id}")
}

fn side_text(side: Side) -> &'static str {
    match side {
        Side::Connect => "Connect",
        Side::Salesforce => "Omni-Channel",
    }
}

fn state_text(state: &Option<String>) -> String {
    match state {
        Some(state) => format!("“{state}”"),
        None => "signed out".to_owned(),
    }
}

fn timer_text(kind: TimerKind) -> &'static str {
    match kind {
        TimerKind::Window => "wait window",
        TimerKind::SessionEnd => "session end",
    }
}

fn skip_text(skip: Skip) -> &'static str {
    match skip {
        Skip::ProfileName => "the routing profile matches no IfProfileNameIncludes entry",
        Skip::CurrentState => "the Connect state is not in IfCurrentAgentState",
        Skip::SignedOut => "signed out of Connect",
        Skip::LiveContact => "a live contact",
    }
}

fn note_text(note: &Note) -> String {
    match note {
        Note::Echo { side, state } => format!(
            "{} reported the softphone's own change to {}: no rule runs",
            side_text(*side),
            state_text(state)
        ),
        Note::Unchanged { side, state } => format!(
            "{} reported {} again: nothing changed",
            side_text(*side),
            state_text(state)
        ),
        Note::EchoExpired { side, state } => format!(
            "{} never reported the change to {}; no longer expected",
            side_text(*side),
            state_text(state)
        ),
        Note::Failed { side, state } => format!(
            "{} change to {} failed",
            side_text(*side),
            state_text(state)
        ),
        Note::Coalesced(_) => "a newer change inside the wait window replaces an older one".into(),
        Note::SyncDisabled(_) => "presence sync is off: no rule or logout sync runs".into(),
        Note::Overridden { cause, by } => {
            format!("{} is overridden by {}", cause_text(cause), cause_text(by))
        }
        Note::Stale { side, cause } => format!(
            "{}: a newer change already decided {}",
            cause_text(cause),
            side_text(*side)
        ),
        Note::AlreadySet { side, state, cause } => format!(
            "{} is already {} ({})",
            side_text(*side),
            state_text(state),
            cause_text(cause)
        ),
        Note::CannotRestore { side, state } => {
            format!("{} cannot be set back to “{state}”", side_text(*side))
        }
        Note::SignedOut { cause } => {
            format!(
                "signed out of Connect: no state set ({})",
                cause_text(cause)
            )
        }
        Note::SignOutHeld { cause } => format!(
            "sign-out of Connect held until Connect reports Offline ({})",
            cause_text(cause)
        ),
        Note::SessionEndCancelled => "session end cancelled: a Salesforce tab is open".into(),
        Note::SessionEndResumed => "the live contact ended: session end runs".into(),
        Note::SessionEndSkipped(skip) => format!("session end skipped: {}", skip_text(*skip)),
        Note::InitialStateSkipped(skip) => {
            format!("initial agent state skipped: {}", skip_text(*skip))
        }
    }
}

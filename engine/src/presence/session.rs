//! Session end (SetAgentStatusOnSessionEnd) and the initial state at sign-in.
//!
//! When the agent has closed every Salesforce tab, the configured Status is set after
//! SessionEndTimer seconds, unless a tab loads again first. A Status containing `Logout` signs
//! the agent out like enhanced logout, but never during a live contact: then it waits for the
//! contact to end (and checks the conditions again).

use super::sync::Presence;
use super::{Cause, Note, Output, Side, Skip, Timer, TimerKind, is_live_contact};

/// Where the session-end countdown stands.
#[derive(Clone, Debug, Default)]
pub(super) struct Session {
    /// When the countdown ends, while it runs.
    deadline: Option<u64>,
    /// A sign-out waits for the live contact to end.
    deferred: bool,
}

impl Presence {
    pub(super) fn session_start(&mut self, now: u64, connect_state: String) {
        self.seq += 1;
        let seq = self.seq;
        self.connect.reset(Some(connect_state.clone()), seq);
        let Some(end) = &self.config.session_end else {
            return;
        };
        let initial = end.initial_agent_state.clone();
        if !self.profile_matches(&end.if_profile_name_includes) {
            self.note(Note::InitialStateSkipped(Skip::ProfileName));
        } else if is_live_contact(&connect_state) {
            self.note(Note::InitialStateSkipped(Skip::LiveContact));
        } else {
            self.set_connect(now, &initial, Cause::InitialState);
        }
    }

    pub(super) fn session_end(&mut self, now: u64) {
        let Some(end) = &self.config.session_end else {
            return;
        };
        let at_ms = now.saturating_add(u64::from(end.timer_seconds) * 1000);
        self.session = Session {
            deadline: Some(at_ms),
            deferred: false,
        };
        self.push(Output::Arm(Timer {
            at_ms,
            kind: TimerKind::SessionEnd,
        }));
    }

    pub(super) fn session_resume(&mut self) {
        let session = std::mem::take(&mut self.session);
        if session.deadline.is_some() {
            self.push(Output::Cancel(TimerKind::SessionEnd));
        }
        if session.deadline.is_some() || session.deferred {
            self.note(Note::SessionEndCancelled);
        }
    }

    pub(super) fn session_timer(&mut self, now: u64) {
        if self.session.deadline.is_some_and(|at| at <= now) {
            self.session.deadline = None;
            self.end_session(now);
        }
    }

    /// After an external Connect change: a deferred sign-out runs once the contact has ended.
    pub(super) fn connect_changed(&mut self, now: u64) {
        let live = self.connect.known.as_deref().is_some_and(is_live_contact);
        if self.session.deferred && !live {
            self.session.deferred = false;
            self.note(Note::SessionEndResumed);
            self.end_session(now);
        }
    }

    fn end_session(&mut self, now: u64) {
        let Some(end) = self.config.session_end.clone() else {
            return;
        };
        let skip = |presence: &mut Presence, why| presence.note(Note::SessionEndSkipped(why));
        if !self.profile_matches(&end.if_profile_name_includes) {
            return skip(self, Skip::ProfileName);
        }
        let Some(current) = self.connect.known.clone() else {
            return skip(self, Skip::SignedOut);
        };
        let states = &end.if_current_agent_state;
        if !states.is_empty() && !states.contains(&current) {
            return skip(self, Skip::CurrentState);
        }
        if end.status.contains(super::LOGOUT_MARK) && is_live_contact(&current) {
            self.diagnose(super::Diagnostic::LiveContact, None);
            self.session.deferred = true;
            return;
        }
        self.set_connect(now, &end.status, Cause::SessionEnd);
    }

    /// Sets Connect to a configured status (not a rule's): the newest decision for that side.
    fn set_connect(&mut self, now: u64, value: &str, cause: Cause) {
        let state = match self.catalog.target(Side::Connect, value) {
            Ok(state) => state,
            Err(diagnostic) => return self.diagnose(diagnostic, None),
        };
        if !self.admit(Side::Connect, &state, &cause) {
            return;
        }
        self.seq += 1;
        let seq = self.seq;
        self.connect.decide(state.clone(), seq);
        self.change(now, Side::Connect, state, cause);
    }

    /// IfProfileNameIncludes: empty, or one of its entries is part of the routing profile name.
    fn profile_matches(&self, includes: &[String]) -> bool {
        includes.is_empty()
            || self
                .catalog
                .routing_profile
                .as_deref()
                .is_some_and(|profile| includes.iter().any(|part| profile.contains(part.as_str())))
    }
}

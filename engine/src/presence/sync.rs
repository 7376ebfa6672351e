//! The presence sync state machine: reports from each side, the loop guard, the wait window, and the actions that follow.
//!
//! Loop guard: every change the softphone asks for is remembered as an expectation on its side
//! until that side reports it back (its echo). A report that matches an expectation is the
//! softphone's own change: it updates what is known of the side and triggers nothing. Any other
//! report is the agent's or the system's change and is always honoured.
//!
//! Latest wins: each side has a desired state, stamped with the sequence number of the change
//! that decided it. A change decides a side only when nothing newer has; so an older change
//! applied late (from a wait window) never overrides a newer one, and when a side reports the
//! softphone's older change after the agent's newer one, the agent's choice is set again.
//!
//! Signing out of Connect sets the Offline status first and signs out only once Connect has
//! reported Offline: a sign-out sent at once can overtake the status change, and the agent is
//! then signed out while still routable.

use super::rules::{Outcome, Trigger, destination, evaluate};
use super::session::Session;
use super::{
    Action, Catalog, Cause, Diagnostic, Input, Note, Output, PresenceConfig, RuleRef, Side, Timer,
    TimerKind, is_live_contact,
};

/// Presence sync for one agent. See the module documentation.
#[derive(Clone, Debug)]
pub struct Presence {
    pub(super) config: PresenceConfig,
    pub(super) catalog: Catalog,
    pub(super) connect: SideState,
    pub(super) salesforce: SideState,
    window: Option<Window>,
    /// Numbers external changes and decisions in the order they happened.
    pub(super) seq: u64,
    pub(super) session: Session,
    out: Vec<Output>,
}

/// What is known of one side. A state of `None` is signed out.
#[derive(Clone, Debug, Default)]
pub(super) struct SideState {
    /// The state the side last reported.
    pub(super) known: Option<String>,
    /// Changes asked for and not reported back yet, oldest first.
    inflight: Vec<Expect>,
    /// Changes overtaken by a report of a newer one: if they are still reported, late, they
    /// are the softphone's too.
    late: Vec<Expect>,
    /// The state the side should end in, and the change that decided it.
    desired: Option<(Option<String>, u64)>,
}

#[derive(Clone, Debug)]
struct Expect {
    state: Option<String>,
    at: u64,
    /// The action that makes this change, held back until the side has reported the change
    /// asked for before it (a sign-out waits for Offline).
    held: Option<(Action, Cause)>,
}

impl SideState {
    fn new(state: Option<String>) -> SideState {
        SideState {
            desired: Some((state.clone(), 0)),
            known: state,
            inflight: Vec::new(),
            late: Vec::new(),
        }
    }

    /// Where the side is heading: the last change asked for, else what it reported.
    pub(super) fn projected(&self) -> Option<&str> {
        match self.inflight.last() {
            Some(expect) => expect.state.as_deref(),
            None => self.known.as_deref(),
        }
    }

    pub(super) fn decide(&mut self, state: Option<String>, seq: u64) {
        self.desired = Some((state, seq));
    }

    /// A new sign-in: nothing asked for before still applies.
    pub(super) fn reset(&mut self, state: Option<String>, seq: u64) {
        self.inflight.clear();
        self.late.clear();
        self.known = state.clone();
        self.desired = Some((state, seq));
    }
}

/// Changes waiting for the wait window to close: the latest of each kind.
#[derive(Clone, Debug)]
struct Window {
    closes_at: u64,
    pending: Vec<(u64, Trigger)>,
}

/// Changes of one kind replace each other inside a window.
fn kind(trigger: &Trigger) -> u8 {
    match trigger {
        Trigger::ConnectState { .. } | Trigger::ConnectLogout => 0,
        Trigger::SalesforceStatus { .. } | Trigger::SalesforceLogout => 1,
        Trigger::WorkAccepted { .. } => 2,
        Trigger::WorkloadChanged { .. } => 3,
    }
}

/// One side to set, and why.
#[derive(Clone, Debug)]
pub(super) struct Intent {
    pub(super) side: Side,
    pub(super) state: Option<String>,
    pub(super) cause: Cause,
}

impl Presence {
    /// `connect` and `salesforce` are the states now (`None`: signed out).
    pub fn new(
        config: PresenceConfig,
        catalog: Catalog,
        connect: Option<String>,
        salesforce: Option<String>,
    ) -> Presence {
        Presence {
            config,
            catalog,
            connect: SideState::new(connect),
            salesforce: SideState::new(salesforce),
            window: None,
            seq: 0,
            session: Session::default(),
            out: Vec::new(),
        }
    }

    /// A new configuration (the admin saved the adapter): it applies from the next change.
    pub fn set_config(&mut self, config: PresenceConfig) {
        self.config = config;
    }

    /// New statuses or routing profile.
    pub fn set_catalog(&mut self, catalog: Catalog) {
        self.catalog = catalog;
    }

    /// The state a side is in, read rather than reported as a change (at start-up, or polled
    /// after a reconnect): it runs no rule, and nothing the softphone asked for before is
    /// expected from that side any more.
    pub fn set_state(&mut self, side: Side, state: Option<String>) {
        self.seq += 1;
        let seq = self.seq;
        self.side_mut(side).reset(state, seq);
    }

    pub fn config(&self) -> &PresenceConfig {
        &self.config
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The state a side last reported (`None`: signed out).
    pub fn known(&self, side: Side) -> Option<&str> {
        self.side(side).known.as_deref()
    }

    /// Whether the softphone still waits for a side to report one of its changes.
    pub fn awaiting(&self, side: Side) -> bool {
        !self.side(side).inflight.is_empty()
    }

    /// Applies one input at `now` (ms, the caller's clock) and returns what to do, in order.
    pub fn handle(&mut self, now: u64, input: Input) -> Vec<Output> {
        self.expire(now);
        match input {
            Input::ConnectStateChange {
                old_state,
                new_state,
            } => {
                let state = Some(new_state.clone());
                let trigger = Trigger::ConnectState {
                    old_state,
                    new_state,
                };
                self.report(now, Side::Connect, state, trigger);
            }
            Input::ConnectLogout => self.report(now, Side::Connect, None, Trigger::ConnectLogout),
            Input::SalesforceStatusChange { developer_name } => {
                let state = Some(developer_name.clone());
                let trigger = Trigger::SalesforceStatus { developer_name };
                self.report(now, Side::Salesforce, state, trigger);
            }
            Input::SalesforceLogout => {
                self.report(now, Side::Salesforce, None, Trigger::SalesforceLogout)
            }
            Input::WorkAccepted { service_channel } => {
                self.seq += 1;
                self.enqueue(now, Trigger::WorkAccepted { service_channel });
            }
            Input::WorkloadChanged {
                configured_capacity,
                previous_workload,
                new_workload,
            } => {
                self.seq += 1;
                let trigger = Trigger::WorkloadChanged {
                    configured_capacity,
                    previous_workload,
                    new_workload,
                };
                self.enqueue(now, trigger);
            }
            Input::SessionStart { connect_state } => self.session_start(now, connect_state),
            Input::SessionEnd => self.session_end(now),
            Input::SessionResume => self.session_resume(),
            Input::Timer(TimerKind::Window) => self.close_window(now),
            Input::Timer(TimerKind::SessionEnd) => self.session_timer(now),
            Input::Failed(side) => self.failed(side),
        }
        std::mem::take(&mut self.out)
    }

    pub(super) fn side(&self, side: Side) -> &SideState {
        match side {
            Side::Connect => &self.connect,
            Side::Salesforce => &self.salesforce,
        }
    }

    pub(super) fn side_mut(&mut self, side: Side) -> &mut SideState {
        match side {
            Side::Connect => &mut self.connect,
            Side::Salesforce => &mut self.salesforce,
        }
    }

    pub(super) fn note(&mut self, note: Note) {
        self.out.push(Output::Note(note));
    }

    pub(super) fn diagnose(&mut self, diagnostic: Diagnostic, rule: Option<RuleRef>) {
        self.out.push(Output::Diagnose { diagnostic, rule });
    }

    pub(super) fn push(&mut self, output: Output) {
        self.out.push(output);
    }

    /// A side reports its state: the softphone's own change (an echo), no change at all (a
    /// repeated report), or the agent's or the system's change.
    fn report(&mut self, now: u64, side: Side, state: Option<String>, trigger: Trigger) {
        let s = self.side_mut(side);
        let echo = if let Some(at) = s.inflight.iter().position(|e| e.state == state) {
            // Reports come in order: the older changes were overtaken (or never reported).
            let overtaken: Vec<Expect> = s.inflight.drain(..=at).collect();
            s.late.extend(overtaken.into_iter().take(at));
            true
        } else if let Some(at) = s.late.iter().position(|e| e.state == state) {
            s.late.remove(at);
            true
        } else {
            false
        };
        if echo {
            s.known = state.clone();
            self.note(Note::Echo { side, state });
            self.release(now, side);
            self.restore(now, side);
            return;
        }
        if s.known == state {
            self.note(Note::Unchanged { side, state });
            return;
        }
        s.known = state.clone();
        self.seq += 1;
        let seq = self.seq;
        self.side_mut(side).decide(state, seq);
        if side == Side::Connect {
            self.connect_changed(now);
        }
        self.enqueue(now, trigger);
    }

    /// Once a side has reported every change asked for, it must be where the latest change
    /// decided; the agent's newer choice is set again over the softphone's older change.
    fn restore(&mut self, now: u64, side: Side) {
        let s = self.side(side);
        let Some((desired, _)) = s.desired.clone() else {
            return;
        };
        if !s.inflight.is_empty() || desired == s.known {
            return;
        }
        // Only what the softphone may set: a system state or an unknown status stays.
        if let Some(state) = &desired
            && self.catalog.target(side, state).as_ref() != Ok(&desired)
        {
            let state = state.clone();
            self.note(Note::CannotRestore { side, state });
            return;
        }
        if self.admit(side, &desired, &Cause::Restore) {
            self.change(now, side, desired, Cause::Restore);
        }
    }

    /// Drops expectations older than the echo timeout.
    fn expire(&mut self, now: u64) {
        let timeout = self.config.echo_timeout_ms;
        let due = |e: &Expect| e.at.saturating_add(timeout) < now;
        for side in [Side::Connect, Side::Salesforce] {
            let s = self.side_mut(side);
            s.late.retain(|e| !due(e));
            let old = s.inflight.iter().take_while(|e| due(e)).count();
            let expired: Vec<Expect> = s.inflight.drain(..old).collect();
            for e in expired {
                self.note(Note::EchoExpired {
                    side,
                    state: e.state,
                });
            }
        }
    }

    fn failed(&mut self, side: Side) {
        let s = self.side_mut(side);
        if s.inflight.is_empty() {
            return;
        }
        let e = s.inflight.remove(0);
        // A held action waited for this change: it is not made either.
        let dropped = match s.inflight.first() {
            Some(next) if next.held.is_some() => Some(s.inflight.remove(0).state),
            _ => None,
        };
        if s.inflight.is_empty() {
            // The side stays where it is; asking again could fail forever.
            let seq = s.desired.as_ref().map_or(0, |(_, seq)| *seq);
            s.desired = Some((s.known.clone(), seq));
        }
        self.note(Note::Failed {
            side,
            state: e.state,
        });
        if let Some(state) = dropped {
            self.note(Note::Failed { side, state });
        }
    }

    /// The side reported the change a held action waited for: that action is made now.
    fn release(&mut self, now: u64, side: Side) {
        let s = self.side_mut(side);
        let Some(next) = s.inflight.first_mut() else {
            return;
        };
        if let Some((action, cause)) = next.held.take() {
            next.at = now;
            self.push(Output::Act { action, cause });
        }
    }

    /// An external change: applied now, or when the wait window closes.
    fn enqueue(&mut self, now: u64, trigger: Trigger) {
        let seq = self.seq;
        if self.config.wait_ms == 0 {
            self.apply(now, vec![(seq, trigger)]);
            return;
        }
        let Some(window) = &mut self.window else {
            let closes_at = now.saturating_add(self.config.wait_ms);
            self.window = Some(Window {
                closes_at,
                pending: vec![(seq, trigger)],
            });
            self.push(Output::Arm(Timer {
                at_ms: closes_at,
                kind: TimerKind::Window,
            }));
            return;
        };
        // The newest change goes last, so `pending` stays in the order changes happened.
        let same = window
            .pending
            .iter()
            .position(|(_, t)| kind(t) == kind(&trigger));
        let replaced = same.map(|at| window.pending.remove(at).1);
        window.pending.push((seq, trigger));
        if let Some(replaced) = replaced {
            self.note(Note::Coalesced(replaced));
        }
    }

    fn close_window(&mut self, now: u64) {
        if self.window.as_ref().is_some_and(|w| w.closes_at <= now)
            && let Some(window) = self.window.take()
        {
            // In the order changes happened (`enqueue` keeps it so).
            self.apply(now, window.pending);
        }
    }

    /// Applies changes in the order they happened; each side ends where the latest decided.
    fn apply(&mut self, now: u64, changes: Vec<(u64, Trigger)>) {
        let mut plan: Vec<Intent> = Vec::new();
        for (seq, trigger) in changes {
            for intent in self.intents(&trigger) {
                self.plan(&mut plan, seq, intent);
            }
        }
        for Intent { side, state, cause } in plan {
            self.change(now, side, state, cause);
        }
    }

    fn plan(&mut self, plan: &mut Vec<Intent>, seq: u64, intent: Intent) {
        let s = self.side(intent.side);
        if s.desired
            .as_ref()
            .is_some_and(|(_, decided)| *decided > seq)
        {
            let (side, cause) = (intent.side, intent.cause);
            self.note(Note::Stale { side, cause });
            return;
        }
        if !self.admit(intent.side, &intent.state, &intent.cause) {
            return;
        }
        self.side_mut(intent.side).decide(intent.state.clone(), seq);
        if let Some(at) = plan.iter().position(|p| p.side == intent.side) {
            let earlier = plan.remove(at);
            self.note(Note::Overridden {
                cause: earlier.cause,
                by: intent.cause.clone(),
            });
        }
        plan.push(intent);
    }

    /// What one change asks for, in order (a later intent for a side overrides an earlier one).
    fn intents(&mut self, trigger: &Trigger) -> Vec<Intent> {
        let mut intents = Vec::new();
        let sync = self.config.sync_enabled;
        if sync {
            self.rule_intents(trigger, &mut intents);
        } else if !evaluate(&self.config.rules, trigger).is_empty() {
            self.note(Note::SyncDisabled(trigger.clone()));
        }
        let logout = &self.config.logout_sync;
        let omni_off = sync && logout.connect_logout_sets_omni_offline;
        let connect_off = sync && logout.omni_logout_signs_out_of_connect;
        let salesforce_logout = match trigger {
            // Enhanced logout signs the agent out of Connect on the agent's behalf: logout
            // sync follows, though the sign-out itself is the softphone's.
            Trigger::ConnectState { new_state, .. } => {
                let contains = &logout.logout_status_contains;
                omni_off
                    && (new_state.contains(super::LOGOUT_MARK)
                        || !contains.is_empty() && new_state.contains(contains.as_str()))
            }
            Trigger::ConnectLogout => omni_off,
            _ => false,
        };
        if salesforce_logout {
            intents.push(Intent {
                side: Side::Salesforce,
                state: None,
                cause: Cause::LogoutSync,
            });
        }
        let connect_logout = match trigger {
            Trigger::ConnectState { new_state, .. } if new_state.contains(super::LOGOUT_MARK) => {
                Some(Cause::EnhancedLogout)
            }
            Trigger::SalesforceLogout if connect_off => Some(Cause::LogoutSync),
            _ => None,
        };
        if let Some(cause) = connect_logout {
            intents.push(Intent {
                side: Side::Connect,
                state: None,
                cause,
            });
        }
        intents
    }

    /// Every applying rule whose destination can be set; the rest are reported.
    fn rule_intents(&mut self, trigger: &Trigger, intents: &mut Vec<Intent>) {
        let mut reports = Vec::new();
        for evaluation in evaluate(&self.config.rules, trigger) {
            let rule = RuleRef::of(evaluation.rule);
            match evaluation.outcome {
                Outcome::Applies => {
                    let (side, value) = destination(evaluation.rule);
                    match self.catalog.target(side, value) {
                        Ok(state) => intents.push(Intent {
                            side,
                            state,
                            cause: Cause::Rule(rule),
                        }),
                        Err(diagnostic) => reports.push((diagnostic, rule)),
                    }
                }
                Outcome::Missing(operand) => {
                    reports.push((Diagnostic::OperandMissing(operand), rule));
                }
                Outcome::DoesNotApply => {}
            }
        }
        for (diagnostic, rule) in reports {
            self.diagnose(diagnostic, Some(rule));
        }
    }

    /// Whether a side may be set now: no Connect status while signed out of Connect, no
    /// sign-out during a live contact.
    pub(super) fn admit(&mut self, side: Side, state: &Option<String>, cause: &Cause) -> bool {
        match (side, state) {
            (Side::Connect, Some(_)) if self.connect.projected().is_none() => {
                self.note(Note::SignedOut {
                    cause: cause.clone(),
                });
                false
            }
            (Side::Connect, None) if self.connect.known.as_deref().is_some_and(is_live_contact) => {
                self.diagnose(Diagnostic::LiveContact, cause.rule().cloned());
                false
            }
            _ => true,
        }
    }

    /// Asks a side to change, unless it already is (or is about to be) there.
    pub(super) fn change(&mut self, now: u64, side: Side, state: Option<String>, cause: Cause) {
        if self.side(side).projected() == state.as_deref() {
            self.note(Note::AlreadySet { side, state, cause });
            return;
        }
        match (side, state) {
            (Side::Salesforce, Some(name)) => {
                let Some(status) = self.catalog.salesforce_status(&name) else {
                    let rule = cause.rule().cloned();
                    self.diagnose(Diagnostic::UnknownSalesforceStatus(name), rule);
                    return;
                };
                let action = Action::SetSalesforceStatus {
                    status_id: status.id.clone(),
                    developer_name: name.clone(),
                };
                self.act(now, Side::Salesforce, Some(name), action, cause);
            }
            (Side::Salesforce, None) => {
                self.act(now, side, None, Action::SalesforceLogout, cause);
            }
            (Side::Connect, Some(name)) => {
                let action = Action::SetConnectState {
                    state: name.clone(),
                };
                self.act(now, side, Some(name), action, cause);
            }
            (Side::Connect, None) => {
                // Signing out alone would leave the agent routable: Offline first, and the
                // sign-out once Connect has reported Offline.
                let offline = self.catalog.offline_state().to_owned();
                if self.connect.projected() == Some(offline.as_str()) {
                    return self.act(now, side, None, Action::ConnectLogout, cause);
                }
                let action = Action::SetConnectState {
                    state: offline.clone(),
                };
                self.act(now, side, Some(offline), action, cause.clone());
                self.note(Note::SignOutHeld {
                    cause: cause.clone(),
                });
                self.connect.inflight.push(Expect {
                    state: None,
                    at: now,
                    held: Some((Action::ConnectLogout, cause)),
                });
            }
        }
    }

    fn act(&mut self, now: u64, side: Side, state: Option<String>, action: Action, cause: Cause) {
        let expect = Expect {
            state,
            at: now,
            held: None,
        };
        self.side_mut(side).inflight.push(expect);
        self.push(Output::Act { action, cause });
    }
}

//! The session watcher (`#session-watcher`): a window the softphone opens that outlives the Salesforce tabs; once every softphone tab has gone it connects to the CCP itself (medialess) and runs SetAgentStatusOnSessionEnd through the presence machine.
//
// Every softphone tab holds the `SESSION_LOCK` Web Lock (shared) for its life; the watcher asks
// for it exclusively, so the browser grants it exactly when the last tab closes or reloads. A
// tab that loads again queues for the lock; the watcher sees it waiting, cancels the countdown
// and hands the lock back. The watcher connects to the CCP only when SessionEndTimer has run out
// with no tab back, so a working day (reloads included) has one CCP connection per tab and none
// here; once the session end is done the window closes itself, and the next tab opens a new one.

use std::cell::RefCell;
use std::rc::Rc;

use ctisoftphone::bindings::{locks, streams};
use ctisoftphone::controller::{SESSION_LOCK, SESSION_WATCHER_LOCK};
use engine::presence::{Action, Input, Output, Presence, PresenceConfig, Side, TimerKind};
use leptos::prelude::*;

use crate::bindings::companion::Start;
use crate::bindings::page;

/// How often the watcher looks for a tab that loaded again while the countdown runs.
const POLL_MS: u32 = 250;
/// How long the watcher shows what it did before it closes.
const CLOSE_AFTER_MS: u32 = 10_000;

/// Where the watcher stands, for the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Asking the softphone that opened it.
    Starting,
    /// Not opened by a softphone (or it did not answer).
    NoStart,
    /// The adapter has no SetAgentStatusOnSessionEnd.
    NotConfigured,
    /// Streams or the CCP could not be reached.
    NoCcp(String),
    /// Salesforce tabs are open.
    Watching,
    /// Every tab is closed; the status is set at `at_ms` unless one opens again.
    Counting {
        at_ms: u64,
    },
    /// The session ended: this was done.
    Done(Action),
    Failed(String),
}

/// What the page draws.
#[derive(Clone, Copy)]
pub struct Signals {
    pub phase: RwSignal<Phase>,
    /// Presence log lines, newest last.
    pub log: RwSignal<Vec<String>>,
}

struct Watcher {
    machine: Presence,
    ccp_url: String,
    region: Option<String>,
    /// Streams was loaded and `initCCP` called.
    connecting: bool,
    /// The CCP reported the agent signed in: the machine knows the Connect state.
    ccp_ready: bool,
    /// A timer that fell due before the CCP reported: it runs when it does.
    waiting_timer: Option<TimerKind>,
    /// No softphone tab is open: the watcher acts.
    alone: bool,
    release: Option<Box<dyn FnOnce()>>,
    timers: Vec<(TimerKind, i32)>,
    signals: Signals,
}

type Shared = Rc<RefCell<Watcher>>;

/// A running watcher, for newer starts.
pub struct Handle(Shared);

/// Session end only: the tabs' leader runs the rules and logout sync.
fn session_config(start: &Start) -> Result<PresenceConfig, Phase> {
    let config = engine::config::parse(&start.config, None)
        .config
        .ok_or(Phase::NoStart)?;
    if config.features.session_end.is_none() {
        return Err(Phase::NotConfigured);
    }
    let mut presence = PresenceConfig::from_config(&config);
    presence.rules.clear();
    presence.sync_enabled = false;
    Ok(presence)
}

/// A tab found the watcher open and sent its start: a newer configuration and catalog apply
/// from the next change.
pub fn update(handle: &Handle, start: Start) {
    let mut w = handle.0.borrow_mut();
    match session_config(&start) {
        Ok(config) => {
            w.machine.set_config(config);
            w.machine.set_catalog(start.world.catalog);
        }
        Err(phase) => w.signals.phase.set(phase),
    }
}

/// Starts watching from what the softphone sent; the CCP is `container`'s.
pub fn run(start: Start, container: web_sys::HtmlElement, signals: Signals) -> Option<Handle> {
    CONTAINER.with(|c| *c.borrow_mut() = Some(container));
    let presence = match session_config(&start) {
        Ok(presence) => presence,
        Err(phase) => {
            signals.phase.set(phase);
            return None;
        }
    };
    let machine = Presence::new(
        presence,
        start.world.catalog,
        Some(start.world.connect),
        start.world.salesforce,
    );
    let watcher = Rc::new(RefCell::new(Watcher {
        machine,
        ccp_url: start.ccp_url,
        region: start.region,
        connecting: false,
        ccp_ready: false,
        waiting_timer: None,
        alone: false,
        release: None,
        timers: Vec::new(),
        signals,
    }));
    signals.phase.set(Phase::Watching);
    // Softphone pages loaded from now on see the watcher open and do not offer it again.
    if let Err(why) = locks::hold_for_page(SESSION_WATCHER_LOCK, locks::Mode::Exclusive) {
        page::console_warn(&format!("session watcher lock: {why}"));
    }
    let handle = Handle(watcher.clone());
    wait_for_last_tab(watcher);
    Some(handle)
}

thread_local! {
    /// Where the watcher's own CCP goes.
    static CONTAINER: RefCell<Option<web_sys::HtmlElement>> = const { RefCell::new(None) };
}

/// Loads Streams and starts the watcher's CCP, the first time it is alone.
fn connect(watcher: &Shared) {
    let signals = {
        let mut w = watcher.borrow_mut();
        if std::mem::replace(&mut w.connecting, true) {
            return;
        }
        w.signals
    };
    // The Visualforce page names Streams' static resource; the playground serves it beside us.
    let streams_url = ctisoftphone::bindings::browser::meta_content("ctisoftphone-streams")
        .unwrap_or_else(|| "../connect-streams-min.js".into());
    let url = streams_url.clone();
    let loaded = watcher.clone();
    page::load_script(&url, move |ran| match ran {
        true => start_ccp(loaded),
        false => signals.phase.set(Phase::NoCcp(streams_url)),
    });
}

fn start_ccp(watcher: Shared) {
    let (signals, options) = {
        let w = watcher.borrow();
        let options = streams::CcpOptions {
            ccp_url: w.ccp_url.clone(),
            region: w.region.clone(),
            login_popup: false,
            login_url: None,
            ccp_load_timeout: 10_000,
            // Medialess: calls ring in the agent's softphone, never here.
            softphone: streams::SoftphoneOptions {
                allow_framed_softphone: false,
                disable_ringtone: true,
                ringtone_url: None,
            },
            login_options: streams::LoginOptions {
                enable_ack_timeout: true,
                auto_close: true,
            },
        };
        (w.signals, options)
    };
    let Some(container) = CONTAINER.with(|c| c.borrow().clone()) else {
        return signals.phase.set(Phase::NoCcp(String::new()));
    };
    if let Err(error) = streams::init_ccp(&container, &options) {
        return signals.phase.set(Phase::NoCcp(error.to_string()));
    }
    let reported = watcher.clone();
    let refresh = streams::on_agent_refresh(move |agent| {
        let Ok(agent) = agent else { return };
        if agent.state_kind == engine::AgentStateKind::Init || reported.borrow().ccp_ready {
            return;
        }
        let due = {
            let mut w = reported.borrow_mut();
            w.ccp_ready = true;
            w.machine.set_state(Side::Connect, Some(agent.state_name));
            w.waiting_timer.take()
        };
        if let Some(kind) = due {
            feed(&reported, Input::Timer(kind));
        }
    });
    let followed = watcher.clone();
    let state_change = streams::on_agent_state_change(move |old_state, new_state| {
        let alone = followed.borrow().alone;
        if alone {
            feed(
                &followed,
                Input::ConnectStateChange {
                    old_state,
                    new_state,
                },
            );
        } else {
            let mut w = followed.borrow_mut();
            w.machine.set_state(Side::Connect, Some(new_state));
        }
    });
    let signed_out = watcher.clone();
    let terminated = streams::on_terminated(move || feed(&signed_out, Input::ConnectLogout));
    // The page lives as long as its window: so do its subscriptions.
    std::mem::forget((refresh, state_change, terminated));
}

fn wait_for_last_tab(watcher: Shared) {
    let granted = watcher.clone();
    let asked = locks::acquire(SESSION_LOCK, move |release| {
        {
            let mut w = granted.borrow_mut();
            w.alone = true;
            w.release = Some(release);
        }
        feed(&granted, Input::SessionEnd);
        look_for_a_tab(granted);
    });
    if let Err(why) = asked {
        watcher.borrow().signals.phase.set(Phase::Failed(why));
    }
}

/// While alone: a tab that loads again waits for the lock, shared.
fn look_for_a_tab(watcher: Shared) {
    page::set_timeout(POLL_MS, move || {
        locks::shared_waiting(SESSION_LOCK, move |waiting| {
            if !waiting {
                return look_for_a_tab(watcher);
            }
            feed(&watcher, Input::SessionResume);
            let release = {
                let mut w = watcher.borrow_mut();
                w.alone = false;
                if !matches!(w.signals.phase.get_untracked(), Phase::Done(_)) {
                    w.signals.phase.set(Phase::Watching);
                }
                w.release.take()
            };
            if let Some(release) = release {
                release();
            }
            wait_for_last_tab(watcher);
        })
    });
}

fn feed(watcher: &Shared, input: Input) {
    let now = page::now_ms();
    let outputs = watcher.borrow_mut().machine.handle(now, input);
    for output in outputs {
        apply(watcher, now, output);
    }
}

fn apply(watcher: &Shared, now: u64, output: Output) {
    let signals = watcher.borrow().signals;
    signals
        .log
        .update(|log| log.push(engine::presence::log_line(&output)));
    match output {
        Output::Arm(timer) => {
            cancel(watcher, timer.kind);
            let due = watcher.clone();
            // A little late rather than early: the machine ignores a timer before its time.
            let delay = timer.at_ms.saturating_sub(now) + 2;
            let id = page::set_timeout(u32::try_from(delay).unwrap_or(u32::MAX), move || {
                let ready = {
                    let mut w = due.borrow_mut();
                    w.timers.retain(|(k, _)| *k != timer.kind);
                    if !w.ccp_ready {
                        // Acting needs the agent's state as the CCP has it now.
                        w.waiting_timer = Some(timer.kind);
                    }
                    w.ccp_ready
                };
                if ready {
                    feed(&due, Input::Timer(timer.kind));
                } else {
                    connect(&due);
                }
            });
            if let Some(id) = id {
                watcher.borrow_mut().timers.push((timer.kind, id));
            }
            if timer.kind == TimerKind::SessionEnd {
                signals.phase.set(Phase::Counting { at_ms: timer.at_ms });
            }
        }
        Output::Cancel(kind) => cancel(watcher, kind),
        Output::Act { action, .. } => act(watcher, action),
        Output::Diagnose { .. } | Output::Note(_) => {}
    }
}

fn cancel(watcher: &Shared, kind: TimerKind) {
    let mut w = watcher.borrow_mut();
    if w.waiting_timer == Some(kind) {
        w.waiting_timer = None;
    }
    for (_, id) in w.timers.iter().filter(|(k, _)| *k == kind) {
        page::clear_timeout(*id);
    }
    w.timers.retain(|(k, _)| *k != kind);
}

fn act(watcher: &Shared, action: Action) {
    let signals = watcher.borrow().signals;
    let done = {
        let action = action.clone();
        move |result: Result<(), streams::StreamsError>| match result {
            Ok(()) => {
                signals.phase.set(Phase::Done(action));
                // Its work is done; the agent's next tab opens a new watcher.
                page::set_timeout(CLOSE_AFTER_MS, page::close_window);
            }
            Err(error) => signals.phase.set(Phase::Failed(error.to_string())),
        }
    };
    match &action {
        Action::SetConnectState { state } => {
            if let Err(error) = streams::set_agent_state(state, done) {
                signals.phase.set(Phase::Failed(error.to_string()));
            }
        }
        Action::ConnectLogout => {
            let ccp_url = watcher.borrow().ccp_url.clone();
            streams::logout(&ccp_url, done);
        }
        // Rules and logout sync are off here: Omni-Channel is never touched.
        Action::SetSalesforceStatus { .. } | Action::SalesforceLogout => {}
    }
}

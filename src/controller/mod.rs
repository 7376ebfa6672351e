//! Wires the engine to the browser: bindings deliver events into one queue, the engine handles
//! them one at a time, and the resulting `View` goes into a signal for the UI.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use engine::config::CcpConfig;
use engine::{
    ConfigOrigin, ContactEvent, Event, Level, SalesforceOp, Softphone, TabRole, UiEvent, View,
};
use leptos::prelude::*;

use crate::bindings::opencti::OpenCti;
use crate::bindings::{browser, companion, locks, streams};
use crate::log::LogBook;

mod host;
use host::{WebHost, failed};

/// How long Salesforce start-up work waits for the agent's first snapshot at most (ms).
const SALESFORCE_DEFERRAL_MS: u32 = 1_500;

/// After the first agent snapshot, when the engine warms up (ms): after Salesforce's answers.
const WARM_UP_DELAY_MS: u32 = 1_000;

/// How long Streams waits for the CCP before reloading its iframe (ms).
const CCP_LOAD_TIMEOUT_MS: u32 = 5_000;

/// The signals the UI reads.
#[derive(Clone, Copy)]
pub struct Signals {
    pub view: RwSignal<View>,
    pub log: RwSignal<LogBook>,
}

/// A cheap handle to send events into the engine from any callback.
#[derive(Clone)]
pub struct Dispatcher {
    inner: Rc<Inner>,
}

struct Inner {
    queue: RefCell<VecDeque<Event>>,
    softphone: RefCell<Softphone>,
    host: RefCell<Option<WebHost>>,
    signals: Signals,
    /// Whether `ctisoftphone:ready` was marked (first sign-in), for the benchmark.
    ready_marked: std::cell::Cell<bool>,
    /// A view publication is scheduled for the end of the current task.
    publish_pending: std::cell::Cell<bool>,
    /// The CCP address `initCCP` was called with; Streams allows one call per page.
    ccp_started: RefCell<Option<String>>,
    container: web_sys::HtmlElement,
    /// Work that waits for the agent's first snapshot (the CCP is up and signed in): Salesforce
    /// start-up, mounting the UI. Taken (and so run once) at the first snapshot.
    after_first_agent: RefCell<Option<Vec<Task>>>,
}

/// Work queued for later in the page's life.
type Task = Box<dyn FnOnce()>;

impl Dispatcher {
    pub fn new(signals: Signals, container: web_sys::HtmlElement) -> Self {
        Dispatcher {
            inner: Rc::new(Inner {
                queue: RefCell::new(VecDeque::new()),
                softphone: RefCell::new(Softphone::new()),
                host: RefCell::new(None),
                signals,
                ready_marked: std::cell::Cell::new(false),
                publish_pending: std::cell::Cell::new(false),
                ccp_started: RefCell::new(None),
                container,
                after_first_agent: RefCell::new(Some(Vec::new())),
            }),
        }
    }

    /// Queues an event and, unless an event is being handled right now, handles the queue.
    /// Handlers never panic and never re-enter the engine: callbacks that fire while an event
    /// is handled only queue.
    pub fn dispatch(&self, event: Event) {
        self.inner.queue.borrow_mut().push_back(event);
        let (Ok(mut softphone), Ok(mut host)) = (
            self.inner.softphone.try_borrow_mut(),
            self.inner.host.try_borrow_mut(),
        ) else {
            return;
        };
        let Some(host) = host.as_mut() else { return };
        loop {
            let next = self.inner.queue.borrow_mut().pop_front();
            let Some(event) = next else { break };
            softphone.handle(host, event);
        }
        if softphone.view().ccp == engine::CcpStatus::SignedIn
            && !self.inner.ready_marked.replace(true)
        {
            browser::mark("ctisoftphone:ready");
        }
        drop(softphone);
        self.publish_soon();
    }

    /// Publishes the `View` to the UI once the current JS task is done. Streams fires several
    /// events per CCP message (refresh, init, connecting…); copying the view and waking the UI
    /// once, after them, keeps the event → Open CTI path short.
    fn publish_soon(&self) {
        if self.inner.publish_pending.replace(true) {
            return;
        }
        let inner = self.inner.clone();
        wasm_bindgen_futures::spawn_local(async move {
            inner.publish_pending.set(false);
            let view = match inner.softphone.try_borrow() {
                Ok(softphone) => softphone.view().clone(),
                // Mid-event (cannot happen from a microtask, but never panic): the next
                // dispatch publishes.
                Err(_) => return,
            };
            inner.signals.view.set(view);
        });
    }

    /// Runs `task` once: when the CCP delivers the agent's first snapshot, or after
    /// `deadline_ms` (the CCP is slow or needs a sign-in), whichever comes first. Work that can
    /// wait for it then does not compete with the CCP's start for the main thread.
    pub fn after_first_agent(&self, deadline_ms: u32, task: impl FnOnce() + 'static) {
        let once = Rc::new(RefCell::new(Some(task)));
        let run = move || {
            if let Some(task) = once.borrow_mut().take() {
                task();
            }
        };
        let mut waiting = self.inner.after_first_agent.borrow_mut();
        let Some(waiting) = waiting.as_mut() else {
            // The agent is already here.
            return run();
        };
        let deadline = gloo::timers::callback::Timeout::new(deadline_ms, run.clone());
        waiting.push(Box::new(move || {
            drop(deadline);
            run();
        }));
    }

    /// Whether the CCP was started (from boot metadata or the session's configuration).
    pub fn ccp_started(&self) -> bool {
        self.inner.ccp_started.borrow().is_some()
    }

    pub fn log(&self, level: Level, message: String) {
        record(self.inner.signals, level, message);
    }

    /// Opens the admins' presence rule simulator on the configuration and states in use; false
    /// when there is nothing to simulate yet or the browser refused the window.
    pub fn open_rule_simulator(&self) -> bool {
        if self.companion_start().is_none() {
            return false;
        }
        // The Visualforce page names the simulator page; the playground serves it beside us.
        let url = browser::meta_content("ctisoftphone-rule-simulator")
            .unwrap_or_else(|| "editor/index.html#simulator".to_owned());
        let dispatcher = self.clone();
        companion::open(&url, move || dispatcher.companion_start())
    }

    /// What a companion window (rule simulator, session watcher) starts from, read when it asks.
    fn companion_start(&self) -> Option<companion::StartData> {
        let softphone = self.inner.softphone.try_borrow().ok()?;
        let (config, world) = softphone.companion_start()?;
        let ccp = softphone.view().ccp_config.as_ref()?;
        Some(companion::StartData {
            config: config.to_owned(),
            world,
            ccp_url: ccp.ccp_url.clone(),
            region: ccp.region.clone(),
        })
    }

    /// Where the sign-in pop-up goes: the SSO login URL, else the CCP itself.
    pub fn login_url(&self) -> Option<String> {
        let softphone = self.inner.softphone.try_borrow().ok()?;
        let ccp = softphone.view().ccp_config.as_ref()?;
        Some(ccp.login_url.clone().unwrap_or_else(|| ccp.ccp_url.clone()))
    }
}

fn record(signals: Signals, level: Level, message: String) {
    // Only problems go to the console: console calls are slow when devtools or a test driver
    // listens, and the in-page log has everything.
    if level >= Level::Warn {
        browser::console(level, &message);
    }
    signals.log.update(|book| book.push(level, message));
}

/// The page's boot metadata. The Visualforce page renders the whole adapter configuration
/// (base64 of the JSON document) into `<meta name="ctisoftphone-config">`, so the CCP starts
/// before any Open CTI round trip; development pages may name just a CCP address.
const BOOT_CONFIG: &str = "ctisoftphone-config";
const BOOT_CCP_URL: &str = "ctisoftphone-ccp-url";
const BOOT_REGION: &str = "ctisoftphone-region";

/// `sessionStorage` keys of the last good configuration.
const SESSION_CALL_CENTER: &str = "ctisoftphone:config:callCenter";
const SESSION_TEXT: &str = "ctisoftphone:config:text";
const SESSION_SAVED_AT: &str = "ctisoftphone:config:savedAt";
/// The session watcher's window name: one per browser, whichever tab opens it.
const SESSION_WATCHER_WINDOW: &str = "ctisoftphone-session-watcher";
/// Every softphone tab holds this lock (shared) for its life; the session watcher waits for it.
pub const SESSION_LOCK: &str = "ctisoftphone-session";
/// Held by the session watcher for its life, so that a page loaded later does not offer it.
pub const SESSION_WATCHER_LOCK: &str = "ctisoftphone-session-watcher";
/// `sessionStorage` key of the contact events this tab's flows have handled.
const SESSION_FLOW_MEMORY: &str = "ctisoftphone:flows:handled";

/// Starts the softphone. A configuration rendered into the page (or kept from earlier in this
/// browser session, or a bare boot address) starts the CCP at once, and Salesforce work follows
/// the agent's first snapshot; without any, Open CTI settings and the configuration come first. Events
/// that need them meanwhile are queued by the engine.
pub fn start(signals: Signals, container: web_sys::HtmlElement) -> Dispatcher {
    let dispatcher = Dispatcher::new(signals, container);
    browser::mark("ctisoftphone:start");
    let opencti = OpenCti::get().ok();
    *dispatcher.inner.host.borrow_mut() = Some(WebHost {
        opencti: opencti.clone(),
        dispatcher: dispatcher.clone(),
        signals,
        flow_memory: Rc::default(),
    });
    dispatcher.log(
        Level::Info,
        format!("softphone {} starting", env!("CARGO_PKG_VERSION")),
    );
    if let Some(text) = browser::session_get(SESSION_FLOW_MEMORY) {
        dispatcher.dispatch(Event::FlowMemory(text));
    }
    elect_flow_tab(&dispatcher);
    // First, so nothing at boot asks Salesforce for what cannot be reached.
    if opencti.is_none() {
        dispatcher.dispatch(Event::OpenCtiUnavailable);
    }
    if let Some(encoded) = browser::meta_content(BOOT_CONFIG) {
        match browser::decode_base64_text(&encoded) {
            Ok(text) => dispatcher.dispatch(Event::ConfigLoaded {
                text,
                origin: ConfigOrigin::Boot,
            }),
            Err(error) => dispatcher.log(
                Level::Warn,
                format!("boot configuration unreadable (not base64 UTF-8): {error}"),
            ),
        }
    }
    if let (Some(call_center), Some(text), Some(saved_at)) = (
        browser::session_get(SESSION_CALL_CENTER),
        browser::session_get(SESSION_TEXT),
        // Whole milliseconds as an integer: no float parser or formatter in the bundle.
        browser::session_get(SESSION_SAVED_AT)
            .and_then(|t| t.parse::<u64>().ok().map(|ms| ms as f64)),
    ) {
        dispatcher.dispatch(Event::CachedConfig {
            call_center,
            text,
            saved_at_ms: saved_at,
        });
    }
    if let Some(ccp_url) = browser::meta_content(BOOT_CCP_URL) {
        match engine::settings::check_address(&ccp_url) {
            Ok(()) => {
                let region = browser::meta_content(BOOT_REGION)
                    .or_else(|| engine::settings::region_from_url(&ccp_url));
                if region.is_none() {
                    dispatcher.log(
                        Level::Warn,
                        format!("no region for the boot CCP address {ccp_url}: Streams gets none"),
                    );
                }
                dispatcher.dispatch(Event::BootAddress {
                    ccp_url: ccp_url.trim().to_owned(),
                    region,
                })
            }
            Err(problem) => dispatcher.log(
                Level::Warn,
                format!("boot CCP address ignored: {}", problem.as_str()),
            ),
        }
    }
    let Some(opencti) = opencti else {
        return dispatcher;
    };
    if dispatcher.inner.ccp_started.borrow().is_some() {
        // The CCP is loading: Salesforce work waits until it has delivered the agent (or for a
        // short deadline, when the CCP is slow or needs a sign-in), so the Open CTI round trips
        // and the host's work on them do not compete with the CCP's start (bench: ready).
        let deferred = dispatcher.clone();
        dispatcher.after_first_agent(SALESFORCE_DEFERRAL_MS, move || {
            connect_salesforce(&deferred, opencti)
        });
    } else {
        connect_salesforce(&dispatcher, opencti);
    }
    warm_up_after_start(&dispatcher);
    dispatcher
}

/// Once the CCP has started and Salesforce has answered, the engine readies what the first
/// contact would otherwise pay for (bench: the first call's event → pop was ~30 ms cold).
fn warm_up_after_start(dispatcher: &Dispatcher) {
    let d = dispatcher.clone();
    dispatcher.after_first_agent(SALESFORCE_DEFERRAL_MS, move || {
        gloo::timers::callback::Timeout::new(WARM_UP_DELAY_MS, move || {
            if let Ok(softphone) = d.inner.softphone.try_borrow() {
                softphone.warm_up();
            }
        })
        .forget();
    });
}

/// Registers the click-to-dial listener and loads the call center settings; the engine then
/// asks for the adapter configuration.
fn connect_salesforce(dispatcher: &Dispatcher, opencti: OpenCti) {
    let clicks = dispatcher.clone();
    match opencti.on_click_to_dial(move |payload| match payload {
        Ok(p) => clicks.dispatch(Event::ClickToDial {
            number: p.number,
            record_id: p.record_id,
            record_name: p.record_name,
            object_type: p.object_type,
        }),
        Err(error) => clicks.dispatch(failed(SalesforceOp::OnClickToDial, &error)),
    }) {
        Ok(listener) => listener.forget(),
        Err(error) => dispatcher.dispatch(failed(SalesforceOp::OnClickToDial, &error)),
    }
    // Salesforce UI events for flows: navigation, and High Velocity Sales work (Open CTI 57+).
    for (method, event) in [
        ("onNavigationChange", UiEvent::NavigationChange),
        ("hvs.onWorkStart", UiEvent::HvsWorkStart),
    ] {
        let d = dispatcher.clone();
        match opencti.listen_data(method, move |payload| {
            d.dispatch(Event::SalesforceUi(event, payload))
        }) {
            Ok(listener) => listener.forget(),
            Err(error) => dispatcher.log(
                Level::Info,
                format!(
                    "Open CTI {method} not available ({}); its flows cannot run",
                    error.parts().0
                ),
            ),
        }
    }
    listen_to_omni(dispatcher);
    let loaded = dispatcher.clone();
    opencti.get_call_center_settings(move |result| match result {
        Ok(map) => {
            browser::mark("ctisoftphone:settings");
            loaded.dispatch(Event::SettingsLoaded(map));
        }
        Err(error) => loaded.dispatch(failed(SalesforceOp::GetCallCenterSettings, &error)),
    });
}

/// Omni-Channel presence events (integration.js on the page), for the Salesforce Agent flows.
fn listen_to_omni(dispatcher: &Dispatcher) {
    use crate::bindings::presence::Presence;
    let presence = match Presence::get() {
        Ok(presence) => presence,
        Err(error) => {
            return dispatcher.log(
                Level::Info,
                format!("Omni-Channel presence not on this page ({})", error.code()),
            );
        }
    };
    let d = dispatcher.clone();
    let listened = presence.listen(move |event| d.dispatch(Event::Omni(event)));
    if let Err(error) = listened {
        dispatcher.log(
            Level::Warn,
            format!("Omni-Channel events cannot be heard ({})", error.code()),
        );
    }
}

/// With the console open in several tabs, the flows of Connect events run in one of them: the
/// tab holding the `ctisoftphone-flows` Web Lock. Connect events wait while the election runs
/// (the browser answers within a task).
fn elect_flow_tab(dispatcher: &Dispatcher) {
    // Held for the page's life: the session watcher is granted it only when every tab is gone.
    if let Err(why) = locks::hold_for_page(SESSION_LOCK, locks::Mode::Shared) {
        dispatcher.log(
            Level::Warn,
            format!("session end cannot see this tab ({why})"),
        );
    }
    // A watcher opened before this page loaded (a reload, another tab) holds its own lock.
    // Without Web Locks the election below says so; nothing more to tell here.
    let d = dispatcher.clone();
    locks::held_elsewhere(SESSION_WATCHER_LOCK, move |open| {
        if open {
            d.dispatch(Event::SessionWatcherRunning);
        }
    });
    dispatcher.dispatch(Event::TabRole(TabRole::Electing));
    let d = dispatcher.clone();
    locks::elect("ctisoftphone-flows", move |role| {
        let role = match role {
            locks::Role::Leader => TabRole::Leader,
            locks::Role::Follower => TabRole::Follower,
            locks::Role::Alone(why) => {
                d.log(
                    Level::Warn,
                    format!("tabs cannot elect one to run flows ({why}): this tab runs them"),
                );
                TabRole::Leader
            }
        };
        d.dispatch(Event::TabRole(role));
    });
}

/// `initCCP`, then every subscription in the same turn so no event is missed.
fn start_ccp(dispatcher: &Dispatcher, target: &CcpConfig) {
    *dispatcher.inner.ccp_started.borrow_mut() = Some(target.ccp_url.clone());
    let options = streams::CcpOptions {
        ccp_url: target.ccp_url.clone(),
        region: target.region.clone(),
        login_popup: target.login_popup,
        login_url: target.login_url.clone(),
        ccp_load_timeout: CCP_LOAD_TIMEOUT_MS,
        softphone: streams::SoftphoneOptions {
            allow_framed_softphone: !target.medialess,
            disable_ringtone: false,
            ringtone_url: target.ringtone_url.clone(),
        },
        login_options: streams::LoginOptions {
            enable_ack_timeout: true,
            auto_close: true,
        },
    };
    browser::mark("ctisoftphone:init-ccp-call");
    if let Err(error) = streams::init_ccp(&dispatcher.inner.container, &options) {
        dispatcher.log(Level::Error, format!("initCCP failed: {error}"));
        dispatcher.dispatch(Event::CcpUnreachable);
        return;
    }
    browser::mark("ctisoftphone:init-ccp");
    let mut subscriptions = Vec::new();
    let d = dispatcher.clone();
    subscriptions.push(streams::on_initialized(move || {
        // The worker hears the page only once the CCP has acknowledged it.
        if let Err(error) = streams::subscribe_websocket_topics() {
            d.log(Level::Error, format!("chat and task topics: {error}"));
        }
        d.dispatch(Event::CcpInitialized);
    }));
    let d = dispatcher.clone();
    subscriptions.push(streams::on_terminated(move || {
        d.dispatch(Event::CcpTerminated)
    }));
    let d = dispatcher.clone();
    subscriptions.push(streams::on_iframe_retries_exhausted(move || {
        d.dispatch(Event::CcpUnreachable)
    }));
    let d = dispatcher.clone();
    subscriptions.push(streams::on_agent_state_change(move |old, new| {
        d.dispatch(Event::AgentStateChanged { old, new })
    }));
    let d = dispatcher.clone();
    subscriptions.push(streams::on_agent_refresh(move |agent| {
        match agent {
            Ok(agent) => d.dispatch(Event::AgentRefreshed(agent)),
            Err(error) => d.log(Level::Error, format!("agent snapshot unreadable: {error}")),
        }
        let waiting = d.inner.after_first_agent.borrow_mut().take();
        for task in waiting.into_iter().flatten() {
            task();
        }
    }));
    for (event, _) in ContactEvent::ALL {
        let d = dispatcher.clone();
        subscriptions.push(streams::on_contact(
            event,
            move |event, contact| match contact {
                Ok(contact) => d.dispatch(Event::Contact(event, contact)),
                Err(error) => d.log(
                    Level::Error,
                    format!("{} payload unreadable: {error}", event.as_str()),
                ),
            },
        ));
    }
    let d = dispatcher.clone();
    subscriptions.push(streams::on_view_contact(
        move |contact_id| match contact_id {
            Some(contact_id) => d.dispatch(Event::ContactViewed(contact_id)),
            None => d.log(Level::Warn, "contact::view names no contact".to_owned()),
        },
    ));
    let d = dispatcher.clone();
    subscriptions.push(streams::on_websocket_item(move |topic, content| {
        d.dispatch(Event::ContactMessage { topic, content })
    }));
    for subscription in subscriptions {
        match subscription {
            // The softphone subscribes for the life of the page.
            Ok(subscription) => subscription.forget(),
            Err(error) => dispatcher.log(
                Level::Error,
                format!("Streams subscription failed: {error}"),
            ),
        }
    }
}

//! The engine's host: its side effects (Streams, Open CTI, Omni presence, timers, storage, log)
//! carried out through the bindings, with answers sent back as events.

use std::cell::RefCell;
use std::rc::Rc;

use engine::config::{self, CcpConfig};
use engine::flow::{Data, HostCall};
use engine::{CallError, ConfigOrigin, ConnectAction, Event, Level, SalesforceOp};

use super::{
    Dispatcher, SESSION_CALL_CENTER, SESSION_FLOW_MEMORY, SESSION_SAVED_AT, SESSION_TEXT,
    SESSION_WATCHER_WINDOW, Signals, record, start_ccp,
};
use crate::bindings::opencti::{self, OpenCti};
use crate::bindings::presence::{Presence, PresenceError};
use crate::bindings::{browser, companion, streams};
use engine::presence::{Side, TimerKind};

pub(super) fn failed(operation: SalesforceOp, error: &opencti::OpenCtiError) -> Event {
    let (code, description) = error.parts();
    Event::SalesforceFailed {
        operation,
        code,
        description,
    }
}

/// The engine's host over the browser bindings.
pub(super) struct WebHost {
    pub(super) opencti: Option<OpenCti>,
    pub(super) dispatcher: Dispatcher,
    pub(super) signals: Signals,
    /// Handled contact events waiting to be written to `sessionStorage`.
    pub(super) flow_memory: Rc<RefCell<Option<String>>>,
}

impl WebHost {
    fn with_opencti(&self, operation: SalesforceOp, f: impl FnOnce(&OpenCti)) {
        match &self.opencti {
            Some(api) => f(api),
            None => self
                .dispatcher
                .dispatch(failed(operation, &opencti::OpenCtiError::Unavailable)),
        }
    }

    /// A completion callback that reports failures of `operation` to the engine.
    fn report<T>(
        &self,
        operation: SalesforceOp,
    ) -> impl FnOnce(Result<T, opencti::OpenCtiError>) + 'static {
        let dispatcher = self.dispatcher.clone();
        move |result| {
            if let Err(error) = result {
                dispatcher.dispatch(failed(operation, &error));
            }
        }
    }
}

impl engine::Connect for WebHost {
    fn watch_session(&mut self) {
        // The Visualforce page names the watcher page; the playground serves it beside us.
        let url = browser::meta_content("ctisoftphone-session-watcher")
            .unwrap_or_else(|| "editor/index.html#session-watcher".to_owned());
        let dispatcher = self.dispatcher.clone();
        let opened = companion::open_named(&url, SESSION_WATCHER_WINDOW, move || {
            dispatcher.companion_start()
        });
        match opened {
            companion::Opened::New => self
                .dispatcher
                .log(Level::Info, "session watcher opened".into()),
            companion::Opened::Running => self
                .dispatcher
                .log(Level::Debug, "session watcher already open".into()),
            companion::Opened::Blocked => self.dispatcher.dispatch(Event::SessionWatcherBlocked),
        }
    }

    fn start_ccp(&mut self, ccp: &CcpConfig) {
        start_ccp(&self.dispatcher, ccp);
    }

    fn set_agent_state(&mut self, name: &str) {
        let call = streams::set_agent_state(name, self.connect_result(ConnectAction::SetState));
        self.connect_call(ConnectAction::SetState, call);
    }

    fn accept_contact(&mut self, contact_id: &str) {
        let call = streams::accept_contact(contact_id, self.connect_result(ConnectAction::Accept));
        self.connect_call(ConnectAction::Accept, call);
    }

    fn clear_contact(&mut self, contact_id: &str) {
        let call = streams::clear_contact(contact_id, self.connect_result(ConnectAction::Clear));
        self.connect_call(ConnectAction::Clear, call);
    }

    fn connect_logout(&mut self) {
        let done = presence_failed(&self.dispatcher, Side::Connect);
        let ccp_url = self.dispatcher.inner.ccp_started.borrow().clone();
        match ccp_url {
            Some(ccp_url) => streams::logout(&ccp_url, move |r| done(r.map_err(|e| e.to_string()))),
            None => done(Err("the CCP has not started".into())),
        }
    }
}

/// A completion callback that reports a failed presence sync action on `side` to the engine.
fn presence_failed(
    dispatcher: &Dispatcher,
    side: Side,
) -> impl FnOnce(Result<(), String>) + 'static {
    let dispatcher = dispatcher.clone();
    move |result| {
        if let Err(reason) = result {
            dispatcher.dispatch(Event::PresenceFailed { side, reason });
        }
    }
}

impl WebHost {
    /// Omni-Channel presence on this page, or the reason (logged) it is not.
    fn omni(&self) -> Result<Presence, PresenceError> {
        Presence::get()
    }
}

impl engine::Timers for WebHost {
    fn presence_timer(&mut self, delay_ms: u32, kind: TimerKind) {
        let dispatcher = self.dispatcher.clone();
        gloo::timers::callback::Timeout::new(delay_ms, move || {
            dispatcher.dispatch(Event::PresenceTimer(kind))
        })
        .forget();
    }
}

impl WebHost {
    /// A completion callback that reports a refused Connect `action` to the engine.
    fn connect_result(
        &self,
        action: ConnectAction,
    ) -> impl FnOnce(Result<(), streams::StreamsError>) + 'static {
        let dispatcher = self.dispatcher.clone();
        move |result| {
            if let Err(error) = result {
                dispatcher.dispatch(Event::ConnectActionFailed {
                    action,
                    reason: error.to_string(),
                });
            }
        }
    }

    fn connect_call(&self, action: ConnectAction, call: Result<(), streams::StreamsError>) {
        if let Err(error) = call {
            self.dispatcher.dispatch(Event::ConnectActionFailed {
                action,
                reason: error.to_string(),
            });
        }
    }
}

impl engine::Salesforce for WebHost {
    fn set_click_to_dial(&mut self, enabled: bool) {
        if enabled {
            let done = self.report(SalesforceOp::EnableClickToDial);
            self.with_opencti(SalesforceOp::EnableClickToDial, |api| {
                api.enable_click_to_dial(done)
            });
        } else {
            let done = self.report(SalesforceOp::DisableClickToDial);
            self.with_opencti(SalesforceOp::DisableClickToDial, |api| {
                api.disable_click_to_dial(done)
            });
        }
    }

    fn show_panel(&mut self) {
        let done = self.report(SalesforceOp::SetSoftphonePanelVisibility);
        self.with_opencti(SalesforceOp::SetSoftphonePanelVisibility, |api| {
            api.set_softphone_panel_visibility(true, done)
        });
    }

    fn set_panel_size(&mut self, width: Option<u32>, height: Option<u32>) {
        if let Some(width) = width {
            let done = self.report(SalesforceOp::SetSoftphonePanelWidth);
            self.with_opencti(SalesforceOp::SetSoftphonePanelWidth, |api| {
                api.set_softphone_panel_width(width, done)
            });
        }
        if let Some(height) = height {
            let done = self.report(SalesforceOp::SetSoftphonePanelHeight);
            self.with_opencti(SalesforceOp::SetSoftphonePanelHeight, |api| {
                api.set_softphone_panel_height(height, done)
            });
        }
    }

    fn load_config(&mut self, call_center: &str, delay_ms: u32) {
        let dispatcher = self.dispatcher.clone();
        let opencti = self.opencti.clone();
        let params = format!("{}={call_center}", config::APEX_PARAMETER);
        let load = move || {
            let answer = dispatcher.clone();
            let done = move |result: Result<String, opencti::OpenCtiError>| {
                answer.dispatch(match result {
                    Ok(text) => Event::ConfigLoaded {
                        text,
                        origin: ConfigOrigin::Salesforce,
                    },
                    Err(error) => {
                        let (code, description) = error.parts();
                        Event::ConfigFailed { code, description }
                    }
                })
            };
            match &opencti {
                Some(api) => api.run_apex(config::APEX_CLASS, config::APEX_METHOD, &params, done),
                None => done(Err(opencti::OpenCtiError::Unavailable)),
            }
        };
        if delay_ms == 0 {
            load();
        } else {
            // One pending retry at a time: the engine asks again only after an answer.
            gloo::timers::callback::Timeout::new(delay_ms, load).forget();
        }
    }

    fn load_presence_statuses(&mut self) {
        let dispatcher = self.dispatcher.clone();
        let done = move |result: Result<String, opencti::OpenCtiError>| {
            dispatcher.dispatch(Event::PresenceCatalog(result.map_err(|error| {
                let (code, description) = error.parts();
                CallError { code, description }
            })))
        };
        let (class, method) = engine::PRESENCE_STATUSES_APEX;
        match &self.opencti {
            Some(api) => api.run_apex(class, method, "", done),
            None => done(Err(opencti::OpenCtiError::Unavailable)),
        }
    }

    fn find_service_channel(&mut self, work_id: &str) {
        let dispatcher = self.dispatcher.clone();
        let work = work_id.to_owned();
        let done = move |result: Result<String, opencti::OpenCtiError>| {
            let answer = result.map_err(|error| {
                let (code, description) = error.parts();
                CallError { code, description }
            });
            dispatcher.dispatch(Event::ServiceChannel {
                work_id: work,
                answer,
            })
        };
        let (class, method) = engine::SERVICE_CHANNEL_APEX;
        match &self.opencti {
            Some(api) => api.run_apex(class, method, &format!("workId={work_id}"), done),
            None => done(Err(opencti::OpenCtiError::Unavailable)),
        }
    }

    fn read_omni_status(&mut self) {
        let dispatcher = self.dispatcher.clone();
        let read = self.omni().map(|omni| {
            omni.current_status(move |result| match result {
                Ok(status) => {
                    dispatcher.dispatch(Event::OmniStatusRead(status.map(|s| s.api_name)))
                }
                Err(error) => dispatcher.log(
                    Level::Warn,
                    format!("presence: Omni-Channel status not read ({})", error.code()),
                ),
            })
        });
        if let Err(error) = read {
            self.dispatcher.log(
                Level::Info,
                format!("presence: no Omni-Channel on this page ({})", error.code()),
            );
        }
    }

    fn set_omni_status(&mut self, status_id: &str) {
        self.omni_call(|omni, done| {
            omni.set_status(status_id, move |r| {
                done(r.map(drop).map_err(|e| e.code().to_owned()))
            })
        });
    }

    fn omni_logout(&mut self) {
        self.omni_call(|omni, done| omni.logout(move |r| done(r.map_err(|e| e.code().to_owned()))));
    }
}

impl WebHost {
    /// An Omni-Channel call whose failure is presence sync's.
    fn omni_call(&mut self, call: impl FnOnce(&Presence, Box<dyn FnOnce(Result<(), String>)>)) {
        let done = Box::new(presence_failed(&self.dispatcher, Side::Salesforce));
        match self.omni() {
            Ok(omni) => call(&omni, done),
            Err(error) => done(Err(error.code().to_owned())),
        }
    }
}

impl engine::FlowCalls for WebHost {
    fn flow_call(&mut self, ticket: u64, call: &HostCall) {
        let dispatcher = self.dispatcher.clone();
        let answer = move |result: Result<Data, CallError>| {
            dispatcher.dispatch(Event::FlowAnswered { ticket, result })
        };
        match call {
            HostCall::Dial {
                phone_number,
                queue_arn,
            } => {
                let failed = |error: streams::StreamsError| CallError {
                    code: error.kind().to_owned(),
                    description: error.to_string(),
                };
                let done = answer.clone();
                let placed = streams::dial(phone_number, queue_arn.as_deref(), move |result| {
                    done(result.map(|()| Data::Null).map_err(failed))
                });
                if let Err(error) = placed {
                    answer(Err(failed(error)));
                }
            }
            // The engine makes it as runApex (Streams cannot write attributes): never asked here.
            HostCall::UpdateContactAttributes { .. } => answer(Err(CallError {
                code: "UNSUPPORTED".into(),
                description: String::new(),
            })),
            HostCall::SearchAndScreenPop { .. } => {
                self.opencti_call("searchAndScreenPop", call, answer)
            }
            HostCall::ScreenPopObject { .. } | HostCall::ScreenPopNewRecord { .. } => {
                self.opencti_call("screenPop", call, answer)
            }
            HostCall::SaveLog { .. } => self.opencti_call("saveLog", call, answer),
            HostCall::RunApex { .. } => self.opencti_call("runApex", call, answer),
            HostCall::CompleteHvsWork { .. } => self.opencti_call("hvs.completeWork", call, answer),
        }
    }
}

impl WebHost {
    /// A flow's Salesforce call: `sforce.opencti.<method>` with the call's arguments.
    fn opencti_call(
        &self,
        method: &'static str,
        call: &HostCall,
        answer: impl FnOnce(Result<Data, CallError>) + 'static,
    ) {
        let done = move |result: Result<Data, opencti::OpenCtiError>| {
            answer(result.map_err(|error| {
                let (code, description) = error.parts();
                CallError { code, description }
            }))
        };
        match &self.opencti {
            Some(api) => api.call_data(method, &call.args(), done),
            None => done(Err(opencti::OpenCtiError::Unavailable)),
        }
    }
}

impl engine::Store for WebHost {
    /// Written once the current JS task's events are handled (a microtask: a timer costs more
    /// than the write), once per burst of events: `sessionStorage` is synchronous and slow
    /// enough to matter on the path from a Streams event to its flow's first call.
    fn save_flow_memory(&mut self, text: &str) {
        let scheduled = self
            .flow_memory
            .borrow_mut()
            .replace(text.to_owned())
            .is_some();
        if scheduled {
            return;
        }
        let pending = self.flow_memory.clone();
        let dispatcher = self.dispatcher.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let Some(text) = pending.borrow_mut().take() else {
                return;
            };
            if let Err(error) = browser::session_set(SESSION_FLOW_MEMORY, &text) {
                dispatcher.log(
                    Level::Warn,
                    format!("handled contact events could not be kept for this session: {error}"),
                );
            }
        });
    }

    fn save_config(&mut self, call_center: &str, text: &str, saved_at_ms: f64) {
        let saved = browser::session_set(SESSION_TEXT, text)
            .and_then(|()| browser::session_set(SESSION_CALL_CENTER, call_center))
            .and_then(|()| {
                browser::session_set(SESSION_SAVED_AT, &(saved_at_ms.max(0.0) as u64).to_string())
            });
        if let Err(error) = saved {
            self.dispatcher.log(
                Level::Warn,
                format!("the configuration could not be kept for this session: {error}"),
            );
        }
    }
}

impl engine::host::UrlParser for WebHost {
    fn parse(&self, text: &str) -> Option<engine::overlay::ParsedUrl> {
        engine::overlay::UrlParser::parse(&browser::Urls, text)
    }
}

impl engine::Clock for WebHost {
    fn now_ms(&self) -> f64 {
        browser::now_ms()
    }

    fn epoch_ms(&self) -> f64 {
        browser::epoch_ms()
    }
}

impl engine::Log for WebHost {
    fn log(&mut self, level: Level, message: String) {
        record(self.signals, level, message);
    }
}

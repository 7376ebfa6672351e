//! Omni-Channel presence (`sforce.console.presence`, `sforce.console.addEventListener`).
//
// Salesforce's integration.js calls differ from Open CTI: arguments are positional with the
// callback last, results are flat `{success, …}` objects, and channel lists are JSON strings.
// Event names are read from `sforce.console.ConsoleEvent.PRESENCE` at run time, never written
// here: Salesforce does not document their values.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::describe;
use engine::OmniEvent;

/// How long a presence call may take before it counts as failed.
const CALL_TIMEOUT_MS: u32 = 10_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PresenceError {
    /// `sforce.console.presence` is not on the page (no integration.js, or an old API).
    Unavailable,
    Threw(String),
    /// `success: false` (Salesforce says nothing more).
    Failed,
    Timeout,
}

impl PresenceError {
    /// A short code for logs.
    pub fn code(&self) -> &str {
        match self {
            PresenceError::Unavailable => "UNAVAILABLE",
            PresenceError::Threw(_) => "THREW",
            PresenceError::Failed => "FAILED",
            PresenceError::Timeout => "TIMEOUT",
        }
    }
}

/// An Omni status as the calls and events report it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub id: String,
    pub name: String,
    /// The status's DeveloperName (`statusApiName`).
    pub api_name: String,
    /// The DeveloperNames of its service channels.
    pub channels: Vec<String>,
}

/// The events `listen` registers, by their `ConsoleEvent.PRESENCE` key.
const EVENTS: [&str; 4] = [
    "STATUS_CHANGED",
    "LOGOUT",
    "WORK_ACCEPTED",
    "WORKLOAD_CHANGED",
];

#[derive(Clone)]
pub struct Presence {
    api: JsValue,
    console: JsValue,
}

impl Presence {
    pub fn get() -> Result<Presence, PresenceError> {
        let sforce = js_sys::Reflect::get(&js_sys::global(), &"sforce".into())
            .map_err(|_| PresenceError::Unavailable)?;
        let console = get(&sforce, "console");
        let api = get(&console, "presence");
        if !api.is_object() {
            return Err(PresenceError::Unavailable);
        }
        Ok(Presence { api, console })
    }

    /// `setServicePresenceStatus(statusId, cb)` (it also logs the agent in).
    pub fn set_status(
        &self,
        status_id: &str,
        done: impl FnOnce(Result<Status, PresenceError>) + 'static,
    ) {
        self.call(
            "setServicePresenceStatus",
            &[JsValue::from_str(status_id)],
            move |r| done(r.map(|v| status(&v))),
        );
    }

    /// `getServicePresenceStatusId(cb)`: `None` when logged out of Omni.
    pub fn current_status(
        &self,
        done: impl FnOnce(Result<Option<Status>, PresenceError>) + 'static,
    ) {
        self.call("getServicePresenceStatusId", &[], move |r| {
            done(match r {
                Ok(v) => Ok(Some(status(&v)).filter(|s| !s.id.is_empty())),
                Err(PresenceError::Failed) => Ok(None),
                Err(other) => Err(other),
            })
        });
    }

    /// `logout(cb)`.
    pub fn logout(&self, done: impl FnOnce(Result<(), PresenceError>) + 'static) {
        self.call("logout", &[], move |r| done(r.map(drop)));
    }

    /// Registers `f` for status changes, logout, accepted work and workload changes. Register
    /// once: integration.js accumulates listeners.
    pub fn listen(&self, f: impl FnMut(OmniEvent) + 'static) -> Result<(), PresenceError> {
        let names = get(&get(&self.console, "ConsoleEvent"), "PRESENCE");
        let add = get(&self.console, "addEventListener")
            .dyn_into::<js_sys::Function>()
            .map_err(|_| PresenceError::Unavailable)?;
        let f = Rc::new(RefCell::new(f));
        for key in EVENTS {
            let name = get(&names, key);
            if name.as_string().is_none() {
                return Err(PresenceError::Threw(format!(
                    "no ConsoleEvent.PRESENCE.{key}"
                )));
            }
            let f = f.clone();
            let listener = Closure::<dyn FnMut(JsValue)>::new(move |payload: JsValue| {
                if let Some(event) = event(key, &payload) {
                    (f.borrow_mut())(event);
                }
            });
            add.call2(&self.console, &name, listener.as_ref())
                .map_err(|e| PresenceError::Threw(describe(&e)))?;
            // Listeners live as long as the page.
            listener.forget();
        }
        Ok(())
    }

    /// Calls `method(args…, callback)`; `done` runs exactly once (answer or timeout).
    fn call(
        &self,
        method: &'static str,
        args: &[JsValue],
        done: impl FnOnce(Result<JsValue, PresenceError>) + 'static,
    ) {
        type Pending = Rc<
            RefCell<
                Option<(
                    Box<dyn FnOnce(Result<JsValue, PresenceError>)>,
                    Option<Timeout>,
                )>,
            >,
        >;
        let pending: Pending = Rc::new(RefCell::new(Some((Box::new(done), None))));
        let finish = {
            let pending = pending.clone();
            move |result: Result<JsValue, PresenceError>| {
                let taken = pending.borrow_mut().take();
                if let Some((done, timer)) = taken {
                    drop(timer);
                    done(result);
                }
            }
        };
        let callback = {
            let finish = finish.clone();
            Closure::once_into_js(move |result: JsValue| {
                let ok = get(&result, "success").as_bool() == Some(true);
                finish(if ok {
                    Ok(result)
                } else {
                    Err(PresenceError::Failed)
                })
            })
        };
        let timer = {
            let finish = finish.clone();
            Timeout::new(CALL_TIMEOUT_MS, move || finish(Err(PresenceError::Timeout)))
        };
        if let Some(entry) = pending.borrow_mut().as_mut() {
            entry.1 = Some(timer);
        }
        let Ok(function) = get(&self.api, method).dyn_into::<js_sys::Function>() else {
            return finish(Err(PresenceError::Unavailable));
        };
        let list = js_sys::Array::new();
        for arg in args {
            list.push(arg);
        }
        list.push(&callback);
        if let Err(error) = function.apply(&self.api, &list) {
            finish(Err(PresenceError::Threw(describe(&error))));
        }
    }
}

fn get(target: &JsValue, key: &str) -> JsValue {
    if !target.is_object() {
        return JsValue::UNDEFINED;
    }
    js_sys::Reflect::get(target, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn text(target: &JsValue, key: &str) -> String {
    get(target, key).as_string().unwrap_or_default()
}

/// A number (or numeric text) as JavaScript writes it; "" when absent.
fn number_text(target: &JsValue, keys: &[&str]) -> String {
    for key in keys {
        let value = get(target, key);
        if let Some(text) = value.as_string() {
            return text;
        }
        if let Some(number) = value.dyn_ref::<js_sys::Number>()
            && let Ok(text) = number.to_string_with_radix(10)
        {
            return String::from(text);
        }
    }
    String::new()
}

/// A status from a flat result or a STATUS_CHANGED payload.
fn status(value: &JsValue) -> Status {
    let channels = get(value, "channels")
        .as_string()
        .and_then(|json| js_sys::JSON::parse(&json).ok())
        .filter(js_sys::Array::is_array)
        .map(|list| {
            js_sys::Array::from(&list)
                .iter()
                .map(|channel| text(&channel, "developerName"))
                .filter(|name| !name.is_empty())
                .collect()
        })
        .unwrap_or_default();
    Status {
        id: text(value, "statusId"),
        name: text(value, "statusName"),
        api_name: text(value, "statusApiName"),
        channels,
    }
}

fn event(key: &str, payload: &JsValue) -> Option<OmniEvent> {
    Some(match key {
        "STATUS_CHANGED" => {
            let Status {
                id,
                name,
                api_name,
                channels,
            } = status(payload);
            OmniEvent::StatusChanged {
                id,
                name,
                api_name,
                channels,
            }
        }
        "LOGOUT" => OmniEvent::Logout,
        "WORK_ACCEPTED" => OmniEvent::WorkAccepted {
            work_item_id: text(payload, "workItemId"),
            work_id: text(payload, "workId"),
        },
        // Classic documents PascalCase, Lightning's events camelCase: read both.
        "WORKLOAD_CHANGED" => OmniEvent::WorkloadChanged {
            configured_capacity: number_text(
                payload,
                &["ConfiguredCapacity", "configuredCapacity"],
            ),
            previous_workload: number_text(payload, &["PreviousWorkload", "previousWorkload"]),
            new_workload: number_text(payload, &["NewWorkload", "newWorkload"]),
        },
        _ => return None,
    })
}

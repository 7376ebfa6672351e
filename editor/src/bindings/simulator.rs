//! The rule simulator's start: asks the softphone window that opened this page (same origin only) for the configuration in use and both systems' states.

use std::cell::RefCell;
use std::rc::Rc;

use ctisoftphone::bindings::simulator::{READY, START};
use engine::presence::{Catalog, ConnectStatus, ConnectStatusKind, SalesforceStatus, World};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// How long the page waits for the softphone's answer.
const ANSWER_MS: i32 = 5_000;

/// What the softphone sends: its configuration document and where both systems stand.
#[derive(Clone, Debug)]
pub struct Start {
    pub config: String,
    pub world: World,
}

/// Why there is nothing to simulate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoStart {
    /// Not opened by the softphone, or it did not answer in time.
    NoSoftphone,
}

type Done = Box<dyn FnOnce(Result<Start, NoStart>)>;

/// Asks the opener once; `done` runs once, with the answer or after `ANSWER_MS`.
pub fn request(done: impl FnOnce(Result<Start, NoStart>) + 'static) {
    let done: Rc<RefCell<Option<Done>>> = Rc::new(RefCell::new(Some(Box::new(done))));
    let finish = move |result| {
        if let Some(done) = done.borrow_mut().take() {
            done(result);
        }
    };
    let (Some(window), Ok(opener)) = (
        web_sys::window(),
        web_sys::window()
            .ok_or(())
            .and_then(|w| w.opener().map_err(drop)),
    ) else {
        return finish(Err(NoStart::NoSoftphone));
    };
    let (Ok(origin), false) = (window.location().origin(), opener.is_null()) else {
        return finish(Err(NoStart::NoSoftphone));
    };
    let opener: web_sys::Window = opener.unchecked_into();
    let on_message = {
        let finish = finish.clone();
        let (opener, origin) = (opener.clone(), origin.clone());
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let from_opener = event.source().is_some_and(|s| Object::is(&s, &opener));
            if from_opener
                && event.origin() == origin
                && let Some(start) = decode(&event.data())
            {
                finish(Ok(start));
            }
        })
    };
    let _ = window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();
    let timeout = Closure::once_into_js(move || finish(Err(NoStart::NoSoftphone)));
    let _ = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(timeout.unchecked_ref(), ANSWER_MS);
    let ready = Object::new();
    let _ = Reflect::set(&ready, &"type".into(), &READY.into());
    let _ = opener.post_message(&ready, &origin);
}

fn decode(data: &JsValue) -> Option<Start> {
    if text(data, "type")? != START {
        return None;
    }
    let salesforce_statuses = list(data, "omniStatuses")
        .into_iter()
        .filter_map(|s| {
            Some(SalesforceStatus {
                id: text(&s, "id")?,
                label: text(&s, "label").unwrap_or_default(),
                developer_name: text(&s, "developerName")?,
            })
        })
        .collect();
    let connect_statuses = list(data, "connectStates")
        .into_iter()
        .filter_map(|s| {
            let kind = match text(&s, "type")?.as_str() {
                "routable" => ConnectStatusKind::Routable,
                "offline" => ConnectStatusKind::Offline,
                _ => ConnectStatusKind::NotRoutable,
            };
            Some(ConnectStatus {
                name: text(&s, "name")?,
                kind,
            })
        })
        .collect();
    Some(Start {
        config: text(data, "config")?,
        world: World {
            catalog: Catalog {
                salesforce_statuses,
                connect_statuses,
                routing_profile: text(data, "routingProfile"),
            },
            connect: text(data, "connect")?,
            salesforce: text(data, "salesforce"),
        },
    })
}

fn text(value: &JsValue, key: &str) -> Option<String> {
    Reflect::get(value, &key.into()).ok()?.as_string()
}

fn list(value: &JsValue, key: &str) -> Vec<JsValue> {
    Reflect::get(value, &key.into())
        .ok()
        .filter(Array::is_array)
        .map_or_else(Vec::new, |v| Array::from(&v).to_vec())
}

//! A companion page's start (the rule simulator, the session watcher): asks the softphone window that opened it (same origin only) for the configuration in use, both systems' states and the CCP.

use std::cell::RefCell;
use std::rc::Rc;

use ctisoftphone::bindings::companion::{READY, START};
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
    pub ccp_url: String,
    pub region: Option<String>,
}

/// Why there is nothing to simulate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoStart {
    /// Not opened by the softphone, or it did not answer in time.
    NoSoftphone,
}

type Answer = Box<dyn FnMut(Result<Start, NoStart>)>;

/// Asks the opener; `answer` hears its start, or `NoStart` after `ANSWER_MS`, then every newer
/// start a softphone tab sends (a tab that finds the window already open sends its current
/// configuration, and may be the only one left if the opener reloaded before answering). Only
/// windows of this origin are heard: the pages that could send these could script this one.
pub fn request(answer: impl FnMut(Result<Start, NoStart>) + 'static) {
    let answer: Rc<RefCell<Answer>> = Rc::new(RefCell::new(Box::new(answer)));
    let heard = Rc::new(std::cell::Cell::new(false));
    let (Some(window), Ok(opener)) = (
        web_sys::window(),
        web_sys::window()
            .ok_or(())
            .and_then(|w| w.opener().map_err(drop)),
    ) else {
        return (answer.borrow_mut())(Err(NoStart::NoSoftphone));
    };
    let (Ok(origin), false) = (window.location().origin(), opener.is_null()) else {
        return (answer.borrow_mut())(Err(NoStart::NoSoftphone));
    };
    let opener: web_sys::Window = opener.unchecked_into();
    let on_message = {
        let (answer, heard) = (answer.clone(), heard.clone());
        let origin = origin.clone();
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            if event.origin() == origin
                && event.source().is_some()
                && let Some(start) = decode(&event.data())
            {
                heard.set(true);
                (answer.borrow_mut())(Ok(start));
            }
        })
    };
    let _ = window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();
    let timeout = Closure::once_into_js(move || {
        if !heard.get() {
            (answer.borrow_mut())(Err(NoStart::NoSoftphone));
        }
    });
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
            let kind = ConnectStatusKind::from_name(&text(&s, "type")?)
                .unwrap_or(ConnectStatusKind::NotRoutable);
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
        ccp_url: text(data, "ccpUrl")?,
        region: text(data, "region"),
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

//! The admins' presence rule simulator window (the editor bundle's `#simulator` page): opened from the ⚙ view, it asks its opener for where to start and gets it once, same origin only.

use std::cell::RefCell;

use engine::presence::{ConnectStatusKind, World};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// The simulator's request, and the answer (the names the editor's binding reads).
pub const READY: &str = "ctisoftphone:simulator-ready";
pub const START: &str = "ctisoftphone:simulator-start";

thread_local! {
    /// The window opened last and what it gets when it asks.
    static PENDING: RefCell<Option<(web_sys::Window, JsValue)>> = const { RefCell::new(None) };
    static LISTENING: RefCell<bool> = const { RefCell::new(false) };
}

/// Opens the simulator at `url` for `config` (the document in use) and `world`; false when the
/// browser refused the window.
pub fn open(url: &str, config: &str, world: &World) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Some(popup) = window
        .open_with_url_and_target(url, "_blank")
        .ok()
        .flatten()
    else {
        return false;
    };
    PENDING.with(|p| *p.borrow_mut() = Some((popup, start_message(config, world))));
    if !LISTENING.with(|l| l.replace(true)) {
        let listener = Closure::<dyn Fn(web_sys::MessageEvent)>::new(answer);
        let _ =
            window.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
        // One listener for the page's lifetime.
        listener.forget();
    }
    true
}

/// Answers the opened window's request, and only its: same origin, same window, once.
fn answer(event: web_sys::MessageEvent) {
    let Some(origin) = web_sys::window().and_then(|w| w.location().origin().ok()) else {
        return;
    };
    if event.origin() != origin || text(&event.data(), "type").as_deref() != Some(READY) {
        return;
    }
    PENDING.with(|pending| {
        let mut pending = pending.borrow_mut();
        let from_popup = matches!(
            (pending.as_ref(), event.source()),
            (Some((popup, _)), Some(source)) if Object::is(popup, &source)
        );
        if let (true, Some((popup, message))) = (from_popup, pending.take()) {
            let _ = popup.post_message(&message, &origin);
        }
    });
}

fn start_message(config: &str, world: &World) -> JsValue {
    let statuses: Array = world
        .catalog
        .salesforce_statuses
        .iter()
        .map(|s| {
            object(&[
                ("id", s.id.as_str().into()),
                ("label", s.label.as_str().into()),
                ("developerName", s.developer_name.as_str().into()),
            ])
        })
        .collect();
    let states: Array = world
        .catalog
        .connect_statuses
        .iter()
        .map(|s| {
            let kind = match s.kind {
                ConnectStatusKind::Routable => "routable",
                ConnectStatusKind::NotRoutable => "not_routable",
                ConnectStatusKind::Offline => "offline",
            };
            object(&[("name", s.name.as_str().into()), ("type", kind.into())])
        })
        .collect();
    let optional = |v: Option<&String>| v.map_or(JsValue::NULL, |v| v.as_str().into());
    object(&[
        ("type", START.into()),
        ("config", config.into()),
        ("omniStatuses", statuses.into()),
        ("connectStates", states.into()),
        (
            "routingProfile",
            optional(world.catalog.routing_profile.as_ref()),
        ),
        ("connect", world.connect.as_str().into()),
        ("salesforce", optional(world.salesforce.as_ref())),
    ])
}

fn object(members: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in members {
        // Setting a property of a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &(*key).into(), value);
    }
    object.into()
}

fn text(value: &JsValue, key: &str) -> Option<String> {
    Reflect::get(value, &key.into()).ok()?.as_string()
}

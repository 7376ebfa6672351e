//! Windows the softphone opens and feeds, pages of the editor bundle: the admins' presence rule simulator and the agent's session watcher. Each asks its opener where to start and gets it once, same origin and same window only.

use std::cell::RefCell;

use engine::presence::World;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// A companion's request, and the answer (the names the editor's binding reads).
pub const READY: &str = "ctisoftphone:companion-ready";
pub const START: &str = "ctisoftphone:companion-start";

/// Where a companion starts: the configuration document in use, both systems' states, and the
/// CCP to connect to.
pub struct StartData {
    pub config: String,
    pub world: World,
    pub ccp_url: String,
    pub region: Option<String>,
}

/// Builds the answer when the window asks (`None`: nothing to start from yet).
type Start = Box<dyn Fn() -> Option<StartData>>;

thread_local! {
    /// The windows opened and not answered yet.
    static PENDING: RefCell<Vec<(web_sys::Window, Start)>> = const { RefCell::new(Vec::new()) };
    static LISTENING: RefCell<bool> = const { RefCell::new(false) };
}

/// What `open_named` found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opened {
    New,
    /// A page already runs in the window of that name: it is not reloaded, only sent the
    /// current start (a newer configuration, say).
    Running,
    /// The browser refused the window (pop-ups blocked).
    Blocked,
}

/// Opens `url` in a new window; `start` answers it. False when the browser refused it.
pub fn open(url: &str, start: impl Fn() -> Option<StartData> + 'static) -> bool {
    let popup = web_sys::window().and_then(|w| w.open_with_url_and_target(url, "_blank").ok());
    match popup.flatten() {
        Some(popup) => {
            expect(popup, Box::new(start));
            true
        }
        None => false,
    }
}

/// Opens `url` in the window named `name` unless a page already runs there.
pub fn open_named(
    url: &str,
    name: &str,
    start: impl Fn() -> Option<StartData> + 'static,
) -> Opened {
    // Opening "" finds the named window without navigating it; a new one is about:blank.
    let popup = web_sys::window().and_then(|w| w.open_with_url_and_target("", name).ok());
    let Some(popup) = popup.flatten() else {
        return Opened::Blocked;
    };
    if popup.location().href().ok().as_deref() != Some("about:blank") {
        // After the current task: the caller may be in the middle of an event.
        wasm_bindgen_futures::spawn_local(async move {
            let origin = web_sys::window().and_then(|w| w.location().origin().ok());
            if let (Some(origin), Some(start)) = (origin, start()) {
                let _ = popup.post_message(&start_message(&start), &origin);
            }
        });
        return Opened::Running;
    }
    if popup.location().replace(url).is_err() {
        return Opened::Blocked;
    }
    expect(popup, Box::new(start));
    Opened::New
}

fn expect(popup: web_sys::Window, start: Start) {
    PENDING.with(|p| p.borrow_mut().push((popup, start)));
    if !LISTENING.with(|l| l.replace(true))
        && let Some(window) = web_sys::window()
    {
        let listener = Closure::<dyn Fn(web_sys::MessageEvent)>::new(answer);
        let _ =
            window.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
        // One listener for the page's lifetime.
        listener.forget();
    }
}

/// Answers an opened window's request, and only theirs: same origin, same window, once.
fn answer(event: web_sys::MessageEvent) {
    let Some(origin) = web_sys::window().and_then(|w| w.location().origin().ok()) else {
        return;
    };
    let (Some(source), true) = (event.source(), event.origin() == origin) else {
        return;
    };
    if text(&event.data(), "type").as_deref() != Some(READY) {
        return;
    }
    let found = PENDING.with(|pending| {
        let mut pending = pending.borrow_mut();
        let at = pending
            .iter()
            .position(|(popup, _)| Object::is(popup, &source))?;
        Some(pending.remove(at))
    });
    if let Some((popup, start)) = found
        && let Some(start) = start()
    {
        let _ = popup.post_message(&start_message(&start), &origin);
    }
}

fn start_message(start: &StartData) -> JsValue {
    let StartData {
        config,
        world,
        ccp_url,
        region,
    } = start;
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
            object(&[
                ("name", s.name.as_str().into()),
                ("type", s.kind.as_str().into()),
            ])
        })
        .collect();
    let optional = |v: Option<&str>| v.map_or(JsValue::NULL, JsValue::from);
    object(&[
        ("type", START.into()),
        ("config", config.as_str().into()),
        ("omniStatuses", statuses.into()),
        ("connectStates", states.into()),
        (
            "routingProfile",
            optional(world.catalog.routing_profile.as_deref()),
        ),
        ("connect", world.connect.as_str().into()),
        ("salesforce", optional(world.salesforce.as_deref())),
        ("ccpUrl", ccp_url.as_str().into()),
        ("region", optional(region.as_deref())),
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

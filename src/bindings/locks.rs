//! Web Locks (`navigator.locks`): one lock elects the tab that runs flows; another, held shared by every tab, tells the session watcher when all are gone.
//
// The leader holds the lock for the life of its page (a promise that never settles); the
// others queue for it, so when the leading tab closes or reloads, the browser hands the lock to
// the next tab at once, with no heartbeat or timeout of ours.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["navigator", "locks"], js_name = request, catch)]
    fn request(
        name: &str,
        options: &JsValue,
        callback: &JsValue,
    ) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_namespace = ["navigator", "locks"], js_name = query, catch)]
    fn query() -> Result<js_sys::Promise, JsValue>;
}

/// What the election tells this tab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    Leader,
    Follower,
    /// The browser cannot elect (no `navigator.locks`: an old browser, or a page that is not a
    /// secure context): this tab acts alone, and says why.
    Alone(String),
}

/// Joins the election for `name`: `on_role` hears `Leader` when this tab holds the lock, and
/// `Follower` while another tab does (then `Leader` once it is handed over).
pub fn elect(name: &str, on_role: impl Fn(Role) + 'static) {
    let on_role = std::rc::Rc::new(on_role);
    let queue_name = name.to_owned();
    let first = {
        let on_role = on_role.clone();
        Closure::once_into_js(move |lock: JsValue| -> JsValue {
            if lock.is_null() {
                on_role(Role::Follower);
                // Wait in line; the browser grants it when the leader's page goes away.
                let leader = on_role.clone();
                let wait = hold(move || leader(Role::Leader));
                let options = JsValue::from(js_sys::Object::new());
                if let Err(error) = request(&queue_name, &options, &wait) {
                    on_role(Role::Alone(super::describe(&error)));
                }
                JsValue::UNDEFINED
            } else {
                on_role(Role::Leader);
                forever().into()
            }
        })
    };
    if let Err(error) = request(name, &if_available(), &first) {
        on_role(Role::Alone(super::describe(&error)));
    }
}

/// How a page holds a lock for its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Every softphone tab: whoever asks for the lock exclusively (the session watcher) is
    /// granted it only once every page holding it has gone.
    Shared,
    /// The session watcher, saying it is open.
    Exclusive,
}

/// Holds `name` for the page's life.
pub fn hold_for_page(name: &str, mode: Mode) -> Result<(), String> {
    let mode = match mode {
        Mode::Shared => "shared",
        Mode::Exclusive => "exclusive",
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"mode".into(), &mode.into());
    request(name, &options, &hold(|| ()))
        .map(drop)
        .map_err(|e| super::describe(&e))
}

/// Whether another page holds `name`, asked without queueing (`ifAvailable`); when nobody
/// does, this page holds it for no longer than the answer. No answer without Web Locks.
pub fn held_elsewhere(name: &str, answer: impl FnOnce(bool) + 'static) {
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        answer(lock.is_null());
        JsValue::UNDEFINED
    });
    let _ = request(name, &if_available(), &callback);
}

/// Options that ask for a lock without queueing: the callback gets `null` when it is held.
fn if_available() -> JsValue {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"ifAvailable".into(), &true.into());
    options.into()
}

/// Waits for `name` exclusively; `granted` gets the function that releases it.
pub fn acquire(
    name: &str,
    granted: impl FnOnce(Box<dyn FnOnce()>) + 'static,
) -> Result<(), String> {
    let callback = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
        let mut resolve = None;
        let held = js_sys::Promise::new(&mut |done, _| resolve = Some(done));
        granted(Box::new(move || {
            if let Some(done) = resolve {
                let _ = done.call0(&JsValue::UNDEFINED);
            }
        }));
        held.into()
    });
    let options = JsValue::from(js_sys::Object::new());
    request(name, &options, &callback)
        .map(drop)
        .map_err(|e| super::describe(&e))
}

/// Whether a page is waiting for `name` in shared mode (`navigator.locks.query()`).
pub fn shared_waiting(name: &str, answer: impl FnOnce(bool) + 'static) {
    let name = name.to_owned();
    let Ok(promise) = query() else {
        return answer(false);
    };
    wasm_bindgen_futures::spawn_local(async move {
        let state = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .unwrap_or_default();
        let pending = js_sys::Reflect::get(&state, &"pending".into()).unwrap_or_default();
        let waiting = js_sys::Array::from(&pending).iter().any(|lock| {
            let field = |key: &str| {
                js_sys::Reflect::get(&lock, &key.into())
                    .ok()
                    .and_then(|v| v.as_string())
            };
            field("name").as_deref() == Some(name.as_str())
                && field("mode").as_deref() == Some("shared")
        });
        answer(waiting);
    });
}

/// A lock callback that reports the grant and keeps the lock for the page's life.
fn hold(granted: impl FnOnce() + 'static) -> JsValue {
    Closure::once_into_js(move |_lock: JsValue| -> JsValue {
        granted();
        forever().into()
    })
}

/// A promise that never settles: the lock is released only when the page goes away.
fn forever() -> js_sys::Promise {
    js_sys::Promise::new(&mut |_, _| {})
}

//! Web Locks (`navigator.locks`): one lock per browser profile elects the tab that runs flows.
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
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"ifAvailable".into(), &true.into());
    if let Err(error) = request(name, &options, &first) {
        on_role(Role::Alone(super::describe(&error)));
    }
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

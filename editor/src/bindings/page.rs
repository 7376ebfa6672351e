//! The page around the editor and its companion pages: the address, the guard against leaving with unsaved changes, focus, scripts, timers, the console.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// A parameter of the page's address (`?id=a00…`), when present and not blank.
pub fn query_param(name: &str) -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    let url = web_sys::Url::new(&href).ok()?;
    url.search_params()
        .get(name)
        .filter(|value| !value.trim().is_empty())
}

/// The address's fragment (`#simulator`), when it has one.
pub fn hash() -> Option<String> {
    web_sys::window()?
        .location()
        .hash()
        .ok()
        .filter(|h| !h.is_empty())
}

/// Asks the browser to confirm leaving (closing, reloading, navigating away) whenever `dirty`
/// says there are unsaved changes. Lives as long as the page.
pub fn guard_unload(dirty: impl Fn() -> bool + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener = Closure::<dyn FnMut(web_sys::BeforeUnloadEvent)>::new(
        move |event: web_sys::BeforeUnloadEvent| {
            if dirty() {
                // Both, for the browsers that honour only one of them.
                event.prevent_default();
                event.set_return_value("");
            }
        },
    );
    let _ =
        window.add_event_listener_with_callback("beforeunload", listener.as_ref().unchecked_ref());
    listener.forget();
}

/// Moves the keyboard focus to the element with this id, if it exists.
pub fn focus(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// A warning on the browser console (a fault the page cannot show).
pub fn console_warn(text: &str) {
    web_sys::console::warn_1(&text.into());
}

/// Loads a classic script (Streams) from `url`; `done` hears whether it ran.
pub fn load_script(url: &str, done: impl FnOnce(bool) + 'static) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return done(false);
    };
    let (Ok(script), Some(body)) = (document.create_element("script"), document.body()) else {
        return done(false);
    };
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    for (event, ran) in [("load", true), ("error", false)] {
        let done = done.clone();
        let listener = Closure::once_into_js(move || {
            if let Some(done) = done.borrow_mut().take() {
                done(ran);
            }
        });
        let _ = script.add_event_listener_with_callback(event, listener.unchecked_ref());
    }
    let appended = script.set_attribute("src", url).is_ok() && body.append_child(&script).is_ok();
    if !appended && let Some(done) = done.borrow_mut().take() {
        done(false);
    }
}

/// Runs `f` once after `ms`; the id cancels it.
pub fn set_timeout(ms: u32, f: impl FnOnce() + 'static) -> Option<i32> {
    let callback = Closure::once_into_js(f);
    web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            callback.unchecked_ref(),
            i32::try_from(ms).unwrap_or(i32::MAX),
        )
        .ok()
}

pub fn clear_timeout(id: i32) {
    if let Some(window) = web_sys::window() {
        window.clear_timeout_with_handle(id);
    }
}

/// Milliseconds since the epoch (the presence machine's clock).
pub fn now_ms() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

/// Closes this window (one a script opened, as the session watcher).
pub fn close_window() {
    if let Some(window) = web_sys::window() {
        let _ = window.close();
    }
}

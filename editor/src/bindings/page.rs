//! The page around the editor: the address's query, the guard against leaving with unsaved changes, focus, the console.

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

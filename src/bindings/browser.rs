//! The few browser facilities the app needs beyond Leptos: clocks, pop-up windows, file
//! download, session storage, boot metadata, the console.

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// One import call: the engine asks the time several times per event.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// `performance.now()`, in ms.
pub fn now_ms() -> f64 {
    performance_now()
}

/// Adds a `performance.mark`, so benchmarks can read when something happened.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Runs `start` once the page can host the softphone: Streams (and so every classic script
/// before it) has run and `#app` and `#ccp` exist, or else the document is parsed (the app
/// then reports what is missing). The app module loads `async`, so its wasm downloads and
/// compiles while Streams does; this is where it waits for Streams.
pub fn when_page_ready(start: impl FnOnce() + 'static) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return start();
    };
    let parsed = {
        let document = document.clone();
        move || document.ready_state() != "loading"
    };
    let ready = {
        let document = document.clone();
        let parsed = parsed.clone();
        move || {
            let streams = js_sys::Reflect::get(&js_sys::global(), &"connect".into())
                .is_ok_and(|connect| connect.is_object());
            let elements = ["app", "ccp"]
                .iter()
                .all(|id| document.get_element_by_id(id).is_some());
            (streams && elements) || parsed()
        }
    };
    if ready() {
        return start();
    }
    let pending = std::cell::Cell::new(Some(start));
    // Script `load` events do not bubble: a capturing listener on the document sees each one.
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if ready()
            && let Some(start) = pending.take()
        {
            start();
        }
    });
    let target: &web_sys::EventTarget = document.as_ref();
    for event in ["load", "error", "DOMContentLoaded"] {
        let _ = target.add_event_listener_with_callback_and_bool(
            event,
            listener.as_ref().unchecked_ref(),
            true,
        );
    }
    // Lives as long as the page; after the start it only returns.
    listener.forget();
}

/// The element with this id, created at the end of `<body>` when the page lacks it.
pub fn element_by_id(id: &str) -> Option<web_sys::HtmlElement> {
    let document = web_sys::window()?.document()?;
    if let Some(element) = document.get_element_by_id(id) {
        return element.dyn_into().ok();
    }
    let element = document.create_element("div").ok()?;
    element.set_id(id);
    document.body()?.append_child(&element).ok()?;
    element.dyn_into().ok()
}

/// The `content` of `<meta name="…">` in the page, if present and not blank.
pub fn meta_content(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let element = document
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()??;
    element
        .get_attribute("content")
        .filter(|value| !value.trim().is_empty())
}

/// A wall-clock time (ms since the epoch) as `HH:MM:SS.mmm` in local time, for log lines.
pub fn clock_text(epoch_ms: f64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(epoch_ms));
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds(),
        date.get_milliseconds()
    )
}

/// ISO 8601 timestamp, for file names and log headers.
pub fn iso_now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Opens a pop-up window; `false` when the browser blocked it.
pub fn open_popup(url: &str, name: &str) -> bool {
    web_sys::window()
        .and_then(|w| {
            w.open_with_url_and_target_and_features(url, name, "width=420,height=640")
                .ok()
                .flatten()
        })
        .is_some()
}

/// Offers `text` as a file download.
pub fn download_text(file_name: &str, text: &str) -> Result<(), String> {
    let describe = |e: JsValue| super::describe(&e);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/plain;charset=utf-8");
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(describe)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| "not an anchor".to_owned())?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    web_sys::Url::revoke_object_url(&url).map_err(describe)?;
    Ok(())
}

/// Mirrors a log line to the browser console. Errors the app has handled (and shown to the
/// agent) go out as warnings: `console.error` stays reserved for faults nobody handled, which
/// the end-to-end suite fails on.
pub fn console(level: engine::Level, line: &str) {
    let value = JsValue::from_str(line);
    match level {
        engine::Level::Error | engine::Level::Warn => web_sys::console::warn_1(&value),
        engine::Level::Info => web_sys::console::info_1(&value),
        engine::Level::Debug => web_sys::console::debug_1(&value),
    }
}

/// `console.error`: for a panic, which the end-to-end tests count as a failure.
pub fn console_error(line: &str) {
    web_sys::console::error_1(&JsValue::from_str(line));
}

/// Reloads the page (the agent's "retry" after the CCP gave up).
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Wall-clock time, ms since the Unix epoch.
pub fn epoch_ms() -> f64 {
    js_sys::Date::now()
}

/// `HH:MM` in local time for a wall-clock time.
pub fn time_of_day(epoch_ms: f64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(epoch_ms));
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

/// A value of this tab's `sessionStorage` (gone when the browser session ends).
pub fn session_get(key: &str) -> Option<String> {
    web_sys::window()?
        .session_storage()
        .ok()??
        .get_item(key)
        .ok()?
}

/// Stores a value in `sessionStorage`; fails when storage is off or full.
pub fn session_set(key: &str, value: &str) -> Result<(), String> {
    let storage = web_sys::window()
        .and_then(|w| w.session_storage().ok().flatten())
        .ok_or("sessionStorage is not available")?;
    storage
        .set_item(key, value)
        .map_err(|e| super::describe(&e))
}

/// Decodes base64 that carries UTF-8 text (the Visualforce page's boot configuration).
pub fn decode_base64_text(encoded: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let binary = window
        .atob(encoded.trim())
        .map_err(|e| super::describe(&e))?;
    let bytes: Vec<u8> = binary.chars().map(|c| c as u32 as u8).collect();
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// The browser's WHATWG URL parser (`new URL(text)`, no base), for the attributes overlay.
pub struct Urls;

impl engine::overlay::UrlParser for Urls {
    fn parse(&self, text: &str) -> Option<engine::overlay::ParsedUrl> {
        let url = web_sys::Url::new(text).ok()?;
        let protocol = url.protocol();
        Some(engine::overlay::ParsedUrl {
            href: url.href(),
            scheme: protocol.strip_suffix(':').unwrap_or(&protocol).to_owned(),
            host: url.hostname(),
        })
    }
}

/// Copies `text` to the clipboard (`navigator.clipboard.writeText`); `done` hears whether the
/// browser took it (it refuses outside a user gesture or without permission).
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let clipboard = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &"clipboard".into()).ok())
        .filter(|c| c.is_object());
    let write = clipboard.as_ref().and_then(|c| {
        js_sys::Reflect::get(c, &"writeText".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()
    });
    let (Some(clipboard), Some(write)) = (clipboard, write) else {
        return done(false);
    };
    let promise = match write.call1(&clipboard, &JsValue::from_str(text)) {
        Ok(value) => js_sys::Promise::from(value),
        Err(_) => return done(false),
    };
    wasm_bindgen_futures::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

/// Sets each declaration on `element`'s inline style, one property at a time (never as CSS
/// text): the overlay's declarations are already checked against the allow-list.
pub fn apply_style(
    element: &web_sys::HtmlElement,
    declarations: &[engine::config::StyleDeclaration],
) {
    let style = element.style();
    for declaration in declarations {
        let _ = style.set_property(&declaration.property, &declaration.value);
    }
}

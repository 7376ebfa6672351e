//! The only code that touches JavaScript: typed Rust APIs over Amazon Connect Streams, Salesforce
//! Open CTI and the few browser calls the app needs. One module per JS API.

pub mod browser;
pub mod companion;
pub mod js_data;
pub mod locks;
pub mod opencti;
pub mod presence;
pub mod streams;

use wasm_bindgen::{JsCast, JsValue};

/// Best-effort text of a thrown JS value (an `Error`'s message, a string, or its JSON).
pub fn describe(value: &JsValue) -> String {
    if let Some(text) = value.as_string() {
        return text;
    }
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

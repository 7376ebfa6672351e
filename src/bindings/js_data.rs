//! Flow data (`engine::flow::Data`) to and from JavaScript values, through JSON text.
//
// JSON text is the one exchange format both sides read exactly: numbers stay text in `Data`, so
// no float formatting is linked, and a value JavaScript cannot write as JSON (a function, a
// cycle) becomes `null` rather than a half-read object.

use engine::flow::Data;
use wasm_bindgen::JsValue;

/// A JavaScript value of `data` (objects, arrays, strings, numbers, booleans, null).
pub fn to_js(data: &Data) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&data.to_json())
}

/// `value` as data; `undefined`, and what JSON cannot carry, read as `Null`.
pub fn from_js(value: &JsValue) -> Data {
    if value.is_undefined() {
        return Data::Null;
    }
    let Some(text) = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
    else {
        return Data::Null;
    };
    match engine::json::parse(&text) {
        Ok(parsed) => Data::from_json(&parsed),
        Err(_) => Data::Null,
    }
}

//! Salesforce Open CTI (`window.sforce.opencti`): settings, screen pops, click-to-dial and panel
//! control. Every call is callback-based in JS; here each takes a `FnOnce(Result<…>)` that runs
//! exactly once, with a timeout because the real library never answers from a broken frame.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::{describe, js_data};
use engine::flow::Data;

/// How long an Open CTI call may take before it counts as failed.
const CALL_TIMEOUT_MS: u32 = 10_000;

/// Why an Open CTI call failed. `Failed` carries Salesforce's own `errors[0]`.
#[derive(Clone, Debug, PartialEq)]
pub enum OpenCtiError {
    /// `sforce.opencti` is not on the page: the softphone is not running inside Salesforce.
    Unavailable,
    /// The library threw synchronously (it validates arguments before posting).
    Threw(String),
    /// `success: false`.
    Failed { code: String, description: String },
    /// No answer within the timeout.
    Timeout,
    /// The answer did not have the documented shape.
    BadResponse(String),
}

impl OpenCtiError {
    /// A short code and a description, for notices and logs.
    pub fn parts(&self) -> (String, String) {
        match self {
            OpenCtiError::Unavailable => {
                ("UNAVAILABLE".into(), "sforce.opencti is not loaded".into())
            }
            OpenCtiError::Threw(why) => ("THREW".into(), why.clone()),
            OpenCtiError::Failed { code, description } => (code.clone(), description.clone()),
            OpenCtiError::Timeout => (
                "TIMEOUT".into(),
                format!("no answer in {CALL_TIMEOUT_MS} ms"),
            ),
            OpenCtiError::BadResponse(why) => ("BAD_RESPONSE".into(), why.clone()),
        }
    }
}

/// What Salesforce sends when a person clicks a phone number.
#[derive(Clone, Debug, PartialEq)]
pub struct ClickToDialPayload {
    pub number: String,
    pub record_id: Option<String>,
    pub record_name: Option<String>,
    pub object_type: Option<String>,
}

/// A handle on `sforce.opencti`.
#[derive(Clone)]
pub struct OpenCti {
    api: JsValue,
}

/// A registered listener; Open CTI has no way to remove one, so it lives as long as the page.
#[must_use = "call forget() to keep the listener for the life of the page"]
pub struct Listener {
    _callback: Closure<dyn FnMut(JsValue)>,
}

impl Listener {
    pub fn forget(self) {
        std::mem::forget(self);
    }
}

impl OpenCti {
    /// Finds `window.sforce.opencti`.
    pub fn get() -> Result<OpenCti, OpenCtiError> {
        let window = web_sys::window().ok_or(OpenCtiError::Unavailable)?;
        let sforce = js_sys::Reflect::get(&window, &"sforce".into())
            .map_err(|_| OpenCtiError::Unavailable)?;
        if !sforce.is_object() {
            return Err(OpenCtiError::Unavailable);
        }
        let api = js_sys::Reflect::get(&sforce, &"opencti".into())
            .map_err(|_| OpenCtiError::Unavailable)?;
        if !api.is_object() {
            return Err(OpenCtiError::Unavailable);
        }
        Ok(OpenCti { api })
    }

    /// The call center definition as a flat `/section/item` → string map.
    pub fn get_call_center_settings(
        &self,
        done: impl FnOnce(Result<BTreeMap<String, String>, OpenCtiError>) + 'static,
    ) {
        self.call(
            "getCallCenterSettings",
            js_sys::Object::new(),
            move |result| {
                done(result.and_then(|value| {
                    if !value.is_object() {
                        return Err(OpenCtiError::BadResponse(
                            "returnValue is not an object".into(),
                        ));
                    }
                    let mut map = BTreeMap::new();
                    for entry in js_sys::Object::entries(value.unchecked_ref()).iter() {
                        let pair = js_sys::Array::from(&entry);
                        if let (Some(key), Some(text)) =
                            (pair.get(0).as_string(), pair.get(1).as_string())
                        {
                            map.insert(key, text);
                        }
                    }
                    Ok(map)
                }))
            },
        );
    }

    pub fn enable_click_to_dial(&self, done: impl FnOnce(Result<(), OpenCtiError>) + 'static) {
        self.call("enableClickToDial", js_sys::Object::new(), move |r| {
            done(r.map(drop))
        });
    }

    pub fn disable_click_to_dial(&self, done: impl FnOnce(Result<(), OpenCtiError>) + 'static) {
        self.call("disableClickToDial", js_sys::Object::new(), move |r| {
            done(r.map(drop))
        });
    }

    /// Registers the click-to-dial listener. Register once: Open CTI accumulates listeners.
    pub fn on_click_to_dial(
        &self,
        mut f: impl FnMut(Result<ClickToDialPayload, OpenCtiError>) + 'static,
    ) -> Result<Listener, OpenCtiError> {
        let callback = Closure::<dyn FnMut(JsValue)>::new(move |payload: JsValue| {
            f(decode_click(&payload));
        });
        let args = js_sys::Object::new();
        set(&args, "listener", callback.as_ref());
        self.invoke("onClickToDial", &args)?;
        Ok(Listener {
            _callback: callback,
        })
    }

    /// Registers a listener whose payload is plain data (`onNavigationChange`,
    /// `hvs.onWorkStart`). Register once: Open CTI accumulates listeners.
    pub fn listen_data(
        &self,
        method: &'static str,
        mut f: impl FnMut(Data) + 'static,
    ) -> Result<Listener, OpenCtiError> {
        let callback = Closure::<dyn FnMut(JsValue)>::new(move |payload: JsValue| {
            f(js_data::from_js(&payload));
        });
        let args = js_sys::Object::new();
        set(&args, "listener", callback.as_ref());
        self.invoke(method, &args)?;
        Ok(Listener {
            _callback: callback,
        })
    }

    /// Calls `method` (a dotted path under `sforce.opencti`, such as `hvs.completeWork`) with
    /// `args` as its argument object; members that are `null` are left out, as callers of the
    /// JavaScript API would. `done` gets `returnValue` as data, or the error, exactly once.
    pub fn call_data(
        &self,
        method: &'static str,
        args: &Data,
        done: impl FnOnce(Result<Data, OpenCtiError>) + 'static,
    ) {
        let args = match js_data::to_js(&args.without_nulls()) {
            Ok(value) if value.is_object() => value.unchecked_into::<js_sys::Object>(),
            _ => {
                let error =
                    OpenCtiError::BadResponse(format!("{method}: arguments are not an object"));
                return done(Err(error));
            }
        };
        self.call(method, args, move |result| {
            done(result.map(|value| js_data::from_js(&value)))
        });
    }

    pub fn set_softphone_panel_visibility(
        &self,
        visible: bool,
        done: impl FnOnce(Result<(), OpenCtiError>) + 'static,
    ) {
        let args = js_sys::Object::new();
        set(&args, "visible", &visible.into());
        self.call("setSoftphonePanelVisibility", args, move |r| {
            done(r.map(drop))
        });
    }

    /// Sizes the softphone panel (px); Salesforce answers `INVALID_PARAM` out of its range.
    pub fn set_softphone_panel_width(
        &self,
        width: u32,
        done: impl FnOnce(Result<(), OpenCtiError>) + 'static,
    ) {
        let args = js_sys::Object::new();
        set(&args, "widthPX", &width.into());
        self.call("setSoftphonePanelWidth", args, move |r| done(r.map(drop)));
    }

    pub fn set_softphone_panel_height(
        &self,
        height: u32,
        done: impl FnOnce(Result<(), OpenCtiError>) + 'static,
    ) {
        let args = js_sys::Object::new();
        set(&args, "heightPX", &height.into());
        self.call("setSoftphonePanelHeight", args, move |r| done(r.map(drop)));
    }

    /// Calls a `webService static String` Apex method; `methodParams` is a query string.
    /// `done` gets the method's returned text.
    pub fn run_apex(
        &self,
        apex_class: &str,
        method_name: &str,
        method_params: &str,
        done: impl FnOnce(Result<String, OpenCtiError>) + 'static,
    ) {
        let args = js_sys::Object::new();
        set(&args, "apexClass", &apex_class.into());
        set(&args, "methodName", &method_name.into());
        set(&args, "methodParams", &method_params.into());
        self.call("runApex", args, move |result| {
            done(result.and_then(|value| {
                let text = if value.is_object() {
                    js_sys::Reflect::get(&value, &"runApex".into())
                        .ok()
                        .and_then(|v| v.as_string())
                } else {
                    None
                };
                text.ok_or_else(|| OpenCtiError::BadResponse("runApex returned no text".into()))
            }))
        });
    }

    /// Calls `method(args + {callback})`; `done` gets `returnValue` or the error, exactly once.
    fn call(
        &self,
        method: &'static str,
        args: js_sys::Object,
        done: impl FnOnce(Result<JsValue, OpenCtiError>) + 'static,
    ) {
        type Pending = Rc<
            RefCell<
                Option<(
                    Box<dyn FnOnce(Result<JsValue, OpenCtiError>)>,
                    Option<Timeout>,
                )>,
            >,
        >;
        let pending: Pending = Rc::new(RefCell::new(Some((Box::new(done), None))));
        let finish = {
            let pending = pending.clone();
            move |result: Result<JsValue, OpenCtiError>| {
                let taken = pending.borrow_mut().take();
                if let Some((done, timer)) = taken {
                    drop(timer);
                    done(result);
                }
            }
        };
        let on_response = {
            let finish = finish.clone();
            Closure::once_into_js(move |response: JsValue| finish(decode_response(&response)))
        };
        set(&args, "callback", &on_response);
        if let Err(error) = self.invoke(method, &args) {
            return finish(Err(error));
        }
        // Armed after the call, which is then made that much sooner after its event (setting a
        // timer took about 0.1 ms in Chromium); not at all when it was answered at once.
        if let Some(entry) = pending.borrow_mut().as_mut() {
            let finish = finish.clone();
            let timer = Timeout::new(CALL_TIMEOUT_MS, move || finish(Err(OpenCtiError::Timeout)));
            entry.1 = Some(timer);
        }
    }

    fn invoke(&self, method: &str, args: &js_sys::Object) -> Result<(), OpenCtiError> {
        // `hvs.completeWork`: the function is called on the object that holds it.
        let mut this = self.api.clone();
        let mut parts = method.split('.').peekable();
        let mut function = JsValue::UNDEFINED;
        while let Some(part) = parts.next() {
            let value = js_sys::Reflect::get(&this, &part.into()).unwrap_or(JsValue::UNDEFINED);
            if parts.peek().is_some() {
                this = value;
            } else {
                function = value;
            }
        }
        let function = function
            .dyn_into::<js_sys::Function>()
            .map_err(|_| OpenCtiError::Unavailable)?;
        function
            .call1(&this, args)
            .map(drop)
            .map_err(|e| OpenCtiError::Threw(describe(&e)))
    }
}

fn decode_response(response: &JsValue) -> Result<JsValue, OpenCtiError> {
    if !response.is_object() {
        return Err(OpenCtiError::BadResponse(
            "response is not an object".into(),
        ));
    }
    let get = |key: &str| js_sys::Reflect::get(response, &key.into()).unwrap_or(JsValue::UNDEFINED);
    if get("success").as_bool() == Some(true) {
        return Ok(get("returnValue"));
    }
    let errors = get("errors");
    let first = if js_sys::Array::is_array(&errors) {
        js_sys::Array::from(&errors).get(0)
    } else {
        JsValue::UNDEFINED
    };
    let field = |key: &str| {
        if first.is_object() {
            js_sys::Reflect::get(&first, &key.into())
                .ok()
                .and_then(|v| v.as_string())
        } else {
            None
        }
    };
    Err(OpenCtiError::Failed {
        code: field("code").unwrap_or_else(|| "UNKNOWN".into()),
        description: field("description").unwrap_or_else(|| "no error description".into()),
    })
}

fn decode_click(payload: &JsValue) -> Result<ClickToDialPayload, OpenCtiError> {
    if !payload.is_object() {
        return Err(OpenCtiError::BadResponse(
            "click-to-dial payload is not an object".into(),
        ));
    }
    let text = |key: &str| {
        let value = js_sys::Reflect::get(payload, &key.into()).ok()?;
        // The docs type `number` as a number; real payloads carry a string. Accept both (a
        // number as JavaScript writes it, which also keeps float formatting out of the bundle).
        value.as_string().or_else(|| {
            let number = value.dyn_ref::<js_sys::Number>()?;
            number.to_string_with_radix(10).ok().map(String::from)
        })
    };
    let number = text("number")
        .ok_or_else(|| OpenCtiError::BadResponse("click-to-dial payload has no number".into()))?;
    Ok(ClickToDialPayload {
        number,
        record_id: text("recordId"),
        record_name: text("recordName"),
        object_type: text("objectType"),
    })
}

fn set(target: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &key.into(), value);
}

//! Visualforce JavaScript remoting: `Visualforce.remoting.Manager.invokeAction(action, args…, callback, {escape: false})` as a Rust call whose callback gets the answer text or a typed failure, exactly once.

use engine::editor::remote::RemotingFailure;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;

/// How long Visualforce waits for an answer before it calls back with a failure (its default).
const TIMEOUT_MS: u32 = 30_000;

/// The name Visualforce gives a remote action: the page writes `{!$RemoteAction.C.m}` into
/// `<meta name="ctieditor-action-m">` (it carries a namespace prefix when there is one), and
/// without it the unprefixed `C.m` is used.
pub fn action(method: &str) -> String {
    ctisoftphone::bindings::browser::meta_content(&format!("ctieditor-action-{method}"))
        .unwrap_or_else(|| format!("{}.{method}", engine::editor::remote::CONTROLLER))
}

/// Calls a remote action with string arguments (`None` is `null`). `done` runs once, later,
/// with the answer text or why there is none.
pub fn invoke(
    action: &str,
    args: &[Option<&str>],
    done: impl FnOnce(Result<String, RemotingFailure>) + 'static,
) {
    let Some((manager, invoke)) = manager() else {
        return done(Err(RemotingFailure::Unavailable));
    };
    // Shared with the error path below, so `done` runs once whichever way the call ends.
    let pending = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
    let waiting = pending.clone();
    let callback = Closure::once_into_js(move |result: JsValue, event: JsValue| {
        if let Some(done) = waiting.take() {
            done(answer(&result, &event));
        }
    });
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"escape".into(), &JsValue::FALSE);
    let _ = js_sys::Reflect::set(&options, &"timeout".into(), &TIMEOUT_MS.into());
    let call = js_sys::Array::new();
    call.push(&JsValue::from_str(action));
    for arg in args {
        call.push(&arg.map_or(JsValue::NULL, JsValue::from_str));
    }
    call.push(&callback);
    call.push(&options);
    if let Err(thrown) = invoke.apply(&manager, &call)
        && let Some(done) = pending.take()
    {
        // Thrown before anything was sent (a bad argument): the callback will never run.
        let message = ctisoftphone::bindings::describe(&thrown);
        done(Err(RemotingFailure::Exception { message }));
    }
}

/// `Visualforce.remoting.Manager` and its `invokeAction`, when the page has them.
fn manager() -> Option<(JsValue, js_sys::Function)> {
    let get = |target: &JsValue, key: &str| {
        js_sys::Reflect::get(target, &key.into())
            .ok()
            .filter(|v| v.is_object() || v.is_function())
    };
    let manager = get(&js_sys::global().into(), "Visualforce")
        .and_then(|v| get(&v, "remoting"))
        .and_then(|r| get(&r, "Manager"))?;
    let invoke = get(&manager, "invokeAction")?.dyn_into().ok()?;
    Some((manager, invoke))
}

/// The callback's `(result, event)`: `event.status` says whether Apex answered.
fn answer(result: &JsValue, event: &JsValue) -> Result<String, RemotingFailure> {
    let field = |key: &str| js_sys::Reflect::get(event, &key.into()).ok();
    let text = |key: &str| field(key).and_then(|v| v.as_string()).unwrap_or_default();
    if field("status").and_then(|v| v.as_bool()) == Some(true) {
        // The actions answer a string; anything else is passed on as JSON for the reader to refuse.
        return Ok(result.as_string().unwrap_or_else(|| {
            js_sys::JSON::stringify(result)
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default()
        }));
    }
    let message = text("message");
    Err(if text("type") == "exception" {
        RemotingFailure::Exception { message }
    } else {
        RemotingFailure::Failed { message }
    })
}

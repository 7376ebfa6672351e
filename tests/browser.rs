//! Browser tests (wasm-bindgen-test in headless Chromium): the Open CTI binding against a
//! scripted `window.sforce`, and the app shell mounted without Salesforce around it.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use ctisoftphone::bindings::opencti::{OpenCti, OpenCtiError};
use engine::flow::Data;
use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn window() -> web_sys::Window {
    web_sys::window().unwrap()
}

/// Installs `window.sforce.opencti.<method>` that answers `response` asynchronously.
fn fake_opencti(method: &str, response: JsValue) {
    let api = js_sys::Object::new();
    let answer = Closure::<dyn FnMut(JsValue)>::new(move |args: JsValue| {
        let callback: js_sys::Function = js_sys::Reflect::get(&args, &"callback".into())
            .unwrap()
            .into();
        let response = response.clone();
        let later = Closure::once_into_js(move || {
            callback.call1(&JsValue::NULL, &response).unwrap();
        });
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), 5)
            .unwrap();
    });
    js_sys::Reflect::set(&api, &method.into(), answer.as_ref()).unwrap();
    answer.forget();
    let sforce = js_sys::Object::new();
    js_sys::Reflect::set(&sforce, &"opencti".into(), &api).unwrap();
    js_sys::Reflect::set(&window(), &"sforce".into(), &sforce).unwrap();
}

fn remove_sforce() {
    js_sys::Reflect::delete_property(&window(), &"sforce".into()).unwrap();
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

async fn settle<T: Clone>(slot: &Rc<RefCell<Option<T>>>) -> T {
    for _ in 0..200 {
        if let Some(value) = slot.borrow().clone() {
            return value;
        }
        TimeoutFuture::new(5).await;
    }
    panic!("no answer");
}

#[wasm_bindgen_test]
async fn settings_arrive_as_a_string_map() {
    let values = object(&[
        (
            "/reqConnect/reqCcpUrl",
            "https://x.my.connect.aws/ccp-v2/".into(),
        ),
        ("/n", 3.into()),
    ]);
    fake_opencti(
        "getCallCenterSettings",
        object(&[
            ("success", true.into()),
            ("returnValue", values),
            ("errors", JsValue::NULL),
        ]),
    );
    let slot = Rc::new(RefCell::new(None));
    let sink = slot.clone();
    OpenCti::get()
        .unwrap()
        .get_call_center_settings(move |r| *sink.borrow_mut() = Some(r));
    let map = settle(&slot).await.unwrap();
    assert_eq!(
        map.get("/reqConnect/reqCcpUrl").map(String::as_str),
        Some("https://x.my.connect.aws/ccp-v2/")
    );
    // Non-string values are not settings; they are left out rather than guessed at.
    assert!(!map.contains_key("/n"));
    remove_sforce();
}

#[wasm_bindgen_test]
async fn success_false_becomes_a_typed_error() {
    let error = object(&[
        ("code", "SERVER_ERROR".into()),
        ("description", "Could not load Apex class: X.".into()),
    ]);
    let errors = js_sys::Array::of1(&error);
    fake_opencti(
        "searchAndScreenPop",
        object(&[
            ("success", false.into()),
            ("returnValue", JsValue::NULL),
            ("errors", errors.into()),
        ]),
    );
    let slot = Rc::new(RefCell::new(None));
    let sink = slot.clone();
    let args = Data::object([("searchParams", Data::text("+14155550142"))]);
    OpenCti::get()
        .unwrap()
        .call_data("searchAndScreenPop", &args, move |r| {
            *sink.borrow_mut() = Some(r.map(|_| ()))
        });
    assert_eq!(
        settle(&slot).await,
        Err(OpenCtiError::Failed {
            code: "SERVER_ERROR".into(),
            description: "Could not load Apex class: X.".into()
        })
    );
    remove_sforce();
}

#[wasm_bindgen_test]
async fn a_flow_call_reaches_a_nested_method_without_null_members_and_answers_data() {
    // `sforce.opencti.hvs.completeWork`, answering what it was given, as data.
    let hvs = js_sys::Object::new();
    let echo = Closure::<dyn FnMut(JsValue)>::new(move |args: JsValue| {
        let callback: js_sys::Function = js_sys::Reflect::get(&args, &"callback".into())
            .unwrap()
            .into();
        let seen = js_sys::Object::new();
        for key in ["workId", "attributes", "dropped"] {
            let has = js_sys::Reflect::has(&args, &key.into()).unwrap();
            js_sys::Reflect::set(&seen, &key.into(), &has.into()).unwrap();
        }
        let response = object(&[("success", true.into()), ("returnValue", seen.into())]);
        callback.call1(&JsValue::NULL, &response).unwrap();
    });
    js_sys::Reflect::set(&hvs, &"completeWork".into(), echo.as_ref()).unwrap();
    echo.forget();
    let api = js_sys::Object::new();
    js_sys::Reflect::set(&api, &"hvs".into(), &hvs).unwrap();
    let sforce = js_sys::Object::new();
    js_sys::Reflect::set(&sforce, &"opencti".into(), &api).unwrap();
    js_sys::Reflect::set(&window(), &"sforce".into(), &sforce).unwrap();
    let slot = Rc::new(RefCell::new(None));
    let sink = slot.clone();
    let args = Data::object([
        ("workId", Data::text("0Z1xx")),
        (
            "attributes",
            Data::object([("disposition", Data::text("Done"))]),
        ),
        ("dropped", Data::Null),
    ]);
    OpenCti::get()
        .unwrap()
        .call_data("hvs.completeWork", &args, move |r| {
            *sink.borrow_mut() = Some(r)
        });
    let seen = settle(&slot).await.unwrap();
    assert_eq!(
        seen.to_json(),
        r#"{"workId":true,"attributes":true,"dropped":false}"#
    );
    remove_sforce();
}

#[wasm_bindgen_test]
fn missing_opencti_is_an_error_not_a_panic() {
    remove_sforce();
    assert_eq!(OpenCti::get().err(), Some(OpenCtiError::Unavailable));
}

#[wasm_bindgen_test]
async fn the_shell_shows_a_banner_without_salesforce() {
    remove_sforce();
    let document = window().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let ccp: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&ccp).unwrap();
    ctisoftphone::ui::start(host.clone(), ccp);
    TimeoutFuture::new(50).await;
    let banner = host
        .query_selector("[data-testid=banner-opencti]")
        .unwrap()
        .expect("banner shown");
    assert!(
        banner
            .text_content()
            .unwrap()
            .contains("Open CTI is not available")
    );
    let status = host
        .query_selector("[data-testid=status]")
        .unwrap()
        .unwrap();
    assert_eq!(status.text_content().unwrap(), "Not configured");
    // Opening the log shows what happened.
    let button: web_sys::HtmlElement = host
        .query_selector("[data-testid=log-button]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
    TimeoutFuture::new(20).await;
    let log = host
        .query_selector("[data-testid=log-view]")
        .unwrap()
        .expect("log open");
    assert!(
        log.text_content()
            .unwrap()
            .contains("sforce.opencti is not available")
    );
}

/// vendor/wasm-streams stands in for the crate leptos's server_fn links: chunks and an error
/// survive a trip through a real web ReadableStream, and a finished stream ends.
#[wasm_bindgen_test]
async fn the_vendored_wasm_streams_round_trips_chunks_and_errors() {
    use futures_util::{StreamExt, stream};
    use wasm_streams::ReadableStream;

    let round_trip = |items: Vec<Result<JsValue, JsValue>>| {
        let raw = ReadableStream::from_stream(stream::iter(items)).into_raw();
        ReadableStream::from_raw(raw)
            .into_stream()
            .collect::<Vec<_>>()
    };
    let back = round_trip(vec![Ok(JsValue::from(1)), Ok(JsValue::from("two"))]).await;
    assert_eq!(back.len(), 2);
    assert_eq!(back[0].as_ref().ok().and_then(JsValue::as_f64), Some(1.0));
    assert_eq!(
        back[1]
            .as_ref()
            .ok()
            .and_then(JsValue::as_string)
            .as_deref(),
        Some("two")
    );

    let back = round_trip(vec![Ok(JsValue::from(1)), Err(JsValue::from("boom"))]).await;
    assert_eq!(back.len(), 2, "the error ends the stream: {back:?}");
    assert_eq!(
        back[1]
            .as_ref()
            .err()
            .and_then(JsValue::as_string)
            .as_deref(),
        Some("boom")
    );

    assert!(round_trip(Vec::new()).await.is_empty());
}

//! Amazon Connect Streams (`window.connect`): start the CCP, subscribe to agent and contact
//! events, place calls. Payloads are decoded once into the engine's owned snapshots.

use engine::flow::Data;
use engine::{
    AgentSnapshot, AgentStateKind, Channel, ContactEvent, ContactSnapshot, ContactState,
    MessageTopic,
};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use super::describe;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["connect", "core"], js_name = initCCP, catch)]
    fn init_ccp_js(container: &HtmlElement, params: &JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(js_namespace = ["connect", "core"], js_name = getUpstream, catch)]
    fn upstream() -> Result<Upstream, JsValue>;

    type Upstream;
    #[wasm_bindgen(method, js_name = sendUpstream, catch)]
    fn send_upstream(this: &Upstream, event: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(method, js_name = sendUpstream, catch)]
    fn send_upstream_data(this: &Upstream, event: &str, data: &JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(js_name = fetch, catch)]
    fn fetch_js(url: &str, init: &JsValue) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_namespace = ["connect", "core"], js_name = getEventBus, catch)]
    fn event_bus() -> Result<EventBus, JsValue>;

    type EventBus;
    #[wasm_bindgen(method, catch)]
    fn subscribe(
        this: &EventBus,
        name: &str,
        f: &js_sys::Function,
    ) -> Result<JsSubscription, JsValue>;

    type JsSubscription;
    #[wasm_bindgen(method, catch)]
    fn unsubscribe(this: &JsSubscription) -> Result<(), JsValue>;

    #[wasm_bindgen(js_namespace = connect, js_name = Agent)]
    type Agent;
    #[wasm_bindgen(constructor, js_namespace = connect, js_class = "Agent", catch)]
    fn new_agent() -> Result<Agent, JsValue>;
    #[wasm_bindgen(method, js_name = getState, catch)]
    fn get_state(this: &Agent) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, js_name = getName, catch)]
    fn get_name(this: &Agent) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, js_name = getRoutingProfile, catch)]
    fn get_routing_profile(this: &Agent) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, js_name = connect, catch)]
    fn connect_endpoint(this: &Agent, endpoint: &JsValue, options: &JsValue)
    -> Result<(), JsValue>;
    #[wasm_bindgen(method, js_name = getAgentStates, catch)]
    fn get_agent_states(this: &Agent) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, js_name = setState, catch)]
    fn set_state_js(this: &Agent, state: &JsValue, callbacks: &JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(js_namespace = connect, js_name = Contact)]
    type LiveContact;
    #[wasm_bindgen(constructor, js_namespace = connect, js_class = "Contact", catch)]
    fn new_contact(contact_id: &str) -> Result<LiveContact, JsValue>;
    #[wasm_bindgen(method, js_name = accept, catch)]
    fn accept_js(this: &LiveContact, callbacks: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(method, js_name = clear, catch)]
    fn clear_js(this: &LiveContact, callbacks: &JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(js_namespace = ["connect", "Endpoint"], js_name = byPhoneNumber, catch)]
    fn endpoint_by_phone_number(number: &str) -> Result<JsValue, JsValue>;

    /// Streams' `Contact` or `ContactSnapshot`; both answer the same getters.
    type Contact;
    #[wasm_bindgen(method, js_name = getContactId, catch)]
    fn get_contact_id(this: &Contact) -> Result<String, JsValue>;
    #[wasm_bindgen(method, js_name = getType, catch)]
    fn get_type(this: &Contact) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, js_name = getStatus, catch)]
    fn get_status(this: &Contact) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, js_name = getStatusDuration, catch)]
    fn get_status_duration(this: &Contact) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, js_name = getInitiationMethod, catch)]
    fn get_initiation_method(this: &Contact) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, js_name = getQueue, catch)]
    fn get_queue(this: &Contact) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, js_name = getInitialContactId, catch)]
    fn get_initial_contact_id(this: &Contact) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, js_name = getAttributes, catch)]
    fn get_attributes(this: &Contact) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, js_name = getInitialConnection, catch)]
    fn get_initial_connection(this: &Contact) -> Result<Connection, JsValue>;
    #[wasm_bindgen(method, js_name = getName, catch)]
    fn get_contact_name(this: &Contact) -> Result<JsValue, JsValue>;

    type Connection;
    #[wasm_bindgen(method, js_name = getEndpoint, catch)]
    fn get_endpoint(this: &Connection) -> Result<JsValue, JsValue>;
}

/// Why a Streams call failed.
#[derive(Clone, Debug, PartialEq)]
pub enum StreamsError {
    /// `window.connect` is missing: the Streams script did not load.
    NotLoaded(String),
    /// Streams threw (e.g. the agent API before the CCP is initialised).
    Threw(String),
    /// The CCP answered with an error; `kind` is the exception type when Connect sent one.
    Failed { kind: String, message: String },
}

impl StreamsError {
    /// A short code for logs and flow results: Connect's exception type when it sent one.
    pub fn kind(&self) -> &str {
        match self {
            StreamsError::NotLoaded(_) => "NotLoaded",
            StreamsError::Threw(_) => "Threw",
            StreamsError::Failed { kind, .. } => kind,
        }
    }
}

impl std::fmt::Display for StreamsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StreamsError::NotLoaded(why) => write!(f, "Streams is not loaded: {why}"),
            StreamsError::Threw(why) => write!(f, "Streams threw: {why}"),
            StreamsError::Failed { kind, message } => write!(f, "{kind}: {message}"),
        }
    }
}

/// The `initCCP` options the product sets.
#[derive(Clone, Debug)]
pub struct CcpOptions {
    pub ccp_url: String,
    pub region: Option<String>,
    /// Streams opens the sign-in pop-up itself; off, the softphone offers a Sign in button (a
    /// user gesture, so the browser never blocks it silently).
    pub login_popup: bool,
    pub login_url: Option<String>,
    pub ccp_load_timeout: u32,
    pub softphone: SoftphoneOptions,
    pub login_options: LoginOptions,
}

#[derive(Clone, Debug)]
pub struct SoftphoneOptions {
    /// Off for a medialess softphone: media is handled by another CCP.
    pub allow_framed_softphone: bool,
    pub disable_ringtone: bool,
    pub ringtone_url: Option<String>,
}

#[derive(Clone, Debug)]
pub struct LoginOptions {
    /// Without it a frozen CCP raises no event at all.
    pub enable_ack_timeout: bool,
    pub auto_close: bool,
}

/// Starts the CCP iframe inside `container`. Subscribe right after, in the same turn: `initCCP`
/// replaces Streams' event bus, and contacts are not replayed to late subscribers.
pub fn init_ccp(container: &HtmlElement, options: &CcpOptions) -> Result<(), StreamsError> {
    init_ccp_js(container, &options.to_js()).map_err(|e| StreamsError::NotLoaded(describe(&e)))
}

impl CcpOptions {
    /// The `initCCP` parameters object, with Streams' camelCase names; `None` fields are left
    /// out (Streams reads a present `undefined` differently from an absent key in places).
    fn to_js(&self) -> JsValue {
        let softphone = object(&[
            (
                "allowFramedSoftphone",
                self.softphone.allow_framed_softphone.into(),
            ),
            ("disableRingtone", self.softphone.disable_ringtone.into()),
            ("ringtoneUrl", optional(&self.softphone.ringtone_url)),
        ]);
        let login = object(&[
            (
                "enableAckTimeout",
                self.login_options.enable_ack_timeout.into(),
            ),
            ("autoClose", self.login_options.auto_close.into()),
        ]);
        object(&[
            ("ccpUrl", self.ccp_url.as_str().into()),
            ("region", optional(&self.region)),
            ("loginPopup", self.login_popup.into()),
            ("loginUrl", optional(&self.login_url)),
            ("ccpLoadTimeout", self.ccp_load_timeout.into()),
            ("softphone", softphone),
            ("loginOptions", login),
        ])
    }
}

fn optional(value: &Option<String>) -> JsValue {
    value.as_deref().map_or(JsValue::UNDEFINED, JsValue::from)
}

/// A plain object of the members that are not `undefined`.
fn object(members: &[(&str, JsValue)]) -> JsValue {
    let target = js_sys::Object::new();
    for (key, value) in members.iter().filter(|(_, value)| !value.is_undefined()) {
        let _ = js_sys::Reflect::set(&target, &(*key).into(), value);
    }
    target.into()
}

/// A live Streams subscription; dropping it unsubscribes.
#[must_use = "dropping a Subscription unsubscribes at once"]
pub struct Subscription {
    handle: JsSubscription,
    _callback: Closure<dyn FnMut(JsValue)>,
}

impl Subscription {
    /// Keeps the subscription for the life of the page.
    pub fn forget(self) {
        std::mem::forget(self);
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        let _ = self.handle.unsubscribe();
    }
}

fn subscribe_raw(
    name: &str,
    callback: impl FnMut(JsValue) + 'static,
) -> Result<Subscription, StreamsError> {
    let callback = Closure::<dyn FnMut(JsValue)>::new(callback);
    let bus = event_bus().map_err(|e| StreamsError::NotLoaded(describe(&e)))?;
    let handle = bus
        .subscribe(name, callback.as_ref().unchecked_ref())
        .map_err(|e| StreamsError::Threw(describe(&e)))?;
    Ok(Subscription {
        handle,
        _callback: callback,
    })
}

/// Fires when the CCP acknowledged the page (`connect.core.onInitialized`).
pub fn on_initialized(mut f: impl FnMut() + 'static) -> Result<Subscription, StreamsError> {
    subscribe_raw("init", move |_| f())
}

/// Fires when the CCP signed out or its worker ended (`terminated`).
pub fn on_terminated(mut f: impl FnMut() + 'static) -> Result<Subscription, StreamsError> {
    subscribe_raw("terminated", move |_| f())
}

/// Fires when Streams gave up reloading the CCP iframe.
pub fn on_iframe_retries_exhausted(
    mut f: impl FnMut() + 'static,
) -> Result<Subscription, StreamsError> {
    subscribe_raw("iframe_retries_exhausted", move |_| f())
}

/// Fires on every agent snapshot (`agent::refresh`), decoded.
pub fn on_agent_refresh(
    mut f: impl FnMut(Result<AgentSnapshot, StreamsError>) + 'static,
) -> Result<Subscription, StreamsError> {
    subscribe_raw("agent::refresh", move |_| f(current_agent()))
}

/// Fires on `agent::state_change` with the old and new state names.
pub fn on_agent_state_change(
    mut f: impl FnMut(String, String) + 'static,
) -> Result<Subscription, StreamsError> {
    subscribe_raw("agent::state_change", move |data| {
        let old = get_path(&data, &["oldState"]).unwrap_or_default();
        let new = get_path(&data, &["newState"]).unwrap_or_default();
        f(old, new)
    })
}

/// Fires on a contact event, with the contact decoded at once (live contacts throw once gone).
pub fn on_contact(
    event: ContactEvent,
    mut f: impl FnMut(ContactEvent, Result<ContactSnapshot, StreamsError>) + 'static,
) -> Result<Subscription, StreamsError> {
    subscribe_raw(event.as_str(), move |data| {
        f(event, decode_contact(data.unchecked_ref()))
    })
}

/// Fires on `contact::view` (the agent brought a contact into view in the CCP) with its id,
/// `None` when the event names none.
pub fn on_view_contact(
    mut f: impl FnMut(Option<String>) + 'static,
) -> Result<Subscription, StreamsError> {
    subscribe_raw("contact::view", move |data| {
        f(get_path(&data, &["contactId"]))
    })
}

/// Fires on each item of the agent's websocket (`webSocket::all_message`, which Streams'
/// WebSocket manager hands to ChatJS and TaskJS) of a topic the softphone reads, with its JSON
/// text (empty when the item has none).
pub fn on_websocket_item(
    mut f: impl FnMut(MessageTopic, String) + 'static,
) -> Result<Subscription, StreamsError> {
    subscribe_raw("webSocket::all_message", move |data| {
        let topic = get_path(&data, &["topic"]).unwrap_or_default();
        if let Some(topic) = MessageTopic::ALL.into_iter().find(|t| t.as_str() == topic) {
            f(topic, get_path(&data, &["content"]).unwrap_or_default())
        }
    })
}

/// Asks the CCP's worker for the agent's websocket topics the softphone reads
/// (`webSocket::subscribe`, what the WebSocket manager's `subscribeTopics` sends). Send it once
/// the CCP has acknowledged the page: before that, nothing receives what the page sends.
pub fn subscribe_websocket_topics() -> Result<(), StreamsError> {
    let topics: js_sys::Array = MessageTopic::ALL
        .iter()
        .map(|t| JsValue::from(t.as_str()))
        .collect();
    upstream()
        .and_then(|u| u.send_upstream_data("webSocket::subscribe", &topics))
        .map_err(|e| StreamsError::Threw(describe(&e)))
}

/// Reads the agent as of now.
pub fn current_agent() -> Result<AgentSnapshot, StreamsError> {
    let agent = Agent::new_agent().map_err(|e| StreamsError::Threw(describe(&e)))?;
    let threw = |e: JsValue| StreamsError::Threw(describe(&e));
    let state = agent.get_state().map_err(threw)?;
    let routing_profile = agent.get_routing_profile().map_err(threw)?;
    let outbound_queue_arn = get_path(&routing_profile, &["defaultOutboundQueue", "queueARN"]);
    let routing_profile_name = get_path(&routing_profile, &["name"]);
    // The states come as one JSON text: Streams gives them on every snapshot, and a call into
    // JavaScript per field cost more than the parse.
    let states = agent
        .get_agent_states()
        .ok()
        .map(|list| {
            items(&list)
                .filter_map(|state| {
                    let name = text(state.get("name"))?;
                    let kind =
                        AgentStateKind::from_streams(&text(state.get("type")).unwrap_or_default());
                    Some((name, kind))
                })
                .collect()
        })
        .unwrap_or_default();
    let state_type = get_path(&state, &["type"]).unwrap_or_default();
    Ok(AgentSnapshot {
        states,
        routing_profile: routing_profile_name,
        name: agent
            .get_name()
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default(),
        state_name: get_path(&state, &["name"]).unwrap_or_default(),
        state_kind: AgentStateKind::from_streams(&state_type),
        state_type,
        outbound_queue_arn,
    })
}

/// The items of a JavaScript array, read through JSON (none when it is not an array).
fn items(list: &JsValue) -> impl Iterator<Item = Data> {
    match super::js_data::from_js(list) {
        Data::Array(items) => items.into_iter(),
        _ => Vec::new().into_iter(),
    }
}

/// A string value; anything else reads as none, as `as_string` would.
fn text(value: &Data) -> Option<String> {
    match value {
        Data::String(text) => Some(text.clone()),
        _ => None,
    }
}

fn decode_contact(contact: &Contact) -> Result<ContactSnapshot, StreamsError> {
    let threw = |e: JsValue| StreamsError::Threw(describe(&e));
    let contact_id = contact.get_contact_id().map_err(threw)?;
    let kind = contact
        .get_type()
        .map_err(threw)?
        .as_string()
        .unwrap_or_default();
    let status = contact.get_status().map_err(threw)?;
    // A throw is kept and reported by the engine: empty attributes must not pass for none.
    let (attributes_js, attributes_error) = match contact.get_attributes() {
        Ok(value) => (value, None),
        Err(error) => (JsValue::UNDEFINED, Some(describe(&error))),
    };
    let mut attributes = std::collections::BTreeMap::new();
    if attributes_js.is_object() {
        for entry in js_sys::Object::entries(attributes_js.unchecked_ref()).iter() {
            let pair = js_sys::Array::from(&entry);
            let (Some(key), value) = (pair.get(0).as_string(), pair.get(1)) else {
                continue;
            };
            if let Some(value) = get_path(&value, &["value"]) {
                attributes.insert(key, value);
            }
        }
    }
    let endpoint = contact
        .get_initial_connection()
        .ok()
        .and_then(|connection| connection.get_endpoint().ok())
        .unwrap_or(JsValue::UNDEFINED);
    let customer_name = get_path(&endpoint, &["name"])
        .or_else(|| contact.get_contact_name().ok().and_then(|n| n.as_string()));
    let queue = contact.get_queue().unwrap_or(JsValue::UNDEFINED);
    Ok(ContactSnapshot {
        contact_id,
        initial_contact_id: contact
            .get_initial_contact_id()
            .ok()
            .and_then(|id| id.as_string()),
        channel: Channel::from_streams(&kind),
        state: ContactState::from_streams(&get_path(&status, &["type"]).unwrap_or_default()),
        initiation_method: contact
            .get_initiation_method()
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_default(),
        queue_name: get_path(&queue, &["name"]),
        queue_arn: get_path(&queue, &["queueARN"]),
        attributes,
        customer_phone: get_path(&endpoint, &["phoneNumber"]),
        customer_name,
        state_duration_ms: contact
            .get_status_duration()
            .ok()
            .and_then(|d| d.as_f64())
            .unwrap_or(0.0),
        attributes_error,
    })
}

/// `agent.setState` with the agent-selectable state of that name; `done` runs once.
pub fn set_agent_state(
    name: &str,
    done: impl FnOnce(Result<(), StreamsError>) + 'static,
) -> Result<(), StreamsError> {
    let agent = Agent::new_agent().map_err(|e| StreamsError::Threw(describe(&e)))?;
    let states = agent
        .get_agent_states()
        .map_err(|e| StreamsError::Threw(describe(&e)))?;
    let state = js_sys::Array::from(&states)
        .iter()
        .find(|state| get_path(state, &["name"]).as_deref() == Some(name))
        .ok_or_else(|| StreamsError::Failed {
            kind: "UnknownState".into(),
            message: name.to_owned(),
        })?;
    agent
        .set_state_js(&state, &once_callbacks(done))
        .map_err(|e| StreamsError::Threw(describe(&e)))
}

/// Signs the agent out of Connect as Streams documents it for a custom CCP: the instance's
/// `/connect/logout` (with the agent's cookies), then `terminate` sent upstream, which the CCP's
/// worker answers with `terminated` to every CCP (every tab hears the sign-out). `done` runs once.
/// Not `connect.core.terminate()`: that only tears down Streams in this page, so the softphone
/// would stop hearing Connect and never learn it was signed out.
pub fn logout(ccp_url: &str, done: impl FnOnce(Result<(), StreamsError>) + 'static) {
    let threw = |e: JsValue| StreamsError::Threw(describe(&e));
    let url = match web_sys::Url::new_with_base("/connect/logout", ccp_url) {
        Ok(url) => url.href(),
        Err(error) => return done(Err(threw(error))),
    };
    let init = object(&[
        ("credentials", "include".into()),
        ("mode", "no-cors".into()),
    ]);
    let promise = match fetch_js(&url, &init) {
        Ok(promise) => promise,
        Err(error) => return done(Err(threw(error))),
    };
    // Settled or rejected, `done` runs once: each closure takes it from the shared cell.
    let done = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
    let rejected = done.clone();
    let settled = Closure::once(move |_: JsValue| {
        if let Some(done) = done.take() {
            done(
                upstream()
                    .and_then(|u| u.send_upstream("terminate"))
                    .map_err(threw),
            );
        }
    });
    let failed = Closure::once(move |error: JsValue| {
        if let Some(done) = rejected.take() {
            done(Err(threw(error)));
        }
    });
    let _ = promise.then2(&settled, &failed);
    // Sign-outs are rare: the two closures are left to live (one of them never runs).
    settled.forget();
    failed.forget();
}

/// `contact.accept()`; `done` runs once.
pub fn accept_contact(
    contact_id: &str,
    done: impl FnOnce(Result<(), StreamsError>) + 'static,
) -> Result<(), StreamsError> {
    contact_call(contact_id, done, LiveContact::accept_js)
}

/// `contact.clear()` (ends after-call work); `done` runs once.
pub fn clear_contact(
    contact_id: &str,
    done: impl FnOnce(Result<(), StreamsError>) + 'static,
) -> Result<(), StreamsError> {
    contact_call(contact_id, done, LiveContact::clear_js)
}

/// Calls a `Contact` method that takes `{success, failure}`.
fn contact_call(
    contact_id: &str,
    done: impl FnOnce(Result<(), StreamsError>) + 'static,
    method: fn(&LiveContact, &JsValue) -> Result<(), JsValue>,
) -> Result<(), StreamsError> {
    let threw = |e: JsValue| StreamsError::Threw(describe(&e));
    let contact = LiveContact::new_contact(contact_id).map_err(threw)?;
    method(&contact, &once_callbacks(done)).map_err(threw)
}

/// `{success, failure}` for a Streams API call, running `done` exactly once. Only one of the two
/// ever runs; the other closure is freed with the page (one small allocation per call).
fn once_callbacks(done: impl FnOnce(Result<(), StreamsError>) + 'static) -> JsValue {
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let on_success = {
        let done = done.clone();
        Closure::once_into_js(move || {
            if let Some(done) = done.borrow_mut().take() {
                done(Ok(()));
            }
        })
    };
    let on_failure = Closure::once_into_js(move |error: JsValue| {
        if let Some(done) = done.borrow_mut().take() {
            done(Err(decode_api_error(&error)));
        }
    });
    let callbacks = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&callbacks, &"success".into(), &on_success);
    let _ = js_sys::Reflect::set(&callbacks, &"failure".into(), &on_failure);
    callbacks.into()
}

/// Places an outbound call with `agent.connect`; `done` runs once with Connect's answer.
pub fn dial(
    number: &str,
    queue_arn: Option<&str>,
    done: impl FnOnce(Result<(), StreamsError>) + 'static,
) -> Result<(), StreamsError> {
    let agent = Agent::new_agent().map_err(|e| StreamsError::Threw(describe(&e)))?;
    let endpoint =
        endpoint_by_phone_number(number).map_err(|e| StreamsError::NotLoaded(describe(&e)))?;
    let options: js_sys::Object = once_callbacks(done).unchecked_into();
    if let Some(queue_arn) = queue_arn {
        let _ = js_sys::Reflect::set(&options, &"queueARN".into(), &JsValue::from_str(queue_arn));
    }
    agent
        .connect_endpoint(&endpoint, &options)
        .map_err(|e| StreamsError::Threw(describe(&e)))
}

/// Connect sends API errors as a JSON string `{type, message, …}`.
fn decode_api_error(error: &JsValue) -> StreamsError {
    let parsed = error
        .as_string()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or_else(|| error.clone());
    match (
        get_path(&parsed, &["type"]),
        get_path(&parsed, &["message"]),
    ) {
        (Some(kind), message) => StreamsError::Failed {
            kind,
            message: message.unwrap_or_default(),
        },
        (None, _) => StreamsError::Failed {
            kind: "Error".into(),
            message: describe(error),
        },
    }
}

/// Reads a string at a property path, tolerating missing objects on the way.
fn get_path(value: &JsValue, path: &[&str]) -> Option<String> {
    let mut current = value.clone();
    for key in path {
        if !current.is_object() {
            return None;
        }
        current = js_sys::Reflect::get(&current, &JsValue::from_str(key)).ok()?;
    }
    current.as_string()
}

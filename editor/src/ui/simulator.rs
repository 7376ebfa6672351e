//! The presence rule simulator page: the admin picks an event and the states before it; the engine's `presence::explain` says which rules apply and what the softphone does.

use engine::config::CONNECT_SYSTEM_STATES;
use engine::presence::{Asked, Explanation, Output, PresenceConfig, World, explain};
use i18n::simulator::{self as text, EVENTS, SimKey as K};
use leptos::prelude::*;

use crate::bindings::companion::{self, NoStart, Start};

/// What the page knows so far.
#[derive(Clone)]
enum Loaded {
    Waiting,
    Failed(&'static str),
    Ready(PresenceConfig, World),
}

/// Mounts the simulator in `root` and asks the softphone that opened it where to start.
pub fn start(root: web_sys::HtmlElement) {
    let loaded = RwSignal::new_local(Loaded::Waiting);
    companion::request(move |answer| loaded.set(read(answer)));
    let handle = leptos::mount::mount_to(root, move || view! { <Page loaded=loaded /> });
    // The page lives as long as the window.
    std::mem::forget(handle);
}

fn read(answer: Result<Start, NoStart>) -> Loaded {
    let Ok(start) = answer else {
        return Loaded::Failed(text::text(K::NoStart));
    };
    match engine::config::parse(&start.config, None).config {
        Some(config) => Loaded::Ready(PresenceConfig::from_config(&config), start.world),
        None => Loaded::Failed(text::text(K::NoConfig)),
    }
}

#[component]
fn Page(loaded: RwSignal<Loaded, LocalStorage>) -> impl IntoView {
    view! {
        <main class="simulator" data-testid="rule-simulator">
            <h1 class="slds-text-heading_medium">{text::text(K::Title)}</h1>
            <p class="simulator-intro">{text::text(K::Intro)}</p>
            {move || match loaded.get() {
                Loaded::Waiting => view! { <p role="status">{text::text(K::Waiting)}</p> }.into_any(),
                Loaded::Failed(why) => view! { <p role="alert" data-testid="simulator-failed">{why}</p> }.into_any(),
                Loaded::Ready(config, world) => view! { <Simulator config=config world=world /> }.into_any(),
            }}
        </main>
    }
}

#[component]
fn Simulator(config: PresenceConfig, world: World) -> impl IntoView {
    let event = RwSignal::new("connect".to_owned());
    let connect_now = RwSignal::new(world.connect.clone());
    let omni_now = RwSignal::new(world.salesforce.clone().unwrap_or_default());
    let new_connect = RwSignal::new(world.connect.clone());
    // Logged out of Omni, the first status is the one to choose.
    let first_omni = world.catalog.salesforce_statuses.first();
    let new_omni = RwSignal::new(
        world
            .salesforce
            .clone()
            .or_else(|| first_omni.map(|s| s.developer_name.clone()))
            .unwrap_or_default(),
    );
    let channel = RwSignal::new(String::new());
    let capacity = RwSignal::new("100".to_owned());
    let previous = RwSignal::new("0".to_owned());
    let workload = RwSignal::new("100".to_owned());
    let sync_off = !config.sync_enabled;

    let connect_choices: Vec<(String, String)> = world
        .catalog
        .connect_statuses
        .iter()
        .map(|s| (s.name.clone(), s.name.clone()))
        .chain(CONNECT_SYSTEM_STATES.iter().map(|s| {
            (
                s.to_string(),
                format!("{s} ({})", text::text(K::SystemState)),
            )
        }))
        .collect();
    let omni_choices: Vec<(String, String)> = world
        .catalog
        .salesforce_statuses
        .iter()
        .map(|s| {
            (
                s.developer_name.clone(),
                format!("{} ({})", s.label, s.developer_name),
            )
        })
        .collect();
    let mut omni_now_choices = vec![(String::new(), text::text(K::LoggedOut).to_owned())];
    omni_now_choices.extend(omni_choices.iter().cloned());
    let event_choices: Vec<(String, String)> = EVENTS
        .iter()
        .map(|(value, _)| (value.to_string(), text::event_label(value).to_owned()))
        .collect();

    let explanation = Memo::new(move |_| {
        let asked = asked(
            &event.get(),
            new_connect.get(),
            new_omni.get(),
            channel.get(),
            (capacity.get(), previous.get(), workload.get()),
        );
        let mut world = world.clone();
        world.connect = connect_now.get();
        world.salesforce = Some(omni_now.get()).filter(|s| !s.is_empty());
        Explained(explain(&config, world, asked))
    });
    let shows = move |kinds: &'static [&'static str]| move || kinds.contains(&event.get().as_str());

    view! {
        <Show when=move || sync_off>
            <p class="simulator-note" role="note">{text::text(K::SyncOff)}</p>
        </Show>
        <div class="simulator-form slds-grid slds-wrap">
            {choice("sim-event", K::Event, event_choices, event)}
            {choice("sim-connect-now", K::ConnectNow, connect_choices.clone(), connect_now)}
            {choice("sim-omni-now", K::OmniNow, omni_now_choices, omni_now)}
            <Show when=shows(&["connect"])>{choice("sim-new-connect", K::NewConnect, connect_choices.clone(), new_connect)}</Show>
            <Show when=shows(&["omni"])>{choice("sim-new-omni", K::NewOmni, omni_choices.clone(), new_omni)}</Show>
            <Show when=shows(&["work"])>
                {entry("sim-channel", K::Channel, channel)}
                <p class="simulator-help">{text::text(K::ChannelNone)}</p>
            </Show>
            <Show when=shows(&["workload"])>
                {entry("sim-capacity", K::Capacity, capacity)}
                {entry("sim-previous", K::PreviousWorkload, previous)}
                {entry("sim-workload", K::NewWorkload, workload)}
            </Show>
        </div>
        <Outcome explanation=explanation />
    }
}

/// `Explanation` for a memo: a new run is always a change.
#[derive(Clone)]
struct Explained(Explanation);

impl PartialEq for Explained {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

#[component]
fn Outcome(explanation: Memo<Explained>) -> impl IntoView {
    let rules = move || {
        let Explained(e) = explanation.get();
        if e.rules.is_empty() {
            return view! { <p data-testid="sim-no-rules">{text::text(K::NoRules)}</p> }.into_any();
        }
        let rows = e
            .rules
            .into_iter()
            .map(|(rule, outcome)| {
                let id = rule.id.clone();
                view! {
                    <li data-testid="sim-rule" data-rule=id>
                        <strong>{rule.name}</strong>" (" {rule.id} "): " {text::verdict(&outcome)}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="simulator-rules">{rows}</ul> }.into_any()
    };
    let happens = move || {
        let Explained(e) = explanation.get();
        let lines: Vec<String> = e
            .lines
            .iter()
            .filter_map(|line| match &line.output {
                Output::Act { action, cause } => Some(text::action(line.at, action, cause)),
                Output::Diagnose { diagnostic, .. } => {
                    Some(text::problem(line.at, &i18n::presence_problem(diagnostic)))
                }
                _ => None,
            })
            .collect();
        let nothing = lines.is_empty();
        let last = text::final_states(&e.connect, e.connect_signed_in, e.salesforce.as_deref());
        view! {
            <Show when=move || nothing>
                <p data-testid="sim-nothing">{text::text(K::Nothing)}</p>
            </Show>
            <ol class="simulator-lines">
                {lines.into_iter().map(|line| view! { <li data-testid="sim-line">{line}</li> }).collect_view()}
            </ol>
            <Show when=move || !e.settled>
                <p role="alert" data-testid="sim-loops">{text::text(K::Loops)}</p>
            </Show>
            <p data-testid="sim-final"><strong>{text::text(K::Final)}": "</strong>{last}</p>
        }
    };
    view! {
        <section class="simulator-outcome" aria-live="polite">
            <h2 class="slds-text-heading_small">{text::text(K::Rules)}</h2>
            {rules}
            <h2 class="slds-text-heading_small">{text::text(K::Happens)}</h2>
            {happens}
        </section>
    }
}

/// The admin's event as the engine takes it.
fn asked(
    event: &str,
    new_connect: String,
    new_omni: String,
    channel: String,
    (capacity, previous, workload): (String, String, String),
) -> Asked {
    match event {
        "connect-logout" => Asked::ConnectLogout,
        "omni" => Asked::SalesforceStatus {
            developer_name: new_omni,
        },
        "omni-logout" => Asked::SalesforceLogout,
        "work" => Asked::WorkAccepted {
            service_channel: Some(channel.trim().to_owned()).filter(|c| !c.is_empty()),
        },
        "workload" => Asked::WorkloadChanged {
            configured_capacity: capacity.trim().to_owned(),
            previous_workload: previous.trim().to_owned(),
            new_workload: workload.trim().to_owned(),
        },
        _ => Asked::ConnectState {
            new_state: new_connect,
        },
    }
}

fn choice(
    id: &'static str,
    label: K,
    options: Vec<(String, String)>,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="slds-form-element simulator-field">
            <label class="slds-form-element__label" for=id>{text::text(label)}</label>
            <select class="slds-select" id=id data-testid=id
                on:change=move |ev| value.set(event_target_value(&ev))
                prop:value=move || value.get()>
                {options.into_iter().map(|(v, l)| {
                    let selected = v == value.get_untracked();
                    view! { <option value=v selected=selected>{l}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

fn entry(id: &'static str, label: K, value: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="slds-form-element simulator-field">
            <label class="slds-form-element__label" for=id>{text::text(label)}</label>
            <input class="slds-input" id=id data-testid=id type="text"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) />
        </div>
    }
}

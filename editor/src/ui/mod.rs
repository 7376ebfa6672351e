//! The editor page: the root owns the state (the engine's `Editor`, its check, the selection, the sample contact), loads and saves through remoting, and lays out the list, the form and the preview.

mod form;
mod list;
mod preview;
pub mod simulator;
pub mod watcher;

use engine::editor::remote::{self, RemoteError};
use engine::editor::{Checked, Editor};
use i18n::editor::{EditorKey as K, text};
use leptos::prelude::*;

use crate::bindings::{page, remoting};

/// What the page is waiting for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Busy {
    Idle,
    Loading,
    Saving,
}

/// The outcome the page reports above the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    Saved,
    /// A save that wrote nothing (a conflict among them); the drafts are kept.
    SaveFailed(RemoteError),
    LoadFailed(RemoteError),
}

/// One row of the sample contact's attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleRow {
    pub key: u32,
    pub name: String,
    pub value: String,
}

/// The page's state; every part reads and writes it through these signals.
#[derive(Clone, Copy)]
pub struct State {
    pub editor: RwSignal<Option<Editor>>,
    pub checked: Memo<Option<Checked>>,
    /// The row being edited, by its key.
    pub selected: RwSignal<Option<u32>>,
    pub busy: RwSignal<Busy>,
    pub message: RwSignal<Option<Message>>,
    pub sample: RwSignal<Vec<SampleRow>>,
}

impl State {
    /// Changes the drafts (and so the check and the preview).
    pub fn edit(&self, change: impl FnOnce(&mut Editor)) {
        self.editor.update(|e| {
            if let Some(e) = e {
                change(e);
            }
        });
    }

    pub fn row_of(&self, key: u32) -> Option<usize> {
        self.editor
            .with_untracked(|e| e.as_ref().and_then(|e| e.row_of(key)))
    }

    pub fn is_dirty(&self) -> bool {
        self.editor
            .with(|e| e.as_ref().is_some_and(Editor::is_dirty))
    }
}

/// Mounts the editor into `root` and loads the adapter the address names (`?id=`), or the first.
pub fn start(root: web_sys::HtmlElement) {
    let editor = RwSignal::new(None::<Editor>);
    let state = State {
        editor,
        checked: Memo::new(move |_| editor.with(|e| e.as_ref().map(Editor::check))),
        selected: RwSignal::new(None),
        busy: RwSignal::new(Busy::Idle),
        message: RwSignal::new(None),
        sample: RwSignal::new(Vec::new()),
    };
    page::guard_unload(move || editor.with_untracked(|e| e.as_ref().is_some_and(Editor::is_dirty)));
    let handle = leptos::mount::mount_to(root, move || view! { <App state=state /> });
    // The page lives as long as the editor.
    std::mem::forget(handle);
    load(state, page::query_param("id"));
}

/// Loads an adapter's attributes (the first adapter when `adapter` is `None`); what the admin
/// had is replaced.
fn load(state: State, adapter: Option<String>) {
    call(
        state,
        Busy::Loading,
        remote::LOAD,
        &[adapter.as_deref()],
        move |answer| {
            match answer {
                Ok(loaded) => {
                    let row = state.selected.get_untracked().and_then(|k| state.row_of(k));
                    let mut other_adapter = false;
                    state.editor.update(|e| match e {
                        Some(e) if e.adapter.id == loaded.adapter.id => e.replace(loaded),
                        _ => {
                            other_adapter = true;
                            *e = Some(Editor::new(loaded));
                        }
                    });
                    // The sample the admin typed stays across reloads of the same adapter.
                    if other_adapter || state.sample.with_untracked(Vec::is_empty) {
                        reset_sample(state);
                    }
                    select_row(state, row.unwrap_or(0));
                    state.message.set(None);
                }
                Err(error) => state.message.set(Some(Message::LoadFailed(error))),
            }
        },
    );
}

/// Saves the whole list; on success what Salesforce now holds replaces the drafts, otherwise
/// (a conflict among others) nothing changes and the drafts stay as they are.
fn save(state: State) {
    let Some(request) = state
        .editor
        .with_untracked(|e| e.as_ref().map(Editor::save_request))
    else {
        return;
    };
    state.message.set(None);
    call(
        state,
        Busy::Saving,
        remote::SAVE,
        &[Some(&request)],
        move |answer| match answer {
            Ok(loaded) => {
                let row = state.selected.get_untracked().and_then(|k| state.row_of(k));
                state.edit(|e| e.replace(loaded));
                select_row(state, row.unwrap_or(0));
                state.message.set(Some(Message::Saved));
            }
            Err(error) => state.message.set(Some(Message::SaveFailed(error))),
        },
    );
}

/// Calls a remote action while `busy` shows; `done` gets the adapter as Salesforce now holds it.
fn call(
    state: State,
    busy: Busy,
    action: &str,
    args: &[Option<&str>],
    done: impl FnOnce(Result<remote::Loaded, RemoteError>) + 'static,
) {
    state.busy.set(busy);
    let action = remoting::action(action);
    remoting::invoke(&action, args, move |answer| {
        state.busy.set(Busy::Idle);
        done(
            answer
                .map_err(RemoteError::Remoting)
                .and_then(|text| remote::read_answer(&text)),
        )
    });
}

/// Selects the row at `row` (or the last one, or none in an empty list).
fn select_row(state: State, row: usize) {
    let key = state.editor.with_untracked(|e| {
        e.as_ref()
            .and_then(|e| e.drafts.get(row).or(e.drafts.last()).map(|d| d.key))
    });
    state.selected.set(key);
}

/// The sample contact the preview starts from: each key the formats read.
fn reset_sample(state: State) {
    let rows = state
        .editor
        .with_untracked(|e| e.as_ref().map(Editor::sample_contact).unwrap_or_default());
    state.sample.set(
        rows.into_iter()
            .enumerate()
            .map(|(i, (name, value))| SampleRow {
                key: i as u32,
                name,
                value,
            })
            .collect(),
    );
}

#[component]
fn App(state: State) -> impl IntoView {
    let loaded = move || state.editor.with(Option::is_some);
    view! {
        <div class="editor slds-p-around_medium">
            <Header state=state />
            <Messages state=state />
            <Show when=loaded fallback=move || view! { <Loading state=state /> }>
                <fieldset class="editor-body" prop:disabled=move || state.busy.get() != Busy::Idle>
                    <legend class="slds-assistive-text">{text(K::Title)}</legend>
                    <div class="slds-grid slds-wrap slds-gutters">
                        <div class="slds-col slds-size_1-of-1 slds-large-size_7-of-12">
                            <list::AttributeList state=state />
                            <form::AttributeForm state=state />
                        </div>
                        <div class="slds-col slds-size_1-of-1 slds-large-size_5-of-12">
                            <preview::Preview state=state />
                        </div>
                    </div>
                </fieldset>
            </Show>
        </div>
    }
}

#[component]
fn Loading(state: State) -> impl IntoView {
    move || {
        (state.busy.get() == Busy::Loading).then(
            || view! { <p class="slds-text-body_regular" role="status">{text(K::Loading)}</p> },
        )
    }
}

/// Title, adapter, whether anything is unsaved, Save and Discard.
#[component]
fn Header(state: State) -> impl IntoView {
    let dirty = move || state.is_dirty();
    let errors = move || {
        state
            .checked
            .with(|c| c.as_ref().map_or(0, Checked::errors))
    };
    let can_save = move || dirty() && errors() == 0 && state.busy.get() == Busy::Idle;
    let adapter_id = move || {
        state
            .editor
            .with(|e| e.as_ref().map(|e| e.adapter.id.clone()).unwrap_or_default())
    };
    let adapters = move || {
        state
            .editor
            .with(|e| e.as_ref().map(|e| e.adapters.clone()).unwrap_or_default())
    };
    let status = move || {
        if dirty() {
            text(K::Unsaved)
        } else {
            text(K::AllSaved)
        }
    };
    view! {
        <header class="slds-page-header editor-header">
            <div class="slds-page-header__row">
                <div class="slds-page-header__col-title">
                    <h1 class="slds-page-header__title">{text(K::Title)}</h1>
                    <p class="slds-text-body_small editor-intro">{text(K::Intro)}</p>
                </div>
            </div>
            <div class="slds-grid slds-wrap slds-grid_vertical-align-end editor-toolbar">
                <div class="slds-form-element editor-adapter">
                    <label class="slds-form-element__label" for="editor-adapter">{text(K::Adapter)}</label>
                    <div class="slds-form-element__control">
                        <div class="slds-select_container">
                            <select
                                id="editor-adapter"
                                class="slds-select"
                                data-testid="editor-adapter"
                                aria-describedby="editor-adapter-help"
                                prop:disabled=move || dirty() || state.busy.get() != Busy::Idle
                                prop:value=adapter_id
                                on:change=move |event| load(state, Some(event_target_value(&event)))
                            >
                                {move || adapters().into_iter().map(|a| {
                                    let label = if a.call_center_name.is_empty() { a.name.clone() } else { format!("{} ({})", a.name, a.call_center_name) };
                                    view! { <option value=a.id.clone() selected=a.id == adapter_id()>{label}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                    </div>
                    <div class="slds-form-element__help" id="editor-adapter-help">
                        {move || dirty().then(|| text(K::AdapterLocked))}
                    </div>
                </div>
                <p class=move || { if dirty() { "editor-status editor-status_unsaved" } else { "editor-status" } } data-testid="editor-status" role="status">
                    {status}
                </p>
                <div class="editor-actions">
                    <button
                        type="button"
                        class="slds-button slds-button_neutral"
                        data-testid="editor-discard"
                        prop:disabled=move || !dirty() || state.busy.get() != Busy::Idle
                        on:click=move |_| load(state, Some(adapter_id()))
                    >
                        {text(K::Discard)}
                    </button>
                    <button
                        type="button"
                        class="slds-button slds-button_brand"
                        data-testid="editor-save"
                        aria-describedby="editor-save-help"
                        prop:disabled=move || !can_save()
                        on:click=move |_| save(state)
                    >
                        {move || if state.busy.get() == Busy::Saving { text(K::Saving) } else { text(K::Save) }}
                    </button>
                </div>
            </div>
            <p class="editor-save-help" id="editor-save-help" data-testid="editor-save-help">
                {move || (dirty() && errors() > 0).then(|| i18n::editor::save_blocked(errors()))}
            </p>
        </header>
    }
}

/// The outcome of the last load or save, announced to screen readers.
#[component]
fn Messages(state: State) -> impl IntoView {
    let adapter_id = move || {
        state
            .editor
            .with_untracked(|e| e.as_ref().map(|e| e.adapter.id.clone()))
            .or_else(|| page::query_param("id"))
    };
    move || {
        state.message.get().map(|message| {
            let (class, testid, body, action) = match &message {
                Message::Saved => ("editor-message editor-message_success", "editor-saved", text(K::Saved).to_owned(), None),
                Message::SaveFailed(RemoteError::Conflict) => (
                    "editor-message editor-message_warning",
                    "editor-conflict",
                    i18n::editor::remote_error(&RemoteError::Conflict),
                    Some(K::LoadSaved),
                ),
                Message::SaveFailed(error) => ("editor-message editor-message_error", "editor-error", i18n::editor::remote_error(error), None),
                Message::LoadFailed(error) => ("editor-message editor-message_error", "editor-error", i18n::editor::remote_error(error), Some(K::Retry)),
            };
            view! {
                <div class=format!("slds-box slds-box_x-small slds-m-vertical_small {class}") role="alert" data-testid=testid>
                    <p>{body}</p>
                    {action.map(|key| view! {
                        <button type="button" class="slds-button slds-button_neutral slds-m-top_x-small" data-testid="editor-reload" on:click=move |_| load(state, adapter_id())>
                            {text(key)}
                        </button>
                    })}
                </div>
            }
        })
    }
}

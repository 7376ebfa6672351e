//! The live preview: a sample contact's attributes (key/value rows the admin edits) and the overlay an agent would see for it, drawn by the softphone's own component.

use ctisoftphone::bindings::browser::Urls;
use ctisoftphone::ui::contact::AttributesOverlay;
use engine::overlay::Overlay;
use i18n::editor::{self as text, EditorKey as K};
use leptos::prelude::*;

use super::{SampleRow, State};

#[component]
pub fn Preview(state: State) -> impl IntoView {
    let overlay = Memo::new(move |_| {
        state.editor.with(|e| {
            let e = e.as_ref()?;
            state.checked.with(|checked| {
                let checked = checked.as_ref()?;
                let sample: Vec<(String, String)> = state.sample.with(|rows| {
                    rows.iter()
                        .map(|r| (r.name.clone(), r.value.clone()))
                        .collect()
                });
                Some(e.preview(checked, &sample, &Urls))
            })
        })
    });
    let drawn = move || {
        match overlay.get() {
        Some(overlay) if !overlay.items.is_empty() => view! { <AttributesOverlay overlay=overlay /> }.into_any(),
        _ => view! { <p class="editor-empty" data-testid="preview-empty">{text::text(K::PreviewEmpty)}</p> }.into_any(),
    }
    };
    let notes = move || {
        overlay.with(|o| {
            o.as_ref()
                .map(|o: &Overlay| o.problems.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <section class="slds-card editor-card" aria-labelledby="preview-heading" data-testid="preview">
            <div class="slds-card__header">
                <h2 class="slds-card__header-title" id="preview-heading">{text::text(K::Preview)}</h2>
            </div>
            <div class="slds-card__body slds-card__body_inner">
                <p class="editor-help">{text::text(K::PreviewHelp)}</p>
                <div class="editor-phone softphone">
                    <article class="contact-card active" data-testid="preview-card">{drawn}</article>
                </div>
                <Show when=move || !notes().is_empty()>
                    <h3 class="slds-text-title_caps slds-m-top_small">{text::text(K::PreviewNotes)}</h3>
                    <ul class="editor-notes" data-testid="preview-notes">
                        {move || notes().iter().map(|p| view! { <li>{i18n::config_problem(p)}</li> }).collect_view()}
                    </ul>
                </Show>
                <SampleContact state=state />
            </div>
        </section>
    }
}

/// The sample contact's attributes as key/value rows.
#[component]
fn SampleContact(state: State) -> impl IntoView {
    let keys = move || {
        state
            .sample
            .with(|rows| rows.iter().map(|r| r.key).collect::<Vec<_>>())
    };
    let add = move |_| {
        let mut added = 0;
        state.sample.update(|rows| {
            added = rows.iter().map(|r| r.key + 1).max().unwrap_or(0);
            rows.push(SampleRow {
                key: added,
                name: String::new(),
                value: String::new(),
            });
        });
        request_animation_frame(move || {
            crate::bindings::page::focus(&format!("sample-{added}-key"))
        });
    };
    view! {
        <h3 class="slds-text-title_caps slds-m-top_medium" id="sample-heading">{text::text(K::Sample)}</h3>
        <table class="slds-table slds-table_bordered slds-table_cell-buffer editor-sample" aria-labelledby="sample-heading" data-testid="sample">
            <thead>
                <tr>
                    <th scope="col">{text::text(K::SampleKey)}</th>
                    <th scope="col">{text::text(K::SampleValue)}</th>
                    <th scope="col"><span class="slds-assistive-text">{text::text(K::SampleRemove)}</span></th>
                </tr>
            </thead>
            <tbody>
                <For each=keys key=|key| *key children=move |key| view! { <SampleLine state=state key=key /> } />
            </tbody>
        </table>
        <button type="button" class="slds-button slds-button_neutral slds-m-top_x-small" data-testid="sample-add" on:click=add>
            {text::text(K::SampleAdd)}
        </button>
    }
}

#[component]
fn SampleLine(state: State, key: u32) -> impl IntoView {
    let position = move || {
        state
            .sample
            .with(|rows| rows.iter().position(|r| r.key == key).unwrap_or(0))
    };
    let get = move |name: bool| {
        state.sample.with(|rows| {
            rows.iter()
                .find(|r| r.key == key)
                .map(|r| {
                    if name {
                        r.name.clone()
                    } else {
                        r.value.clone()
                    }
                })
                .unwrap_or_default()
        })
    };
    let set = move |name: bool, text: String| {
        state.sample.update(|rows| {
            if let Some(r) = rows.iter_mut().find(|r| r.key == key) {
                if name {
                    r.name = text;
                } else {
                    r.value = text;
                }
            }
        });
    };
    let remove = move |_| state.sample.update(|rows| rows.retain(|r| r.key != key));
    view! {
        <tr data-testid="sample-row">
            <td>
                <input type="text" class="slds-input editor-code" id=format!("sample-{key}-key") data-testid="sample-key"
                    autocomplete="off" spellcheck="false"
                    aria-label=move || text::sample_cell(true, position())
                    prop:value=move || get(true) on:input=move |e| set(true, event_target_value(&e)) />
            </td>
            <td>
                <input type="text" class="slds-input" data-testid="sample-value" autocomplete="off"
                    aria-label=move || text::sample_cell(false, position())
                    prop:value=move || get(false) on:input=move |e| set(false, event_target_value(&e)) />
            </td>
            <td>
                <button type="button" class="slds-button slds-button_text-destructive" data-testid="sample-remove"
                    aria-label=move || format!("{} {}", text::text(K::SampleRemove), text::sample_cell(true, position()))
                    on:click=remove>
                    {text::text(K::SampleRemove)}
                </button>
            </td>
        </tr>
    }
}

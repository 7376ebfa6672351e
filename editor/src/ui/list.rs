//! The attributes in order, one row each: name, label, display, problems, and the buttons that edit, move and delete it (keyboard focus follows the row).

use engine::config::Severity;
use engine::editor::{Checked, Editor};
use i18n::editor::{self as text, EditorKey as K};
use leptos::prelude::*;

use super::State;
use crate::bindings::page;

/// Element ids of a row's buttons, so focus can follow the row.
fn button_id(action: &str, key: u32) -> String {
    format!("attribute-{action}-{key}")
}

#[component]
pub fn AttributeList(state: State) -> impl IntoView {
    let keys = move || {
        state.editor.with(|e| {
            e.as_ref()
                .map(|e| e.drafts.iter().map(|d| d.key).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let add = move |_| {
        let mut added = None;
        state.edit(|e| {
            let row = e.add();
            added = Some(e.drafts[row].key);
        });
        state.selected.set(added);
        if let Some(key) = added {
            request_animation_frame(move || page::focus(&super::form::input_id(key, "name")));
        }
    };
    view! {
        <section class="slds-card editor-card" aria-labelledby="attributes-heading">
            <div class="slds-card__header">
                <h2 class="slds-card__header-title" id="attributes-heading">{text::text(K::Attributes)}</h2>
            </div>
            <div class="slds-card__body slds-card__body_inner">
                <Show when=move || !keys().is_empty() fallback=|| view! { <p class="editor-empty" data-testid="attributes-empty">{text::text(K::NoAttributes)}</p> }>
                    <ol class="editor-rows" data-testid="attribute-list">
                        <For each=keys key=|key| *key children=move |key| view! { <Row state=state key=key /> } />
                    </ol>
                </Show>
                <button type="button" id="attribute-add" class="slds-button slds-button_neutral slds-m-top_small" data-testid="attribute-add" on:click=add>
                    {text::text(K::Add)}
                </button>
            </div>
        </section>
    }
}

#[component]
fn Row(state: State, key: u32) -> impl IntoView {
    let draft = move |f: fn(&engine::editor::Draft) -> String| {
        state.editor.with(|e| {
            e.as_ref()
                .and_then(|e| e.drafts.iter().find(|d| d.key == key))
                .map(f)
                .unwrap_or_default()
        })
    };
    let row = move || {
        state
            .editor
            .with(|e| e.as_ref().and_then(|e| e.row_of(key)))
    };
    let count = move || {
        state
            .editor
            .with(|e| e.as_ref().map_or(0, |e| e.drafts.len()))
    };
    let name = move || draft(|d| d.name.clone());
    let shown_name = move || text::row_name(&name()).to_owned();
    let active = move || draft(|d| d.active.to_string()) == "true";
    let problems = move || {
        let row = row();
        state.checked.with(|c| match (c, row) {
            (Some(c), Some(row)) => counts(c, row),
            _ => (0, 0),
        })
    };
    let selected = move || state.selected.get() == Some(key);
    let moved = move |up: bool| {
        let Some(from) = state.row_of(key) else {
            return;
        };
        let mut to = None;
        state.edit(|e: &mut Editor| to = e.move_row(from, up));
        let Some(to) = to else {
            return;
        };
        // The same button again, or the other one once the row reaches an end.
        let last = state
            .editor
            .with_untracked(|e| e.as_ref().map_or(0, |e| e.drafts.len()))
            - 1;
        let action = match (up, to) {
            (true, 0) => "down",
            (false, t) if t == last => "up",
            (true, _) => "up",
            (false, _) => "down",
        };
        request_animation_frame(move || page::focus(&button_id(action, key)));
    };
    let delete = move |_| {
        let Some(row) = state.row_of(key) else {
            return;
        };
        state.edit(|e| e.remove(row));
        let next = state.editor.with_untracked(|e| {
            e.as_ref()
                .and_then(|e| e.drafts.get(row).or(e.drafts.last()).map(|d| d.key))
        });
        if state.selected.get_untracked() == Some(key) {
            state.selected.set(next);
        }
        let target = next.map_or_else(|| "attribute-add".to_owned(), |k| button_id("edit", k));
        request_animation_frame(move || page::focus(&target));
    };
    view! {
        <li
            class=move || { if selected() { "editor-row editor-row_selected" } else { "editor-row" } }
            data-testid="attribute-row"
            data-name=name
            aria-current=move || selected().then_some("true")
        >
            <span class="editor-row-position" aria-hidden="true">{move || row().map(|r| (r + 1).to_string())}</span>
            <span class="editor-row-text">
                <span class="editor-row-name" data-testid="attribute-row-name">{shown_name}</span>
                <span class="editor-row-label">{move || draft(|d| d.label.clone())}</span>
                <span class="editor-row-meta">
                    {move || text::choice_label(&draft(|d| d.display.clone())).to_owned()}
                    " · "
                    {move || text::choice_label(&draft(|d| d.kind.clone())).to_owned()}
                    {move || (!active()).then(|| view! { <span class="slds-badge editor-badge">{text::text(K::Inactive)}</span> })}
                </span>
                <span
                    class=move || { if problems().0 > 0 { "editor-row-problems editor-row-problems_error" } else { "editor-row-problems" } }
                    data-testid="attribute-row-problems"
                >
                    {move || { let (e, w) = problems(); text::problem_count(e, w) }}
                </span>
            </span>
            <span class="editor-row-actions">
                // Each button's name says which row it acts on; the visible text stays short.
                <button type="button" class="slds-button slds-button_neutral" id=button_id("edit", key) data-testid="attribute-edit"
                    aria-pressed=move || selected().to_string()
                    on:click=move |_| state.selected.set(Some(key))>
                    {move || if selected() { text::text(K::Editing) } else { text::text(K::Edit) }}
                    <span class="slds-assistive-text">{move || text::quoted(&name())}</span>
                </button>
                <button type="button" class="slds-button slds-button_neutral" id=button_id("up", key) data-testid="attribute-up"
                    title=text::text(K::MoveUp)
                    prop:disabled=move || row() == Some(0)
                    on:click=move |_| moved(true)>
                    <span aria-hidden="true">"↑"</span>
                    <span class="slds-assistive-text">{move || text::row_action(K::MoveUp, &name())}</span>
                </button>
                <button type="button" class="slds-button slds-button_neutral" id=button_id("down", key) data-testid="attribute-down"
                    title=text::text(K::MoveDown)
                    prop:disabled=move || row().is_some_and(|r| r + 1 >= count())
                    on:click=move |_| moved(false)>
                    <span aria-hidden="true">"↓"</span>
                    <span class="slds-assistive-text">{move || text::row_action(K::MoveDown, &name())}</span>
                </button>
                <button type="button" class="slds-button slds-button_text-destructive" id=button_id("delete", key) data-testid="attribute-delete"
                    on:click=delete>
                    {text::text(K::Delete)}
                    <span class="slds-assistive-text">{move || text::quoted(&name())}</span>
                </button>
            </span>
        </li>
    }
}

/// Errors and warnings of one row.
fn counts(checked: &Checked, row: usize) -> (usize, usize) {
    checked
        .of_row(row)
        .fold((0, 0), |(e, w), p| match p.severity {
            Severity::Error => (e + 1, w),
            Severity::Warning => (e, w + 1),
        })
}

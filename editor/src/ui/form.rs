//! The form of the selected attribute: every field the decoder reads, each with the problems the decoder finds in it right below.

use engine::config::Severity;
use engine::editor::{DISPLAY_VALUES, Draft, FIELDS, Field, TYPE_VALUES};
use i18n::editor::{self as text, EditorKey as K};
use leptos::prelude::*;

use super::State;

/// The id of a field's input for the row with this key.
pub fn input_id(key: u32, field: &str) -> String {
    format!("attribute-{key}-{field}")
}

#[component]
pub fn AttributeForm(state: State) -> impl IntoView {
    // Rebuilt only when another row is selected, so typing never loses the focus.
    let form = move || match state.selected.get() {
        Some(key) if state.row_of(key).is_some() => {
            view! { <Fields state=state key=key /> }.into_any()
        }
        _ => view! { <p class="editor-empty">{text::text(K::NothingSelected)}</p> }.into_any(),
    };
    view! {
        <section class="slds-card editor-card" aria-labelledby="form-heading" data-testid="attribute-form">
            <div class="slds-card__header">
                <h2 class="slds-card__header-title" id="form-heading">{text::text(K::EditHeading)}</h2>
            </div>
            <div class="slds-card__body slds-card__body_inner">{form}</div>
        </section>
    }
}

#[component]
fn Fields(state: State, key: u32) -> impl IntoView {
    let active_id = input_id(key, "active");
    let active = move || read(state, key, |d| d.active);
    view! {
        <div class="slds-form editor-form" role="group" aria-labelledby="form-heading">
            {FIELDS.iter().map(|field| view! { <FieldInput state=state key=key field=*field /> }).collect_view()}
            <div class="slds-form-element">
                <div class="slds-form-element__control editor-check">
                    <input
                        type="checkbox"
                        id=active_id.clone()
                        data-testid="field-active"
                        aria-describedby=format!("{active_id}-help")
                        prop:checked=active
                        on:change=move |event| {
                            let on = event_target_checked(&event);
                            if let Some(row) = state.row_of(key) {
                                state.edit(|e| e.drafts[row].active = on);
                            }
                        }
                    />
                    <label class="slds-form-element__label" for=active_id.clone()>{text::text(K::Active)}</label>
                </div>
                <div class="editor-help editor-field-help" id=format!("{active_id}-help")>{text::text(K::ActiveHelp)}</div>
            </div>
        </div>
    }
}

/// A value of the draft with this key (tracked).
fn read<T: Default>(state: State, key: u32, f: impl Fn(&Draft) -> T) -> T {
    state.editor.with(|e| {
        e.as_ref()
            .and_then(|e| e.drafts.iter().find(|d| d.key == key))
            .map(f)
            .unwrap_or_default()
    })
}

#[component]
fn FieldInput(state: State, key: u32, field: Field) -> impl IntoView {
    let id = input_id(key, field.key());
    let help_id = format!("{id}-help");
    let problems_id = format!("{id}-problems");
    let value = move || read(state, key, |d| d.get(field).to_owned());
    let problems = move || {
        let row = state
            .editor
            .with(|e| e.as_ref().and_then(|e| e.row_of(key)));
        state.checked.with(|c| match (c, row) {
            (Some(c), Some(row)) => c.of(row, field).cloned().collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    };
    let has_error = move || problems().iter().any(|p| p.severity == Severity::Error);
    let set = move |value: String| {
        if let Some(row) = state.row_of(key) {
            state.edit(|e| e.drafts[row].set(field, value));
        }
    };
    let help = text::field_help(field);
    let described = if help.is_some() {
        format!("{help_id} {problems_id}")
    } else {
        problems_id.clone()
    };
    let testid = format!("field-{}", field.key());
    let control = match field {
        Field::Display | Field::Type => {
            let choices = if field == Field::Display { DISPLAY_VALUES } else { TYPE_VALUES };
            view! {
                <div class="slds-select_container">
                    <select class="slds-select" id=id.clone() data-testid=testid aria-describedby=described
                        aria-invalid=move || has_error().to_string()
                        prop:value=value
                        on:change=move |event| set(event_target_value(&event))>
                        {choices.iter().map(|choice| view! {
                            <option value=*choice selected=move || value() == *choice>{text::choice_label(choice).to_owned()}</option>
                        }).collect_view()}
                    </select>
                </div>
            }
            .into_any()
        }
        Field::Format => view! {
            <textarea class="slds-textarea editor-code" id=id.clone() data-testid=testid aria-describedby=described rows="2"
                spellcheck="false" maxlength=field.max_length().to_string()
                aria-invalid=move || has_error().to_string()
                prop:value=value
                on:input=move |event| set(event_target_value(&event))></textarea>
        }
        .into_any(),
        _ => view! {
            <input type="text" class="slds-input" id=id.clone() data-testid=testid aria-describedby=described
                autocomplete="off" spellcheck="false" maxlength=field.max_length().to_string()
                class:editor-code=matches!(field, Field::Style | Field::Name)
                aria-invalid=move || has_error().to_string()
                prop:value=value
                on:input=move |event| set(event_target_value(&event)) />
        }
        .into_any(),
    };
    view! {
        <div class=move || { if has_error() { "slds-form-element slds-has-error" } else { "slds-form-element" } }>
            <label class="slds-form-element__label" for=id.clone()>{text::field_label(field)}</label>
            <div class="slds-form-element__control">{control}</div>
            {help.map(|help| view! { <div class="editor-help editor-field-help" id=help_id.clone()>{help}</div> })}
            <ul class="editor-problems" id=problems_id.clone() data-testid=format!("problems-{}", field.key()) aria-live="polite">
                {move || problems().into_iter().map(|p| {
                    let class = match p.severity {
                        Severity::Error => "slds-form-element__help editor-problem editor-problem_error",
                        Severity::Warning => "slds-form-element__help editor-problem editor-problem_warning",
                    };
                    view! { <li class=class data-testid="field-problem">{text::problem(&p)}</li> }
                }).collect_view()}
            </ul>
        </div>
    }
}

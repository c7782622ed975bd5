//! The admin page's security questions: how many people register and answer, which
//! built-in questions are offered, and the organization's own (a text per language).

use super::{number, FieldError};
use crate::client;
use crate::i18n::{t, t_args, tr};
use api::TenantSettings;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Built-in question texts in the page's language, from `questions.ftl`.
async fn builtin_texts() -> Vec<(String, String)> {
    let text = client::asset(&format!("/locales/{}/questions.ftl", crate::i18n::lang())).await.unwrap_or_default();
    text.lines()
        .filter_map(|l| l.strip_prefix("question-")?.split_once(" = "))
        .map(|(id, q)| (id.to_string(), q.to_string()))
        .collect()
}

#[component]
pub(super) fn QuestionSettings(
    settings: RwSignal<Option<TenantSettings>>,
    refused: RwSignal<Option<(&'static str, String)>>,
) -> impl IntoView {
    let texts = RwSignal::new(Vec::<(String, String)>::new());
    spawn_local(async move { texts.set(builtin_texts().await) });
    let edit = move |f: &dyn Fn(&mut api::policy::Questions)| {
        settings.update(|s| {
            if let Some(s) = s {
                f(&mut s.policy.questions)
            }
        })
    };
    let get = move || settings.get().map(|s| s.policy.questions).unwrap_or_default();
    let add = move |_| {
        let id = format!("custom-{:08x}", (js_sys::Math::random() * f64::from(u32::MAX)) as u32);
        let text = api::LANGUAGES.iter().map(|l| (l.to_string(), String::new())).collect();
        edit(&|q| q.custom.push(api::policy::CustomQuestion { id: id.clone(), text: Clone::clone(&text) }));
    };
    view! {
        <fieldset>
            <legend>{tr("admin-questions")}</legend>
            <div class="field">
                <label for="questions-register">{tr("admin-questions-register")}</label>
                <input id="questions-register" type="number" min="3" max="5" class="short" prop:value=move || get().register.to_string()
                    aria-describedby="questions-register-error"
                    aria-invalid=move || refused.get().is_some_and(|(f, _)| f == "questions-register").to_string()
                    on:change=move |ev| edit(&|q| q.register = number(&ev))/>
                <FieldError field="questions-register" refused=refused/>
            </div>
            <div class="field">
                <label for="questions-answer">{tr("admin-questions-answer")}</label>
                <input id="questions-answer" type="number" min="1" max="5" class="short" prop:value=move || get().answer.to_string()
                    on:change=move |ev| edit(&|q| q.answer = number(&ev))/>
            </div>
            <fieldset class="nested">
                <legend>{tr("admin-questions-builtin")}</legend>
                {move || texts.get().into_iter().map(|(id, text)| {
                    let input_id = format!("builtin-{id}");
                    let label_for = input_id.clone();
                    let (checked_id, toggled_id) = (id.clone(), id.clone());
                    view! {
                        <label class="check" for=label_for>
                            <input type="checkbox" id=input_id prop:checked=move || get().builtin.contains(&checked_id)
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let id = toggled_id.clone();
                                    edit(&|q| { q.builtin.retain(|b| *b != id); if on { q.builtin.push(id.clone()); } });
                                }/>
                            {text}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset class="nested">
                <legend>{tr("admin-questions-custom")}</legend>
                {move || get().custom.into_iter().enumerate().map(|(i, c)| view! {
                    <div class="custom-question">
                        {api::LANGUAGES.iter().map(|lang| {
                            let lang = lang.to_string();
                            let id = format!("custom-{i}-{lang}");
                            let label_for = id.clone();
                            let value = c.text.get(&lang).cloned().unwrap_or_default();
                            let label = t_args("admin-questions-text", &[("language", t(&format!("language-{lang}")).into())]);
                            view! {
                                <div class="field">
                                    <label for=label_for>{label}</label>
                                    <input id=id type="text" maxlength="200" prop:value=value
                                        on:change=move |ev| { let v = event_target_value(&ev); let lang = lang.clone(); edit(&|q| { if let Some(c) = q.custom.get_mut(i) { c.text.insert(lang.clone(), v.clone()); } }); }/>
                                </div>
                            }
                        }).collect_view()}
                        <button type="button" class="link danger" on:click=move |_| edit(&|q| { if i < q.custom.len() { q.custom.remove(i); } })>
                            {tr("admin-questions-remove")}
                        </button>
                    </div>
                }).collect_view()}
                <button type="button" on:click=add>{tr("admin-questions-add")}</button>
            </fieldset>
        </fieldset>
    }
}

//! "+ Add method" → Security questions (and "Change" on its row): pick the number of
//! questions the organization asks, from its list, each once, and answer them.
//! Answers are never shown again; saving replaces the earlier ones.

use crate::app::ctx;
use crate::client;
use crate::form::Submission;
use crate::i18n::{t, t_args, tr};
use api::endpoints;
use api::{Answer, QuestionChoices, SetAnswers};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn QuestionsFlow(on_close: Callback<()>, on_added: Callback<String>) -> impl IntoView {
    let ctx = ctx();
    let choices = RwSignal::new(None::<QuestionChoices>);
    let load_error = RwSignal::new(None::<String>);
    // One (question id, answer) per slot.
    let picked = RwSignal::new(Vec::<(String, String)>::new());
    spawn_local(async move {
        match client::call(&endpoints::SECURITY_QUESTIONS, &()).await {
            Ok(c) => {
                picked.set(vec![(String::new(), String::new()); usize::from(c.register)]);
                choices.set(Some(c));
            }
            Err(f) => load_error.set(Some(ctx.handle(&f))),
        }
    });
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let answers =
            picked.get_untracked().into_iter().map(|(question_id, answer)| Answer { question_id, answer }).collect();
        spawn_local(async move {
            match client::call(&endpoints::SET_ANSWERS, &SetAnswers { answers }).await {
                Ok(_) => {
                    form.done();
                    on_added.run(t("questions-added"));
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    let slots = move || choices.get().map(|c| (0..usize::from(c.register)).collect::<Vec<_>>()).unwrap_or_default();
    view! {
        <h2 id="add-title">{tr("method-security-questions")}</h2>
        <p class="error" role="alert">{move || load_error.get()}</p>
        <Show when=move || choices.get().is_some() fallback=move || view! {
            <Show when=move || load_error.get().is_none()><p class="loading" aria-busy="true">{tr("loading")}</p></Show>
        }>
            <p>{move || t_args("questions-intro", &[("count", choices.get().map_or(0, |c| c.register).into())])}</p>
            <form on:submit=submit novalidate>
                {move || slots().into_iter().map(|i| {
                    let select_id = format!("question-{i}");
                    let answer_id = format!("answer-{i}");
                    let (select_for, answer_for) = (select_id.clone(), answer_id.clone());
                    // A question chosen in another slot is not offered again.
                    let available = move || {
                        let taken: Vec<String> = picked.get().iter().enumerate().filter(|(j, _)| *j != i).map(|(_, p)| p.0.clone()).collect();
                        choices.get().map(|c| c.questions).unwrap_or_default().into_iter().filter(move |q| !taken.contains(&q.id)).collect::<Vec<_>>()
                    };
                    view! {
                        <fieldset class="question">
                            <legend>{move || t_args("questions-number", &[("number", (i + 1).into())])}</legend>
                            <div class="field">
                                <label for=select_for>{tr("questions-choose")}</label>
                                <select id=select_id required on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    picked.update(|p| p[i].0 = v);
                                }>
                                    <option value="" selected=move || picked.get()[i].0.is_empty()>{tr("questions-select")}</option>
                                    {move || available().into_iter().map(|q| {
                                        let id = q.id.clone();
                                        view! { <option value=q.id selected=move || picked.get()[i].0 == id>{q.text}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for=answer_for>{tr("questions-answer")}</label>
                                <input id=answer_id type="text" autocomplete="off" spellcheck="false" required
                                    prop:value=move || picked.get()[i].1.clone()
                                    on:input=move |ev| { let v = event_target_value(&ev); picked.update(|p| p[i].1 = v); }/>
                            </div>
                        </fieldset>
                    }
                }).collect_view()}
                <p class="hint">{move || t_args("questions-hint", &[("length", choices.get().map_or(3, |c| c.min_length).into())])}</p>
                <p class="error" role="alert">{move || error.get()}</p>
                <div class="actions">
                    <button type="button" on:click=move |_| on_close.run(())>{tr("cancel")}</button>
                    <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                        {tr("totp-done")}
                    </button>
                </div>
            </form>
        </Show>
    }
}

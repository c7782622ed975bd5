//! Ways to prove a reset step beside a code: a call, security questions, a key.

use crate::app::pause;
use crate::client::{self, Failure};
use crate::form::Submission;
use crate::i18n::{t, tr};
use crate::webauthn;
use api::endpoints;
use api::{Answer, Question, ResetAnswers, ResetOption, ResetProgress, ResetStep, SecurityKeyChallenge};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// "Call me": the phone rings, the user presses `#`; the page asks every two
/// seconds how it went.
#[component]
pub(super) fn CallStep(
    ticket: String,
    option: ResetOption,
    on_passed: Callback<ResetProgress>,
    on_back: Callback<()>,
) -> impl IntoView {
    let call = RwSignal::new(None::<api::CallStarted>);
    let failed = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let step = ResetStep { ticket: ticket.clone(), option_id: option.id.clone() };
    let start = move || {
        let step = step.clone();
        failed.set(false);
        error.set(None);
        spawn_local(async move {
            match client::call(&endpoints::RESET_CALL, &step).await {
                Ok(started) => {
                    let check = api::ResetCallCheck {
                        ticket: step.ticket.clone(),
                        option_id: step.option_id.clone(),
                        call_id: started.call_id.clone(),
                    };
                    call.set(Some(started));
                    loop {
                        pause(2000).await;
                        match client::call(&endpoints::RESET_CALL_STATUS, &check).await {
                            Ok(api::ResetCallStatus { progress: Some(p), .. }) => return on_passed.run(p),
                            Ok(api::ResetCallStatus { state: api::CallState::Calling, .. }) => continue,
                            Ok(_) => {
                                failed.set(true);
                                return call.set(None);
                            }
                            Err(f) => {
                                error.set(Some(f.message()));
                                return call.set(None);
                            }
                        }
                    }
                }
                Err(f) => error.set(Some(f.message())),
            }
        });
    };
    start();
    let again = start.clone();
    view! {
        {move || call.get().map(|c| view! {
            <crate::phone::CallDigits number=c.masked_number digits=c.digits/>
            <p class="loading" aria-busy="true">{tr("phone-call-waiting")}</p>
        })}
        <Show when=move || failed.get()><p class="error" role="alert">{tr("phone-call-failed")}</p></Show>
        <p class="error" role="alert">{move || error.get()}</p>
        <div class="actions">
            <button type="button" on:click=move |_| on_back.run(())>{tr("code-back")}</button>
            <Show when=move || failed.get() || error.get().is_some()>
                <button type="button" class="primary" on:click={let again = again.clone(); move |_| again()}>{tr("phone-try-again")}</button>
            </Show>
        </div>
    }
}

#[component]
pub(super) fn AnswerQuestions(
    ticket: String,
    option: ResetOption,
    on_passed: Callback<ResetProgress>,
    on_back: Callback<()>,
) -> impl IntoView {
    let questions = RwSignal::new(Vec::<Question>::new());
    let given = RwSignal::new(Vec::<String>::new());
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    {
        let step = ResetStep { ticket: ticket.clone(), option_id: option.id.clone() };
        spawn_local(async move {
            match client::call(&endpoints::RESET_QUESTIONS, &step).await {
                Ok(q) => {
                    given.set(vec![String::new(); q.len()]);
                    questions.set(q);
                }
                Err(f) => error.set(Some(f.message())),
            }
        });
    }
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let answers = questions
            .get_untracked()
            .into_iter()
            .zip(given.get_untracked())
            .map(|(q, answer)| Answer { question_id: q.id, answer })
            .collect();
        let body = ResetAnswers { ticket: ticket.clone(), option_id: option.id.clone(), answers };
        spawn_local(async move {
            match client::call(&endpoints::RESET_ANSWERS, &body).await {
                Ok(p) => {
                    form.done();
                    on_passed.run(p);
                }
                Err(f) => form.fail(f.message()),
            }
        });
    };
    view! {
        <form on:submit=submit novalidate>
            {move || questions.get().into_iter().enumerate().map(|(i, q)| {
                let id = format!("reset-answer-{i}");
                let label_for = id.clone();
                view! {
                    <div class="field">
                        <label for=label_for>{q.text}</label>
                        <input id=id type="text" autocomplete="off" spellcheck="false" required
                            on:input=move |ev| { let v = event_target_value(&ev); given.update(|g| g[i] = v); }/>
                    </div>
                }
            }).collect_view()}
            <p class="error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button type="button" on:click=move |_| on_back.run(())>{tr("code-back")}</button>
                <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>{tr("verify-button")}</button>
            </div>
        </form>
    }
}

#[component]
pub(super) fn UseKey(
    ticket: String,
    option: ResetOption,
    on_passed: Callback<ResetProgress>,
    on_back: Callback<()>,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let start = move |_| {
        let step = ResetStep { ticket: ticket.clone(), option_id: option.id.clone() };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = async {
                let options: SecurityKeyChallenge =
                    client::call(&endpoints::RESET_KEY, &step).await.map_err(|f| f.message())?;
                let credential = webauthn::sign(&options.public_key, None).await.map_err(|p| t(p.message_id()))?;
                let proof = api::ResetKeyProof { ticket: step.ticket, challenge_id: options.challenge_id, credential };
                client::call(&endpoints::RESET_KEY_VERIFY, &proof).await.map_err(|f: Failure| f.message())
            }
            .await;
            match result {
                Ok(p) => on_passed.run(p),
                Err(message) => error.set(Some(message)),
            }
            busy.set(false);
        });
    };
    view! {
        <p>{tr("reset-key-prompt")}</p>
        <p class="status" role="status" aria-live="polite">{move || busy.get().then(|| t("key-waiting"))}</p>
        <p class="error" role="alert">{move || error.get()}</p>
        <div class="actions">
            <button type="button" on:click=move |_| on_back.run(())>{tr("code-back")}</button>
            <button type="button" class="primary" disabled=move || busy.get() on:click=start>{tr("verify-use-key")}</button>
        </div>
    }
}

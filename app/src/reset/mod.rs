//! "Forgot my password": who you are (after a proof of work the browser does),
//! verification with as many methods as the organization asks, a new password.

mod steps;

use crate::app::ctx;
use crate::client::{self, Failure};
use crate::form::{CodeField, Submission};
use crate::i18n::{t, t_args, tr};
use crate::nav::Link;
use api::endpoints;
use api::{
    MethodKind, NewPassword, PendingVerification, ResetCode, ResetOption, ResetProgress, ResetStarted, ResetStep,
    StartReset, WorkChallenge,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use steps::{AnswerQuestions, CallStep, UseKey};

#[derive(Clone, PartialEq)]
enum Stage {
    Account,
    Verify(ResetStarted),
    Password(String),
    Done,
}

fn option_label(o: &ResetOption) -> String {
    let key = match o.kind {
        MethodKind::Email => "reset-option-email",
        MethodKind::Phone => "reset-option-phone",
        MethodKind::AlternatePhone => "reset-option-alternate",
        MethodKind::AuthenticatorApp => "reset-option-app",
        MethodKind::SecurityKey => "reset-option-key",
        MethodKind::RecoveryCodes => "reset-option-recovery",
        _ => "reset-option-questions",
    };
    t_args(key, &[("label", o.label.clone().into())])
}

#[component]
pub fn ResetPage() -> impl IntoView {
    let stage = RwSignal::new(Stage::Account);
    view! {
        <section class="card signin" aria-labelledby="reset-title">
            <h1 id="reset-title">{tr("reset-title")}</h1>
            {move || match stage.get() {
                Stage::Account => view! { <AccountStep stage=stage/> }.into_any(),
                Stage::Verify(started) => view! { <VerifyStep started=started stage=stage/> }.into_any(),
                Stage::Password(ticket) => view! { <PasswordStep ticket=ticket stage=stage/> }.into_any(),
                Stage::Done => view! {
                    <p role="status">{tr("reset-done")}</p>
                    <p><Link href="/signin">{tr("sign-in-button")}</Link></p>
                }
                .into_any(),
            }}
        </section>
    }
}

#[component]
fn AccountStep(stage: RwSignal<Stage>) -> impl IntoView {
    let username = RwSignal::new(String::new());
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let progress = RwSignal::new(0u8);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        progress.set(0);
        spawn_local(async move {
            let result = async {
                let work: WorkChallenge = client::call(&endpoints::RESET_CHALLENGE, &()).await?;
                let name = username.get_untracked();
                let nonce = solve(&work, &name, progress).await?;
                let body = StartReset { username: name, challenge: work.challenge, nonce };
                client::call(&endpoints::RESET_START, &body).await
            }
            .await;
            match result {
                Ok(started) => {
                    form.done();
                    stage.set(Stage::Verify(started));
                }
                Err(f) => form.fail(f.message()),
            }
        });
    };
    view! {
        <p>{tr("reset-intro")}</p>
        <form on:submit=submit novalidate>
            <div class="field">
                <label for="reset-username">{tr("username-label")}</label>
                <input id="reset-username" type="text" autocomplete="username" required autofocus autocapitalize="off"
                    spellcheck="false" aria-describedby="reset-error" aria-invalid=move || error.get().is_some().to_string()
                    prop:value=username on:input=move |ev| username.set(event_target_value(&ev))/>
            </div>
            <Show when=move || busy.get()>
                <p class="hint work">
                    <label for="reset-work">{tr("reset-working")}</label>
                    <progress id="reset-work" max="100" value=move || progress.get()></progress>
                </p>
            </Show>
            <p id="reset-error" class="error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <Link href="/signin" class="button">{tr("cancel")}</Link>
                <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { t("reset-checking") } else { t("totp-next") }}
                </button>
            </div>
        </form>
    }
}

/// The proof of work, in a Web Worker (`work.js`) so the page stays responsive;
/// `progress` (0–100) follows its reports: the chance it would have been done by now.
async fn solve(work: &WorkChallenge, username: &str, progress: RwSignal<u8>) -> Result<u64, Failure> {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let worker = web_sys::Worker::new("/work.js").map_err(|_| Failure::Network)?;
    let expected = 2f64.powi(i32::try_from(work.bits).unwrap_or(18));
    let field = |data: &JsValue, name: &str| js_sys::Reflect::get(data, &name.into()).ok().and_then(|v| v.as_f64());
    let answer = js_sys::Promise::new(&mut |resolve, reject| {
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data = ev.data();
            if let Some(nonce) = field(&data, "nonce") {
                let _ = resolve.call1(&JsValue::NULL, &nonce.into());
            } else if let Some(tried) = field(&data, "tried") {
                // At most 99 until it is done: the work has no fixed length.
                let _ = progress.try_set(((1.0 - (-tried / expected).exp()) * 100.0).min(99.0) as u8);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(&reject));
        // One small closure per reset attempt: it must outlive this function.
        on_message.forget();
    });
    let task = js_sys::Object::new();
    for (name, value) in
        [("challenge", JsValue::from_str(&work.challenge)), ("username", username.into()), ("bits", work.bits.into())]
    {
        let _ = js_sys::Reflect::set(&task, &name.into(), &value);
    }
    worker.post_message(&task).map_err(|_| Failure::Network)?;
    let nonce = wasm_bindgen_futures::JsFuture::from(answer).await;
    worker.terminate();
    let nonce = nonce.ok().and_then(|n| n.as_f64()).ok_or(Failure::Network)?;
    progress.set(100);
    Ok(nonce as u64)
}

#[component]
fn VerifyStep(started: ResetStarted, stage: RwSignal<Stage>) -> impl IntoView {
    let passed = RwSignal::new(Vec::<String>::new());
    let chosen = RwSignal::new(None::<ResetOption>);
    let ticket = started.ticket.clone();
    let required = started.required;
    let options = started.options.clone();
    let progressed = Callback::new({
        let ticket = ticket.clone();
        move |p: ResetProgress| {
            chosen.set(None);
            if p.passed.len() >= usize::from(p.required) {
                stage.set(Stage::Password(ticket.clone()));
            } else {
                passed.set(p.passed);
            }
        }
    });
    let remaining = move || options.iter().filter(|o| !passed.get().contains(&o.id)).cloned().collect::<Vec<_>>();
    view! {
        <p class="hint">{tr("reset-if-exists")}</p>
        <p class="progress">{move || t_args("reset-step", &[("step", (passed.get().len() + 1).into()), ("total", required.into())])}</p>
        {move || match chosen.get() {
            None => view! {
                <fieldset class="choices">
                    <legend>{tr("reset-choose")}</legend>
                    {remaining().into_iter().map(|o| {
                        let label = option_label(&o);
                        view! { <button type="button" class="choice" on:click=move |_| chosen.set(Some(o.clone()))>{label}</button> }
                    }).collect_view()}
                </fieldset>
            }
            .into_any(),
            Some(o) => {
                let back = Callback::new(move |_| chosen.set(None));
                let ticket = ticket.clone();
                match o.kind {
                    MethodKind::SecurityQuestions => view! { <AnswerQuestions ticket=ticket option=o on_passed=progressed on_back=back/> }.into_any(),
                    MethodKind::SecurityKey => view! { <UseKey ticket=ticket option=o on_passed=progressed on_back=back/> }.into_any(),
                    MethodKind::AlternatePhone => view! { <CallStep ticket=ticket option=o on_passed=progressed on_back=back/> }.into_any(),
                    _ => view! { <EnterCode ticket=ticket option=o on_passed=progressed on_back=back/> }.into_any(),
                }
            }
        }}
    }
}

/// Email, text message (sent first; a phone may also be called) or authenticator app.
#[component]
fn EnterCode(
    ticket: String,
    option: ResetOption,
    on_passed: Callback<ResetProgress>,
    on_back: Callback<()>,
) -> impl IntoView {
    let calling = RwSignal::new(false);
    move || {
        let (ticket, option) = (ticket.clone(), option.clone());
        if calling.get() {
            let back = Callback::new(move |_| calling.set(false));
            view! { <CallStep ticket=ticket option=option on_passed=on_passed on_back=back/> }.into_any()
        } else {
            let call = Callback::new(move |_| calling.set(true));
            view! { <CodeEntry ticket=ticket option=option on_passed=on_passed on_back=on_back on_call=call/> }
                .into_any()
        }
    }
}

#[component]
fn CodeEntry(
    ticket: String,
    option: ResetOption,
    on_passed: Callback<ResetProgress>,
    on_back: Callback<()>,
    on_call: Callback<()>,
) -> impl IntoView {
    let sent = RwSignal::new(None::<PendingVerification>);
    let recovery = option.kind == MethodKind::RecoveryCodes;
    let needs_send = option.kind != MethodKind::AuthenticatorApp && !recovery;
    let code = RwSignal::new(String::new());
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let step = ResetStep { ticket: ticket.clone(), option_id: option.id.clone() };
    let send = move |_| {
        let step = step.clone();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match client::call(&endpoints::RESET_SEND, &step).await {
                Ok(p) => sent.set(Some(p)),
                Err(f) => error.set(Some(f.message())),
            }
            busy.set(false);
        });
    };
    let option_id = option.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let body = ResetCode {
            ticket: ticket.clone(),
            option_id: option_id.clone(),
            code: code.get_untracked(),
            challenge_id: sent.get_untracked().map(|p| p.challenge_id),
        };
        spawn_local(async move {
            match client::call(&endpoints::RESET_VERIFY, &body).await {
                Ok(p) => {
                    form.done();
                    on_passed.run(p);
                }
                Err(f) => {
                    code.set(String::new());
                    form.fail(f.message());
                }
            }
        });
    };
    let send_label = if option.kind == MethodKind::Email { "reset-send-email" } else { "reset-send-text" };
    let is_phone = option.kind == MethodKind::Phone;
    view! {
        <Show when=move || !needs_send || sent.get().is_some() fallback=move || view! {
            <p>{let option = option.clone(); move || option_label(&option)}</p>
            <p class="error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button type="button" on:click=move |_| on_back.run(())>{tr("code-back")}</button>
                {is_phone.then(|| view! {
                    <button type="button" on:click=move |_| on_call.run(())>{tr("phone-call-me")}</button>
                })}
                <button type="button" class="primary" disabled=move || busy.get() on:click=send.clone()>{move || t(send_label)}</button>
            </div>
        }>
            <form on:submit=submit.clone() novalidate>
                <p>{move || match sent.get() {
                    Some(p) => t_args("reset-code-sent", &[("destination", p.masked_destination.into())]),
                    None if recovery => t("verify-recovery-prompt"),
                    None => t("verify-code-label"),
                }}</p>
                {if recovery {
                    view! { <CodeField id="reset-recovery" label="recovery-code-label" hint="recovery-code-hint" value=code error=error recovery=true/> }.into_any()
                } else {
                    view! { <CodeField id="reset-code" label="code-label" value=code error=error/> }.into_any()
                }}
                <div class="actions">
                    <button type="button" on:click=move |_| on_back.run(())>{tr("code-back")}</button>
                    <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>{tr("verify-button")}</button>
                </div>
            </form>
        </Show>
    }
}

#[component]
fn PasswordStep(ticket: String, stage: RwSignal<Stage>) -> impl IntoView {
    let ctx = ctx();
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        if password.get_untracked() != confirm.get_untracked() {
            form.fail(t("reset-mismatch"));
            return;
        }
        let body = NewPassword { ticket: ticket.clone(), password: password.get_untracked() };
        spawn_local(async move {
            match client::call(&endpoints::RESET_PASSWORD, &body).await {
                Ok(()) => {
                    form.done();
                    ctx.signed_out();
                    stage.set(Stage::Done);
                }
                Err(f) => form.fail(f.message()),
            }
        });
    };
    view! {
        <p>{tr("reset-new-intro")}</p>
        <form on:submit=submit novalidate>
            <div class="field">
                <label for="new-password">{tr("reset-new-password")}</label>
                <input id="new-password" type="password" autocomplete="new-password" required autofocus minlength="8"
                    aria-describedby="new-password-hint reset-password-error" aria-invalid=move || error.get().is_some().to_string()
                    prop:value=password on:input=move |ev| password.set(event_target_value(&ev))/>
                <p id="new-password-hint" class="hint">{tr("reset-password-hint")}</p>
            </div>
            <div class="field">
                <label for="confirm-password">{tr("reset-confirm-password")}</label>
                <input id="confirm-password" type="password" autocomplete="new-password" required
                    aria-describedby="reset-password-error" aria-invalid=move || error.get().is_some().to_string()
                    prop:value=confirm on:input=move |ev| confirm.set(event_target_value(&ev))/>
            </div>
            <p id="reset-password-error" class="error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>{tr("reset-finish")}</button>
            </div>
        </form>
    }
}

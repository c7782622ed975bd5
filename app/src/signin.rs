//! Sign in with username and password.

use crate::app::ctx;
use crate::client;
use crate::form::Submission;
use crate::i18n::{t, t_args, tr};
use crate::nav::{self, Link};
use crate::security_key::{message, prove, Problem};
use crate::webauthn;
use api::endpoints;
use api::{AccessPassSignIn, Session, SignIn};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::RefCell;

/// Why the sign-in page shows again, set where the session ended: a Fluent id to
/// say, the name to fill in and the page to go back to.
struct Return {
    notice: &'static str,
    username: Option<String>,
    path: Option<String>,
}

thread_local! {
    static RETURN: RefCell<Option<Return>> = const { RefCell::new(None) };
}

/// The sign-in page will say `notice` (e.g. after "Sign out everywhere").
pub fn say_on_sign_in(notice: &'static str) {
    RETURN.with(|r| *r.borrow_mut() = Some(Return { notice, username: None, path: None }));
}

/// A session ended under the user's feet: the sign-in page says so, has their name
/// filled in, and goes back to `path` after (what they typed in a form there is
/// not kept: it may be a secret).
pub fn session_ended(username: String, path: String) {
    let path = (path != "/signin").then_some(path);
    RETURN.with(|r| *r.borrow_mut() = Some(Return { notice: "session-ended", username: Some(username), path }));
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let ctx = ctx();
    let asked = crate::continuation::from_query();
    // An app asked for a new sign-in: the current session ends first.
    let relogin = StoredValue::new(asked.login);
    let back = RETURN.with(|r| r.borrow_mut().take());
    let notice = back.as_ref().map(|b| b.notice);
    let return_to = StoredValue::new(back.as_ref().and_then(|b| b.path.clone()).unwrap_or_else(|| "/".to_string()));
    // Already signed in (or just signed in): go to Security info (or back where
    // the session ended).
    Effect::new(move |_| {
        if ctx.session.get().is_none() {
            return;
        }
        if relogin.get_value() {
            relogin.set_value(false);
            spawn_local(async move {
                let _ = client::call(&endpoints::SIGN_OUT, &()).await;
                ctx.signed_out();
            });
        } else {
            nav::go(&return_to.get_value());
        }
    });
    let username = RwSignal::new(asked.login_hint.or(back.and_then(|b| b.username)).unwrap_or_default());
    let password = RwSignal::new(String::new());
    // Signing in with a Temporary Access Pass instead of the password.
    let with_pass = RwSignal::new(false);
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let tenant = move || ctx.config.get().map(|c| c.tenant_name).unwrap_or_default();
    let signed_in = move |session: Session| {
        client::set_csrf(&session.csrf_token);
        ctx.session.set(Some(session));
    };

    // Passkeys: offered in the username field's autofill where the browser can (the
    // request waits there until one is picked), and by a button everywhere.
    let waiting = StoredValue::new_local(None::<web_sys::AbortController>);
    spawn_local(async move {
        if !webauthn::conditional_available().await {
            return;
        }
        let Ok(controller) = web_sys::AbortController::new() else { return };
        let signal = controller.signal();
        waiting.set_value(Some(controller));
        match prove(&endpoints::PASSKEY, &endpoints::PASSKEY_VERIFY, Some(&signal)).await {
            Ok(session) => signed_in(session),
            Err(Problem::Api(f)) => error.set(Some(f.message())),
            // Aborted for the button or by leaving the page.
            Err(Problem::Browser(_)) => {}
        }
    });
    let stop_waiting = move || {
        if let Some(controller) = waiting.try_get_value().flatten() {
            controller.abort();
        }
    };
    on_cleanup(stop_waiting);
    let passkey = move |_| {
        stop_waiting();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match prove(&endpoints::PASSKEY, &endpoints::PASSKEY_VERIFY, None).await {
                Ok(session) => {
                    form.done();
                    signed_in(session);
                }
                Err(p) => form.fail(message(p, ctx)),
            }
        });
    };

    let chunks = crate::on_demand::chunks();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        // The second step comes next for most: fetch its code while the password is checked.
        if let Some(chunks) = chunks {
            spawn_local((chunks.preload_second_step)());
            leptos::task::spawn_local(crate::client::need_locale(crate::on_demand::CHUNK_STRINGS));
            let _ = crate::on_demand::need_styles();
        }
        let (username, secret) = (username.get_untracked(), password.get_untracked());
        spawn_local(async move {
            let answer = if with_pass.get_untracked() {
                client::call(&endpoints::SIGN_IN_WITH_PASS, &AccessPassSignIn { username, pass: secret }).await
            } else {
                client::call(&endpoints::SIGN_IN, &SignIn { username, password: secret }).await
            };
            match answer {
                Ok(session) => {
                    password.set(String::new());
                    form.done();
                    signed_in(session);
                }
                Err(f) => form.fail(f.message()),
            }
        });
    };

    view! {
        <section class="card signin" aria-labelledby="signin-title">
            <h1 id="signin-title">{tr("sign-in-title")}</h1>
            <p>{move || t_args("sign-in-intro", &[("tenant", tenant().into())])}</p>
            {notice.map(|key| view! { <p class="notice" role="status">{move || t(key)}</p> })}
            <form on:submit=submit novalidate>
                <div class="field">
                    <label for="username">{tr("username-label")}</label>
                    <input id="username" name="username" type="text" autocomplete="username webauthn" required
                        autocapitalize="off" spellcheck="false"
                        aria-invalid=move || error.get().is_some().to_string()
                        aria-describedby="signin-error"
                        prop:value=username on:input=move |ev| username.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="password">{move || if with_pass.get() { t("pass-label") } else { t("password-label") }}</label>
                    <input id="password" name="password" type="password" required
                        autocomplete=move || if with_pass.get() { "one-time-code" } else { "current-password" }
                        aria-invalid=move || error.get().is_some().to_string()
                        aria-describedby="signin-error"
                        prop:value=password on:input=move |ev| password.set(event_target_value(&ev))/>
                </div>
                <p id="signin-error" class="error" role="alert" aria-live="assertive">{move || error.get()}</p>
                <button type="submit" class="primary" aria-busy=move || busy.get().to_string() disabled=move || busy.get()>
                    {move || if busy.get() { t("signing-in") } else { t("sign-in-button") }}
                </button>
            </form>
            <div class="passkey">
                <button type="button" disabled=move || busy.get() on:click=passkey>{tr("signin-passkey")}</button>
            </div>
            <p class="forgot">
                <Link href="/reset">{tr("reset-link")}</Link>
                <Link href="/help">{tr("help-link")}</Link>
            </p>
            <p class="forgot">
                <button type="button" class="link" on:click=move |_| {
                    with_pass.update(|p| *p = !*p);
                    password.set(String::new());
                    error.set(None);
                }>
                    {move || if with_pass.get() { t("signin-with-password") } else { t("signin-with-pass") }}
                </button>
            </p>
        </section>
    }
}

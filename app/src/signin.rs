//! Sign in with username and password.

use crate::app::ctx;
use crate::client;
use crate::form::Submission;
use crate::i18n::{t, t_args};
use crate::nav::{self, Link};
use api::{paths, AccessPassSignIn, Session, SignIn};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SignInPage() -> impl IntoView {
    let ctx = ctx();
    // Already signed in (or just signed in): go to Security info.
    Effect::new(move |_| {
        if ctx.session.get().is_some() {
            nav::go("/");
        }
    });
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    // Signing in with a Temporary Access Pass instead of the password.
    let with_pass = RwSignal::new(false);
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let tenant = move || ctx.config.get().map(|c| c.tenant_name).unwrap_or_default();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let (username, secret) = (username.get_untracked(), password.get_untracked());
        spawn_local(async move {
            let answer = if with_pass.get_untracked() {
                client::post::<_, Session>(paths::SESSION_ACCESS_PASS, &AccessPassSignIn { username, pass: secret })
                    .await
            } else {
                client::post::<_, Session>(paths::SESSION, &SignIn { username, password: secret }).await
            };
            match answer {
                Ok(session) => {
                    client::set_csrf(&session.csrf_token);
                    password.set(String::new());
                    form.done();
                    ctx.session.set(Some(session));
                }
                Err(f) => form.fail(f.message()),
            }
        });
    };

    view! {
        <section class="card signin" aria-labelledby="signin-title">
            <h1 id="signin-title">{move || t("sign-in-title")}</h1>
            <p>{move || t_args("sign-in-intro", &[("tenant", tenant().into())])}</p>
            <form on:submit=submit novalidate>
                <div class="field">
                    <label for="username">{move || t("username-label")}</label>
                    <input id="username" name="username" type="text" autocomplete="username" required
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
            <p class="forgot"><Link href="/reset">{move || t("reset-link")}</Link></p>
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

//! "My Profile" (who is signed in, and the way to Security info, Recent activity,
//! Change password and Sign out everywhere) and "Change password" while signed in.

use crate::app::{ctx, require_full_session};
use crate::client;
use crate::dialog::Modal;
use crate::form::Submission;
use crate::i18n::{t, tr};
use crate::nav::Link;
use crate::reauth::ReauthHost;
use api::endpoints;
use api::ChangePassword;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let ctx = ctx();
    require_full_session();
    let confirming = RwSignal::new(false);
    let session = move || ctx.session.get();
    view! {
        <section class="page profile" aria-labelledby="page-title">
            <h1 id="page-title">{tr("profile-title")}</h1>
            {move || session().map(|s| {
                // The username is the work address where it is one.
                let email = s.username.contains('@').then(|| s.username.clone());
                view! {
                    <dl class="profile-facts">
                        <dt>{tr("profile-name")}</dt><dd>{s.display_name.clone()}</dd>
                        <dt>{tr("profile-username")}</dt><dd>{s.username.clone()}</dd>
                        {email.map(|e| view! { <dt>{tr("profile-email")}</dt><dd>{e}</dd> })}
                        <dt>{tr("profile-organization")}</dt><dd>{s.tenant_name.clone()}</dd>
                    </dl>
                }
            })}
            <ul class="profile-links">
                <li><Link href="/">{tr("app-title")}</Link><span class="hint">{tr("profile-security-info-hint")}</span></li>
                <li><Link href="/activity">{tr("activity-title")}</Link><span class="hint">{tr("profile-activity-hint")}</span></li>
                <li><Link href="/password">{tr("password-title")}</Link><span class="hint">{tr("profile-password-hint")}</span></li>
            </ul>
            <h2>{tr("everywhere-title")}</h2>
            <p>{tr("everywhere-body")}</p>
            <button type="button" class="danger" on:click=move |_| confirming.set(true)>{tr("everywhere-button")}</button>
            <Show when=move || confirming.get()>
                <EverywhereDialog on_close=Callback::new(move |_| confirming.set(false))/>
            </Show>
        </section>
    }
}

#[component]
pub(crate) fn EverywhereDialog(on_close: Callback<()>) -> impl IntoView {
    let ctx = ctx();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let confirm = move |_| {
        busy.set(true);
        spawn_local(async move {
            match client::call(&endpoints::SIGN_OUT_EVERYWHERE, &()).await {
                Ok(()) => {
                    crate::signin::say_on_sign_in("everywhere-done");
                    ctx.signed_out();
                }
                Err(f) => {
                    error.set(Some(ctx.handle(&f)));
                    busy.set(false);
                }
            }
        });
    };
    view! {
        <Modal labelled_by="everywhere-title" on_close=on_close>
            <h2 id="everywhere-title">{tr("everywhere-title")}</h2>
            <p>{tr("everywhere-question")}</p>
            <p class="error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button type="button" on:click=move |_| on_close.run(())>{tr("cancel")}</button>
                <button type="button" class="primary danger" autofocus disabled=move || busy.get() aria-busy=move || busy.get().to_string()
                    on:click=confirm>{tr("delete-confirm")}</button>
            </div>
        </Modal>
    }
}

#[component]
pub fn PasswordPage() -> impl IntoView {
    let ctx = ctx();
    require_full_session();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let changed = RwSignal::new(false);
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        if new.get_untracked() != confirm.get_untracked() {
            form.fail(t("reset-mismatch"));
            return;
        }
        let body = ChangePassword { current: current.get_untracked(), new: new.get_untracked() };
        spawn_local(async move {
            match client::call(&endpoints::PASSWORD_CHANGE, &body).await {
                Ok(()) => {
                    form.done();
                    changed.set(true);
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    view! {
        <ReauthHost/>
        <section class="card signin" aria-labelledby="password-title">
            <h1 id="password-title">{tr("password-title")}</h1>
            <Show when=move || !changed.get() fallback=|| view! {
                <p role="status">{tr("password-changed")}</p>
                <p><Link href="/profile" class="button">{tr("profile-title")}</Link></p>
            }>
                <p>{tr("password-intro")}</p>
                <form on:submit=submit novalidate>
                    <div class="field">
                        <label for="current-password">{tr("password-current")}</label>
                        <input id="current-password" type="password" autocomplete="current-password" required autofocus
                            aria-describedby="password-error" aria-invalid=move || error.get().is_some().to_string()
                            prop:value=current on:input=move |ev| current.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="new-password">{tr("reset-new-password")}</label>
                        <input id="new-password" type="password" autocomplete="new-password" required minlength="8"
                            aria-describedby="new-password-hint password-error" aria-invalid=move || error.get().is_some().to_string()
                            prop:value=new on:input=move |ev| new.set(event_target_value(&ev))/>
                        <p id="new-password-hint" class="hint">{tr("reset-password-hint")}</p>
                    </div>
                    <div class="field">
                        <label for="confirm-password">{tr("reset-confirm-password")}</label>
                        <input id="confirm-password" type="password" autocomplete="new-password" required
                            aria-describedby="password-error" aria-invalid=move || error.get().is_some().to_string()
                            prop:value=confirm on:input=move |ev| confirm.set(event_target_value(&ev))/>
                    </div>
                    <p id="password-error" class="error" role="alert">{move || error.get()}</p>
                    <div class="actions">
                        <Link href="/profile" class="button">{tr("cancel")}</Link>
                        <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                            {tr("password-button")}
                        </button>
                    </div>
                </form>
            </Show>
        </section>
    }
}

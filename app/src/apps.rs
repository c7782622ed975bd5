//! The admin page's Apps section: the tenant's apps that sign in through it
//! (OpenID Connect clients). Register one (a confidential app's secret is shown
//! once, with a copy button), list them with the issuer an app is configured with,
//! remove one.

use crate::app::ctx;
use crate::authenticator::CopyButton;
use crate::client;
use crate::form::Submission;
use crate::i18n::{t, t_args, tr};
use api::endpoints;
use api::oidc::{ClientCreated, ClientView, ExternalMethod, NewClient, UsernameClaim};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where Microsoft Entra ID receives an external method's answer.
const ENTRA_REDIRECT: &str = "https://login.microsoftonline.com/common/federation/externalauthprovider";

/// An Entra tenant's issuer and key set, by its tenant id.
fn entra(tenant: &str) -> ExternalMethod {
    let base = format!("https://login.microsoftonline.com/{}", tenant.trim());
    ExternalMethod {
        issuer: format!("{base}/v2.0"),
        jwks_uri: format!("{base}/discovery/v2.0/keys"),
        username_claim: UsernameClaim::PreferredUsername,
    }
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

#[component]
pub fn Apps(status: RwSignal<String>, on_change: Callback<()>) -> impl IntoView {
    let ctx = ctx();
    let apps = RwSignal::new(Vec::<ClientView>::new());
    let (name, redirects, logouts) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let confidential = RwSignal::new(true);
    // Microsoft Entra ID's external authentication method, for this Entra tenant.
    let (external, entra_tenant) = (RwSignal::new(false), RwSignal::new(String::new()));
    let (profile, email) = (RwSignal::new(true), RwSignal::new(true));
    let created = RwSignal::new(None::<ClientCreated>);
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let issuer = format!("{}{}", window().location().origin().unwrap_or_default(), client::base());
    let load = move || {
        spawn_local(async move {
            if let Ok(list) = client::call(&endpoints::ADMIN_CLIENTS, &()).await {
                apps.set(list);
            }
        })
    };
    load();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let scopes = [("profile", profile), ("email", email)];
        let eam = external.get_untracked().then(|| entra(&entra_tenant.get_untracked()));
        let mut redirect_uris = lines(&redirects.get_untracked());
        if eam.is_some() && redirect_uris.is_empty() {
            redirect_uris.push(ENTRA_REDIRECT.into());
        }
        let body = NewClient {
            name: name.get_untracked(),
            redirect_uris,
            post_logout_redirect_uris: lines(&logouts.get_untracked()),
            confidential: confidential.get_untracked(),
            scopes: scopes.iter().filter(|(_, on)| on.get_untracked()).map(|(s, _)| s.to_string()).collect(),
            external_method: eam,
        };
        spawn_local(async move {
            match client::call(&endpoints::ADMIN_REGISTER_CLIENT, &body).await {
                Ok(c) => {
                    form.done();
                    for field in [name, redirects, logouts] {
                        field.set(String::new());
                    }
                    created.set(Some(c));
                    load();
                    on_change.run(());
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    let remove = move |app: ClientView| {
        spawn_local(async move {
            match client::call_at(&endpoints::ADMIN_DELETE_CLIENT, &[&app.client_id], "", &()).await {
                Ok(()) => {
                    if created.get_untracked().is_some_and(|c| c.client.client_id == app.client_id) {
                        created.set(None);
                    }
                    status.set(t_args("admin-apps-removed", &[("name", app.name.into())]));
                    load();
                    on_change.run(());
                }
                Err(f) => status.set(ctx.handle(&f)),
            }
        });
    };
    let field = |id: &'static str, label: &'static str, value: RwSignal<String>, hint: Option<&'static str>| {
        view! {
            <div class="field">
                <label for=id>{move || t(label)}</label>
                <textarea id=id rows="2" spellcheck="false" autocapitalize="off"
                    aria-describedby=hint.map(|_| format!("{id}-hint")).unwrap_or_else(|| "apps-error".into())
                    prop:value=value on:input=move |ev| value.set(event_target_value(&ev))></textarea>
                {hint.map(|h| view! { <p id=format!("{id}-hint") class="hint">{move || t(h)}</p> })}
            </div>
        }
    };
    view! {
        <section class="apps" aria-labelledby="apps-title">
        <h2 id="apps-title">{tr("admin-apps-title")}</h2>
        <p>{tr("admin-apps-intro")}</p>
        <p class="secret-row">{tr("admin-apps-issuer")}" "<code>{issuer.clone()}</code>
            <CopyButton text=issuer.clone() label="admin-apps-issuer"/></p>
        <form on:submit=submit novalidate>
            <div class="field">
                <label for="app-name">{tr("admin-apps-name")}</label>
                <input id="app-name" type="text" required maxlength="64" aria-describedby="apps-error"
                    aria-invalid=move || error.get().is_some().to_string()
                    prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            {field("app-redirects", "admin-apps-redirects", redirects, Some("admin-apps-redirects-hint"))}
            {field("app-logouts", "admin-apps-logouts", logouts, None)}
            <label class="check">
                <input type="checkbox" prop:checked=confidential on:change=move |ev| confidential.set(event_target_checked(&ev))/>
                {tr("admin-apps-confidential")}
            </label>
            <label class="check">
                <input type="checkbox" prop:checked=external on:change=move |ev| external.set(event_target_checked(&ev))/>
                {tr("admin-apps-external")}
            </label>
            <Show when=move || external.get()>
                <div class="field">
                    <label for="app-entra">{tr("admin-apps-entra-tenant")}</label>
                    <input id="app-entra" type="text" spellcheck="false" autocapitalize="off"
                        prop:value=entra_tenant on:input=move |ev| entra_tenant.set(event_target_value(&ev))/>
                </div>
            </Show>
            <fieldset>
                <legend>{tr("admin-apps-scopes")}</legend>
                <label class="check"><input type="checkbox" prop:checked=profile on:change=move |ev| profile.set(event_target_checked(&ev))/>{tr("admin-apps-scope-profile")}</label>
                <label class="check"><input type="checkbox" prop:checked=email on:change=move |ev| email.set(event_target_checked(&ev))/>{tr("admin-apps-scope-email")}</label>
            </fieldset>
            <p id="apps-error" class="error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>{tr("admin-apps-register")}</button>
            </div>
        </form>
        {move || created.get().map(|c| view! {
            <div class="issued" role="status">
                <p>{t_args("admin-apps-registered", &[("name", c.client.name.clone().into())])}</p>
                <p class="secret-row">{tr("admin-apps-client-id")}" "<code>{c.client.client_id.clone()}</code>
                    <CopyButton text=c.client.client_id.clone() label="admin-apps-client-id"/></p>
                {c.client_secret.clone().map(|secret| view! {
                    <p class="secret-row">{tr("admin-apps-secret")}" "<code class="secret">{secret.clone()}</code>
                        <CopyButton text=secret label="admin-apps-secret"/></p>
                })}
            </div>
        })}
        <h3>{tr("admin-apps-registered-title")}</h3>
        <Show when=move || !apps.get().is_empty() fallback=|| view! { <p class="empty">{tr("admin-apps-none")}</p> }>
            <ul class="passes">
                {move || apps.get().into_iter().map(|app| {
                    let kind = match (&app.external_method, app.confidential) {
                        (Some(_), _) => t("admin-apps-kind-external"),
                        (None, true) => t("admin-apps-kind-confidential"),
                        (None, false) => t("admin-apps-kind-public"),
                    };
                    let label = format!("{} {}", t("admin-apps-remove"), app.name);
                    let line = format!("{} ({kind}) · {} · {}", app.name, app.client_id, app.redirect_uris.join(", "));
                    view! {
                        <li>{line}" "
                            <button type="button" class="link danger" aria-label=label on:click=move |_| remove(app.clone())>{tr("admin-apps-remove")}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Show>
        </section>
    }
}

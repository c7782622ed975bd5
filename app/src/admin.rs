//! The tenant administrators' page: organization details and the authentication
//! methods policy (allowed methods, what registration requires, grace period,
//! password reset), temporary access passes, apps, and the audit trail of changes
//! (`audit.rs`).

use crate::app::ctx;
use crate::client;
use crate::form::Submission;
use crate::i18n::{t, tr};
use api::endpoints;
use api::{AuditEntry, ErrorCode, MethodKind, PhoneMode, Requirement, TenantSettings};
use leptos::prelude::*;
use leptos::task::spawn_local;
use question_settings::QuestionSettings;
use support_settings::SupportSettings;
use wasm_bindgen::JsCast;

mod question_settings;
mod support_settings;

fn kind_name(kind: MethodKind) -> String {
    t(&format!("method-{}", kind.as_str()))
}

/// Toggles `item` in `list`.
fn toggle<T: PartialEq + Copy>(list: &mut Vec<T>, item: T, on: bool) {
    list.retain(|i| *i != item);
    if on {
        list.push(item);
    }
}

/// Where a refused setting's message goes: the field (or group) it is about.
fn field_of(code: Option<ErrorCode>) -> Option<&'static str> {
    Some(match code? {
        ErrorCode::PolicyInvalidName => "org-name",
        ErrorCode::PolicyInvalidColor => "org-color",
        ErrorCode::PolicyInvalidDomain => "org-domains",
        ErrorCode::PolicyNoMethods => "allowed-methods",
        ErrorCode::PolicyInvalidCountry => "phone-countries",
        ErrorCode::PolicyInvalidRetention => "activity-days",
        ErrorCode::PolicyRequiredNotAllowed | ErrorCode::PolicyInvalidCount => "registration",
        ErrorCode::PolicyInvalidGrace => "grace-days",
        ErrorCode::PolicyInvalidReset => "reset-count",
        ErrorCode::PolicyInvalidQuestions => "questions-register",
        ErrorCode::PolicyInvalidSupport => "support",
        _ => return None,
    })
}

/// A field's own error message, next to it (`{field}-error`, which the field's
/// `aria-describedby` names).
#[component]
fn FieldError(field: &'static str, refused: RwSignal<Option<(&'static str, String)>>) -> impl IntoView {
    view! {
        <p id=format!("{field}-error") class="error" role="alert">
            {move || refused.get().filter(|(f, _)| *f == field).map(|(_, message)| message)}
        </p>
    }
}

/// Moves focus to the field (or the first input of the group) with this id.
fn focus_field(field: &str) {
    let found =
        document().query_selector(&format!("#{field}:is(input, select, textarea), #{field} input")).ok().flatten();
    if let Some(el) = found.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

fn number(ev: &leptos::ev::Event) -> u8 {
    event_target_value(ev).trim().parse().unwrap_or(0)
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let ctx = ctx();
    crate::app::require_full_session();
    let settings = RwSignal::new(None::<TenantSettings>);
    let audit = RwSignal::new(Vec::<AuditEntry>::new());
    let load_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    // Signed in, but not an administrator: a page that says so, nothing else.
    let forbidden = RwSignal::new(false);
    let load = move || {
        spawn_local(async move {
            match client::call(&endpoints::ADMIN_SETTINGS, &()).await {
                Ok(s) => settings.set(Some(s)),
                Err(f) if f.code() == Some(ErrorCode::Forbidden) => forbidden.set(true),
                Err(f) => load_error.set(Some(ctx.handle(&f))),
            }
            if let Ok(trail) = client::call(&endpoints::ADMIN_AUDIT, &()).await {
                audit.set(trail);
            }
        })
    };
    load();

    view! {
        <Show when=move || !forbidden.get() fallback=|| view! {
            <section class="page admin" aria-labelledby="admin-only-title">
                <h1 id="admin-only-title">{tr("admin-only-title")}</h1>
                <p>{tr("admin-only-text")}</p>
                <p><crate::nav::Link href="/" class="button primary">{tr("admin-only-back")}</crate::nav::Link></p>
            </section>
        }>
        <section class="page admin" aria-labelledby="admin-title">
            <h1 id="admin-title">{tr("admin-title")}</h1>
            <p class="intro">{tr("admin-intro")}</p>
            <crate::users::AdminNav/>
            <p class="status" role="status" aria-live="polite">{move || status.get()}</p>
            <p class="error" role="alert">{move || load_error.get()}</p>
            <Show when=move || settings.get().is_some() fallback=move || view! {
                <Show when=move || load_error.get().is_none()><p class="loading" aria-busy="true">{tr("loading")}</p></Show>
            }>
                // Only for administrators: mounted once the settings came back.
                <crate::undelivered::Undelivered/>
                <SettingsForm settings=settings status=status on_saved=Callback::new(move |_| load())/>
                <crate::access_pass::AccessPasses status=status on_change=Callback::new(move |_| load())/>
                <crate::access_pass::UnlockUser status=status on_change=Callback::new(move |_| load())/>
                <crate::apps::Apps status=status on_change=Callback::new(move |_| load())/>
                <crate::audit::AuditTrail audit=audit/>
            </Show>
        </section>
        </Show>
    }
}

#[component]
fn SettingsForm(
    settings: RwSignal<Option<TenantSettings>>,
    status: RwSignal<String>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let ctx = ctx();
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    // A refusal about one field: shown next to it, with focus moved there.
    let refused = RwSignal::new(None::<(&'static str, String)>);
    let invalid = move |field: &'static str| refused.get().is_some_and(|(f, _)| f == field).to_string();
    let edit = move |f: &dyn Fn(&mut TenantSettings)| {
        settings.update(|s| {
            if let Some(s) = s {
                f(s)
            }
        })
    };
    let get = move || settings.get().unwrap_or_else(unreachable_settings);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(body) = settings.get_untracked() else { return };
        if !form.begin(&ev) {
            return;
        }
        status.set(String::new());
        refused.set(None);
        spawn_local(async move {
            match client::call(&endpoints::ADMIN_UPDATE_SETTINGS, &body).await {
                Ok(_) => {
                    form.done();
                    status.set(t("admin-saved"));
                    on_saved.run(());
                }
                Err(f) => match field_of(f.code()) {
                    Some(field) => {
                        form.done();
                        refused.set(Some((field, ctx.handle(&f))));
                        focus_field(field);
                    }
                    None => form.fail(ctx.handle(&f)),
                },
            }
        });
    };
    let require_kind = move || match get().policy.registration.require {
        Requirement::Nothing => "nothing",
        Requirement::Methods { .. } => "methods",
        Requirement::Any { .. } => "any",
    };
    let required_kinds = move || match get().policy.registration.require {
        Requirement::Methods { kinds } => kinds,
        _ => vec![],
    };
    let any_count = move || match get().policy.registration.require {
        Requirement::Any { count } => count,
        _ => 2,
    };
    view! {
        <form class="settings" on:submit=submit novalidate>
            <fieldset>
                <legend>{tr("admin-organization")}</legend>
                <div class="field">
                    <label for="org-name">{tr("admin-name")}</label>
                    <input id="org-name" type="text" maxlength="64" required prop:value=move || get().name
                        aria-describedby="org-name-error" aria-invalid=move || invalid("org-name")
                        on:input=move |ev| edit(&|s| s.name = event_target_value(&ev))/>
                    <FieldError field="org-name" refused=refused/>
                </div>
                <div class="field">
                    <label for="org-color">{tr("admin-color")}</label>
                    <input id="org-color" type="color" class="color" prop:value=move || get().brand_color
                        aria-describedby="org-color-hint org-color-error" aria-invalid=move || invalid("org-color")
                        on:input=move |ev| edit(&|s| s.brand_color = event_target_value(&ev))/>
                    <p id="org-color-hint" class="hint">{tr("admin-color-hint")}</p>
                    <FieldError field="org-color" refused=refused/>
                </div>
                <div class="field">
                    <label for="org-domains">{tr("admin-domains")}</label>
                    <textarea id="org-domains" rows="3" aria-describedby="org-domains-hint org-domains-error"
                        aria-invalid=move || invalid("org-domains") prop:value=move || get().own_domains.join("\n")
                        on:change=move |ev| edit(&|s| s.own_domains = event_target_value(&ev).split(['\n', ',']).map(str::trim).filter(|d| !d.is_empty()).map(str::to_string).collect())></textarea>
                    <p id="org-domains-hint" class="hint">{tr("admin-domains-hint")}</p>
                    <FieldError field="org-domains" refused=refused/>
                </div>
            </fieldset>

            <fieldset id="allowed-methods" aria-describedby="allowed-methods-error">
                <legend>{tr("admin-methods")}</legend>
                <FieldError field="allowed-methods" refused=refused/>
                {MethodKind::ALL.into_iter().map(|k| {
                    let id = format!("allow-{}", k.as_str());
                    let label_for = id.clone();
                    view! {
                        <label class="check" for=label_for>
                            <input type="checkbox" id=id prop:checked=move || get().policy.allowed.contains(&k)
                                on:change=move |ev| edit(&|s| toggle(&mut s.policy.allowed, k, event_target_checked(&ev)))/>
                            {move || kind_name(k)}
                        </label>
                    }
                }).collect_view()}
                <fieldset class="nested">
                    <legend>{tr("admin-phone-modes")}</legend>
                    {[(PhoneMode::Text, "mode-text", "admin-mode-text"), (PhoneMode::Call, "mode-call", "admin-mode-call")].into_iter().map(|(mode, id, label)| view! {
                        <label class="check" for=id>
                            <input type="checkbox" id=id prop:checked=move || get().policy.phone_modes.contains(&mode)
                                on:change=move |ev| edit(&|s| toggle(&mut s.policy.phone_modes, mode, event_target_checked(&ev)))/>
                            {move || t(label)}
                        </label>
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <label for="phone-countries">{tr("admin-countries")}</label>
                    <input id="phone-countries" type="text" aria-describedby="phone-countries-hint phone-countries-error"
                        aria-invalid=move || invalid("phone-countries") prop:value=move || get().policy.phone_countries.join(", ")
                        on:change=move |ev| edit(&|s| s.policy.phone_countries = event_target_value(&ev).split([',', ' ']).map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).collect())/>
                    <p id="phone-countries-hint" class="hint">{tr("admin-countries-hint")}</p>
                    <FieldError field="phone-countries" refused=refused/>
                </div>
                <div class="field">
                    <label for="activity-days">{tr("admin-activity-days")}</label>
                    <input id="activity-days" type="number" min="1" max="365" class="short" prop:value=move || get().policy.activity_days.to_string()
                        aria-describedby="activity-days-error" aria-invalid=move || invalid("activity-days")
                        on:change=move |ev| edit(&|s| s.policy.activity_days = event_target_value(&ev).trim().parse().unwrap_or(0))/>
                    <FieldError field="activity-days" refused=refused/>
                </div>
                <label class="check" for="cloned-keys">
                    <input type="checkbox" id="cloned-keys" prop:checked=move || get().policy.refuse_cloned_keys
                        on:change=move |ev| edit(&|s| s.policy.refuse_cloned_keys = event_target_checked(&ev))/>
                    {tr("admin-cloned-keys")}
                </label>
            </fieldset>

            <fieldset id="registration" aria-describedby="registration-error">
                <legend>{tr("admin-registration")}</legend>
                <FieldError field="registration" refused=refused/>
                {[("nothing", "admin-require-nothing"), ("methods", "admin-require-methods"), ("any", "admin-require-any")].into_iter().map(|(value, label)| {
                    let id = format!("require-{value}");
                    let label_for = id.clone();
                    view! {
                        <label class="radio" for=label_for>
                            <input type="radio" name="require" id=id prop:checked=move || require_kind() == value
                                on:change=move |_| edit(&|s| s.policy.registration.require = match value {
                                    "methods" => Requirement::Methods { kinds: vec![MethodKind::AuthenticatorApp] },
                                    "any" => Requirement::Any { count: 2 },
                                    _ => Requirement::Nothing,
                                })/>
                            {move || t(label)}
                        </label>
                    }
                }).collect_view()}
                <Show when=move || require_kind() == "methods">
                    <fieldset class="nested">
                        <legend>{tr("admin-required-methods")}</legend>
                        {MethodKind::ALL.into_iter().filter(|k| *k != MethodKind::AppPassword).map(|k| {
                            let id = format!("require-{}", k.as_str());
                            let label_for = id.clone();
                            view! {
                                <label class="check" for=label_for>
                                    <input type="checkbox" id=id prop:checked=move || required_kinds().contains(&k)
                                        on:change=move |ev| edit(&|s| {
                                            let mut kinds = required_kinds();
                                            toggle(&mut kinds, k, event_target_checked(&ev));
                                            s.policy.registration.require = Requirement::Methods { kinds };
                                        })/>
                                    {move || kind_name(k)}
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                </Show>
                <Show when=move || require_kind() == "any">
                    <div class="field">
                        <label for="require-count">{tr("admin-require-count")}</label>
                        <input id="require-count" type="number" min="1" max="4" class="short" prop:value=move || any_count().to_string()
                            on:change=move |ev| edit(&|s| s.policy.registration.require = Requirement::Any { count: number(&ev) })/>
                    </div>
                </Show>
                <label class="check" for="app-passwords-step">
                    <input type="checkbox" id="app-passwords-step" prop:checked=move || get().policy.registration.app_passwords_step
                        on:change=move |ev| edit(&|s| {
                            let on = event_target_checked(&ev);
                            s.policy.registration.app_passwords_step = on;
                            s.policy.registration.app_passwords_required &= on;
                        })/>
                    {tr("admin-app-passwords-step")}
                </label>
                <Show when=move || get().policy.registration.app_passwords_step>
                    <label class="check nested" for="app-passwords-required">
                        <input type="checkbox" id="app-passwords-required" prop:checked=move || get().policy.registration.app_passwords_required
                            on:change=move |ev| edit(&|s| s.policy.registration.app_passwords_required = event_target_checked(&ev))/>
                        {tr("admin-app-passwords-required")}
                    </label>
                </Show>
                <div class="field">
                    <label for="grace-days">{tr("admin-grace-days")}</label>
                    <input id="grace-days" type="number" min="0" max="14" class="short" prop:value=move || get().policy.registration.grace_days.to_string()
                        aria-describedby="grace-days-error" aria-invalid=move || invalid("grace-days")
                        on:change=move |ev| edit(&|s| s.policy.registration.grace_days = u16::from(number(&ev)))/>
                    <FieldError field="grace-days" refused=refused/>
                </div>
                <div class="field">
                    <label for="max-skips">{tr("admin-max-skips")}</label>
                    <input id="max-skips" type="number" min="0" max="3" class="short" prop:value=move || get().policy.registration.max_skips.to_string()
                        on:change=move |ev| edit(&|s| s.policy.registration.max_skips = number(&ev))/>
                </div>
            </fieldset>

            <fieldset>
                <legend>{tr("admin-reset")}</legend>
                <label class="check" for="reset-enabled">
                    <input type="checkbox" id="reset-enabled" prop:checked=move || get().policy.reset.enabled
                        on:change=move |ev| edit(&|s| s.policy.reset.enabled = event_target_checked(&ev))/>
                    {tr("admin-reset-enabled")}
                </label>
                <div class="field">
                    <label for="reset-count">{tr("admin-reset-count")}</label>
                    <select id="reset-count" aria-describedby="reset-count-error" aria-invalid=move || invalid("reset-count") on:change=move |ev| edit(&|s| s.policy.reset.methods_required = number(&ev))>
                        {[1u8, 2].into_iter().map(|n| view! {
                            <option value=n.to_string() selected=move || get().policy.reset.methods_required == n>{n.to_string()}</option>
                        }).collect_view()}
                    </select>
                    <FieldError field="reset-count" refused=refused/>
                </div>
                <fieldset class="nested">
                    <legend>{tr("admin-reset-methods")}</legend>
                    {api::policy::RESET_KINDS.into_iter().map(|k| {
                        let id = format!("reset-{}", k.as_str());
                        let label_for = id.clone();
                        view! {
                            <label class="check" for=label_for>
                                <input type="checkbox" id=id prop:checked=move || get().policy.reset.methods.contains(&k)
                                    on:change=move |ev| edit(&|s| toggle(&mut s.policy.reset.methods, k, event_target_checked(&ev)))/>
                                {move || kind_name(k)}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            </fieldset>

            <QuestionSettings settings=settings refused=refused/>
            <SupportSettings settings=settings refused=refused/>

            <p class="error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    {tr("admin-save")}
                </button>
            </div>
        </form>
    }
}

/// The form only renders once settings are loaded.
fn unreachable_settings() -> TenantSettings {
    TenantSettings { name: String::new(), own_domains: vec![], brand_color: String::new(), policy: api::Policy::open() }
}

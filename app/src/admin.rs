//! The tenant administrators' page: organization details and the authentication
//! methods policy (allowed methods, what registration requires, grace period,
//! password reset), temporary access passes, apps, and the audit trail of changes
//! (`audit.rs`).

use crate::app::ctx;
use crate::client;
use crate::form::Submission;
use crate::i18n::{t, t_args};
use api::endpoints;
use api::{AuditEntry, MethodKind, PhoneMode, Requirement, TenantSettings};
use leptos::prelude::*;
use leptos::task::spawn_local;

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
    let load = move || {
        spawn_local(async move {
            match client::call(&endpoints::ADMIN_SETTINGS, &()).await {
                Ok(s) => settings.set(Some(s)),
                Err(f) => load_error.set(Some(ctx.handle(&f))),
            }
            if let Ok(trail) = client::call(&endpoints::ADMIN_AUDIT, &()).await {
                audit.set(trail);
            }
        })
    };
    load();

    view! {
        <section class="page admin" aria-labelledby="admin-title">
            <h1 id="admin-title">{move || t("admin-title")}</h1>
            <p class="intro">{move || t("admin-intro")}</p>
            <crate::users::AdminNav/>
            <p class="status" role="status" aria-live="polite">{move || status.get()}</p>
            <p class="error" role="alert">{move || load_error.get()}</p>
            <crate::undelivered::Undelivered/>
            <Show when=move || settings.get().is_some() fallback=move || view! {
                <Show when=move || load_error.get().is_none()><p class="loading" aria-busy="true">{t("loading")}</p></Show>
            }>
                <SettingsForm settings=settings status=status on_saved=Callback::new(move |_| load())/>
            </Show>
            <crate::access_pass::AccessPasses status=status on_change=Callback::new(move |_| load())/>
            <crate::access_pass::UnlockUser status=status on_change=Callback::new(move |_| load())/>
            <crate::apps::Apps status=status on_change=Callback::new(move |_| load())/>
            <crate::audit::AuditTrail audit=audit/>
        </section>
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
        spawn_local(async move {
            match client::call(&endpoints::ADMIN_UPDATE_SETTINGS, &body).await {
                Ok(_) => {
                    form.done();
                    status.set(t("admin-saved"));
                    on_saved.run(());
                }
                Err(f) => form.fail(ctx.handle(&f)),
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
                <legend>{move || t("admin-organization")}</legend>
                <div class="field">
                    <label for="org-name">{move || t("admin-name")}</label>
                    <input id="org-name" type="text" maxlength="64" required prop:value=move || get().name
                        on:input=move |ev| edit(&|s| s.name = event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="org-color">{move || t("admin-color")}</label>
                    <input id="org-color" type="color" class="color" prop:value=move || get().brand_color
                        on:input=move |ev| edit(&|s| s.brand_color = event_target_value(&ev))/>
                    <p class="hint">{move || t("admin-color-hint")}</p>
                </div>
                <div class="field">
                    <label for="org-domains">{move || t("admin-domains")}</label>
                    <textarea id="org-domains" rows="3" aria-describedby="org-domains-hint" prop:value=move || get().own_domains.join("\n")
                        on:change=move |ev| edit(&|s| s.own_domains = event_target_value(&ev).split(['\n', ',']).map(str::trim).filter(|d| !d.is_empty()).map(str::to_string).collect())></textarea>
                    <p id="org-domains-hint" class="hint">{move || t("admin-domains-hint")}</p>
                </div>
            </fieldset>

            <fieldset>
                <legend>{move || t("admin-methods")}</legend>
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
                    <legend>{move || t("admin-phone-modes")}</legend>
                    {[(PhoneMode::Text, "mode-text", "admin-mode-text"), (PhoneMode::Call, "mode-call", "admin-mode-call")].into_iter().map(|(mode, id, label)| view! {
                        <label class="check" for=id>
                            <input type="checkbox" id=id prop:checked=move || get().policy.phone_modes.contains(&mode)
                                on:change=move |ev| edit(&|s| toggle(&mut s.policy.phone_modes, mode, event_target_checked(&ev)))/>
                            {move || t(label)}
                        </label>
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <label for="phone-countries">{move || t("admin-countries")}</label>
                    <input id="phone-countries" type="text" aria-describedby="phone-countries-hint" prop:value=move || get().policy.phone_countries.join(", ")
                        on:change=move |ev| edit(&|s| s.policy.phone_countries = event_target_value(&ev).split([',', ' ']).map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).collect())/>
                    <p id="phone-countries-hint" class="hint">{move || t("admin-countries-hint")}</p>
                </div>
                <div class="field">
                    <label for="activity-days">{move || t("admin-activity-days")}</label>
                    <input id="activity-days" type="number" min="1" max="365" class="short" prop:value=move || get().policy.activity_days.to_string()
                        on:change=move |ev| edit(&|s| s.policy.activity_days = event_target_value(&ev).trim().parse().unwrap_or(0))/>
                </div>
                <label class="check" for="cloned-keys">
                    <input type="checkbox" id="cloned-keys" prop:checked=move || get().policy.refuse_cloned_keys
                        on:change=move |ev| edit(&|s| s.policy.refuse_cloned_keys = event_target_checked(&ev))/>
                    {move || t("admin-cloned-keys")}
                </label>
            </fieldset>

            <fieldset>
                <legend>{move || t("admin-registration")}</legend>
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
                        <legend>{move || t("admin-required-methods")}</legend>
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
                        <label for="require-count">{move || t("admin-require-count")}</label>
                        <input id="require-count" type="number" min="1" max="4" class="short" prop:value=move || any_count().to_string()
                            on:change=move |ev| edit(&|s| s.policy.registration.require = Requirement::Any { count: number(&ev) })/>
                    </div>
                </Show>
                <label class="check" for="app-passwords-step">
                    <input type="checkbox" id="app-passwords-step" prop:checked=move || get().policy.registration.app_passwords_step
                        on:change=move |ev| edit(&|s| s.policy.registration.app_passwords_step = event_target_checked(&ev))/>
                    {move || t("admin-app-passwords-step")}
                </label>
                <div class="field">
                    <label for="grace-days">{move || t("admin-grace-days")}</label>
                    <input id="grace-days" type="number" min="0" max="14" class="short" prop:value=move || get().policy.registration.grace_days.to_string()
                        on:change=move |ev| edit(&|s| s.policy.registration.grace_days = u16::from(number(&ev)))/>
                </div>
                <div class="field">
                    <label for="max-skips">{move || t("admin-max-skips")}</label>
                    <input id="max-skips" type="number" min="0" max="3" class="short" prop:value=move || get().policy.registration.max_skips.to_string()
                        on:change=move |ev| edit(&|s| s.policy.registration.max_skips = number(&ev))/>
                </div>
            </fieldset>

            <fieldset>
                <legend>{move || t("admin-reset")}</legend>
                <label class="check" for="reset-enabled">
                    <input type="checkbox" id="reset-enabled" prop:checked=move || get().policy.reset.enabled
                        on:change=move |ev| edit(&|s| s.policy.reset.enabled = event_target_checked(&ev))/>
                    {move || t("admin-reset-enabled")}
                </label>
                <div class="field">
                    <label for="reset-count">{move || t("admin-reset-count")}</label>
                    <select id="reset-count" on:change=move |ev| edit(&|s| s.policy.reset.methods_required = number(&ev))>
                        {[1u8, 2].into_iter().map(|n| view! {
                            <option value=n.to_string() selected=move || get().policy.reset.methods_required == n>{n.to_string()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <fieldset class="nested">
                    <legend>{move || t("admin-reset-methods")}</legend>
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

            <QuestionSettings settings=settings/>

            <p class="error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    {move || t("admin-save")}
                </button>
            </div>
        </form>
    }
}

/// Built-in question texts in the page's language, from `questions.ftl`.
async fn builtin_texts() -> Vec<(String, String)> {
    let text = client::asset(&format!("/locales/{}/questions.ftl", crate::i18n::lang())).await.unwrap_or_default();
    text.lines()
        .filter_map(|l| l.strip_prefix("question-")?.split_once(" = "))
        .map(|(id, q)| (id.to_string(), q.to_string()))
        .collect()
}

#[component]
fn QuestionSettings(settings: RwSignal<Option<TenantSettings>>) -> impl IntoView {
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
            <legend>{move || t("admin-questions")}</legend>
            <div class="field">
                <label for="questions-register">{move || t("admin-questions-register")}</label>
                <input id="questions-register" type="number" min="3" max="5" class="short" prop:value=move || get().register.to_string()
                    on:change=move |ev| edit(&|q| q.register = number(&ev))/>
            </div>
            <div class="field">
                <label for="questions-answer">{move || t("admin-questions-answer")}</label>
                <input id="questions-answer" type="number" min="1" max="5" class="short" prop:value=move || get().answer.to_string()
                    on:change=move |ev| edit(&|q| q.answer = number(&ev))/>
            </div>
            <fieldset class="nested">
                <legend>{move || t("admin-questions-builtin")}</legend>
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
                <legend>{move || t("admin-questions-custom")}</legend>
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
                            {move || t("admin-questions-remove")}
                        </button>
                    </div>
                }).collect_view()}
                <button type="button" on:click=add>{move || t("admin-questions-add")}</button>
            </fieldset>
        </fieldset>
    }
}

/// The form only renders once settings are loaded.
fn unreachable_settings() -> TenantSettings {
    TenantSettings { name: String::new(), own_domains: vec![], brand_color: String::new(), policy: api::Policy::open() }
}

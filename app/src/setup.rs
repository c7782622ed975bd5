//! "More information required" after sign-in, then the "Keep your account secure"
//! wizard: one step per method the tenant requires, each the method's own flow,
//! each ending with its own success screen, an App passwords step when the
//! organization asks for one (which cannot be cancelled when it requires one),
//! and a Success page. The plan comes from the server (`Session::setup`), so a
//! wizard left half-way resumes at the first step not done.

use crate::app::ctx;
use crate::client;
use crate::i18n::{date, t, t_args, tr};
use crate::nav;
use crate::on_demand::{Flow, FlowView};
use crate::reauth::ReauthHost;
use crate::security_info::{method_detail, method_name};
use api::endpoints;
use api::{MethodKind, SecondStep, SecurityInfo, Setup};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Prompt,
    Wizard,
    /// One method set up: its own success screen, then Next (or Done).
    StepDone,
    AppPasswords,
    Success,
}

fn kind_name(kind: MethodKind) -> String {
    t(&format!("method-{}", kind.as_str()))
}

#[component]
pub fn SetupPage() -> impl IntoView {
    let ctx = ctx();
    let stage = RwSignal::new(Stage::Prompt);
    let info = RwSignal::new(None::<SecurityInfo>);
    // "I want to set up a different method": the kind chosen instead of the step's.
    let instead = RwSignal::new(None::<MethodKind>);
    let choosing = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);

    let load_info = move || {
        spawn_local(async move {
            match client::call(&endpoints::METHODS, &()).await {
                Ok(i) => info.set(Some(i)),
                Err(f) => error.set(Some(ctx.handle(&f))),
            }
        })
    };
    {
        Effect::new(move |_| match ctx.session.get() {
            None => nav::go("/signin"),
            Some(s) if matches!(s.second_step, SecondStep::Required { .. }) => nav::go("/verify"),
            Some(s) if s.setup.is_none() && stage.get_untracked() == Stage::Prompt => nav::go("/"),
            Some(_) => {}
        });
    }
    load_info();

    let setup = move || ctx.session.get().and_then(|s| s.setup);
    // Remembered: the plan is gone once the required steps are done.
    let app_passwords_step = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(s) = setup() {
            app_passwords_step.set(s.app_passwords_step);
        }
    });
    // The step in progress: the first not done.
    // Memos: a new session (or language) that leaves the step as it was leaves the
    // flow in progress alone (its state, say an authenticator's secret).
    let current = Memo::new(move |_| {
        let s: Setup = setup()?;
        let index = s.steps.iter().position(|step| !step.done)?;
        Some((index, s.steps.len(), instead.get().unwrap_or(s.steps[index].kind)))
    });
    let current_kind = Memo::new(move |_| current.get().map(|(_, _, kind)| kind));
    // What is left once every required step is done: app passwords, or the end.
    let after_steps = move || if app_passwords_step.get_untracked() { Stage::AppPasswords } else { Stage::Success };
    let untracked_setup = move || ctx.session.get_untracked().and_then(|s| s.setup);
    let more_steps = move || untracked_setup().is_some_and(|s| s.steps.iter().any(|step| !step.done));
    let next = move || stage.set(if more_steps() { Stage::Wizard } else { after_steps() });
    // The method just set up, and what its flow said of it.
    let finished = RwSignal::new(None::<(MethodKind, String)>);
    // A method was added: fetch the new plan, then show that step's success screen.
    let step_done = move |kind: MethodKind, message: String| {
        instead.set(None);
        spawn_local(async move {
            if let Ok(Some(session)) = client::call(&endpoints::SESSION, &()).await {
                ctx.session.set(Some(session));
            }
            finished.set(Some((kind, message)));
            stage.set(Stage::StepDone);
            load_info();
        });
    };
    let back = Callback::new(move |_| stage.set(Stage::Prompt));
    let skip = move |_| {
        spawn_local(async move {
            match client::call(&endpoints::SETUP_SKIP, &()).await {
                Ok(session) => ctx.session.set(Some(session)),
                Err(f) => error.set(Some(ctx.handle(&f))),
            }
        });
    };
    let done = { move |_| nav::go("/") };

    let flow = move |kind: MethodKind| {
        let flow = Flow::new(kind, false, info.get_untracked());
        let on_added = Callback::new(move |message: String| step_done(kind, message));
        view! { <FlowView flow on_close=back on_added/> }.into_any()
    };

    view! {
        <ReauthHost/>
        <section class="card wizard" aria-labelledby="setup-title">
            {move || match stage.get() {
                Stage::Prompt => view! {
                    <h1 id="setup-title">{tr("setup-required-title")}</h1>
                    <p>{tr("setup-required-body")}</p>
                    {setup().and_then(|s| s.skip_until).map(|until| view! {
                        <p class="hint">{move || t_args("setup-skip-until", &[("date", date(until).into())])}</p>
                    })}
                    <p class="error" role="alert">{move || error.get()}</p>
                    <div class="actions">
                        {setup().and_then(|s| s.skip_until).map(|_| view! {
                            <button type="button" on:click=skip>{tr("setup-skip")}</button>
                        })}
                        <button type="button" class="primary" autofocus on:click=move |_| next()>{tr("totp-next")}</button>
                    </div>
                }
                .into_any(),
                Stage::Wizard => view! {
                    <h1 id="setup-title">{tr("setup-wizard-title")}</h1>
                    <p>{tr("setup-wizard-body")}</p>
                    {move || current.get().map(|(index, total, kind)| view! {
                        <p class="progress">
                            {move || t_args("setup-progress", &[("step", (index + 1).into()), ("total", total.into()), ("method", kind_name(kind).into())])}
                        </p>
                        <ol class="steps" aria-label=tr("setup-steps-label")>
                            {untracked_setup().map(|s| s.steps).unwrap_or_default().into_iter().enumerate().map(|(i, step)| {
                                let shown = if i == index { kind } else { step.kind };
                                view! {
                                    <li class:done=step.done aria-current=(i == index).then_some("step")>
                                        {move || kind_name(shown)}
                                        {step.done.then(|| view! { <span class="visually-hidden">{tr("setup-step-done")}</span> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    })}
                    {move || current_kind.get().map(|kind| view! { <div class="wizard-step">{flow(kind)}</div> })}
                    <Show when=move || !setup().map(|s| s.alternatives).unwrap_or_default().is_empty()>
                        <Show when=move || choosing.get() fallback=move || view! {
                            <button type="button" class="link" on:click=move |_| choosing.set(true)>{tr("setup-different")}</button>
                        }>
                            <fieldset class="choices">
                                <legend>{tr("setup-choose")}</legend>
                                {setup().map(|s| s.alternatives).unwrap_or_default().into_iter().map(|k| view! {
                                    <button type="button" class="choice" on:click=move |_| { instead.set(Some(k)); choosing.set(false); }>
                                        {move || kind_name(k)}
                                    </button>
                                }).collect_view()}
                            </fieldset>
                        </Show>
                    </Show>
                }
                .into_any(),
                Stage::StepDone => {
                    let (kind, message) = finished.get_untracked().unwrap_or((MethodKind::AuthenticatorApp, String::new()));
                    let last = !more_steps() && !app_passwords_step.get_untracked();
                    view! {
                        <h1 id="setup-title">{tr("setup-wizard-title")}</h1>
                        <div class="wizard-step step-done">
                            <h2>{move || t_args("setup-step-success", &[("kind", kind.as_str().into())])}</h2>
                            <p role="status">{message}</p>
                            <p>{move || t_args("setup-step-success-body", &[("method", kind_name(kind).into())])}</p>
                            <div class="actions">
                                <button type="button" class="primary" autofocus on:click=move |_| next()>
                                    {move || t(if last { "totp-done" } else { "totp-next" })}
                                </button>
                            </div>
                        </div>
                    }
                    .into_any()
                }
                Stage::AppPasswords => {
                    let required = untracked_setup().is_some_and(|s| s.app_passwords_required);
                    let finish = Callback::new(move |_: ()| {
                        load_info();
                        stage.set(Stage::Success)
                    });
                    let added = Callback::new(move |_: String| {
                        // The server's hold ends with the app password: take the new plan.
                        spawn_local(async move {
                            if let Ok(Some(session)) = client::call(&endpoints::SESSION, &()).await {
                                ctx.session.set(Some(session));
                            }
                            finish.run(());
                        });
                    });
                    let flow = Flow { cancellable: !required, ..Flow::new(MethodKind::AppPassword, false, None) };
                    view! {
                        <h1 id="setup-title">{tr("setup-wizard-title")}</h1>
                        <p>{move || t(if required { "setup-app-passwords-required" } else { "setup-app-passwords" })}</p>
                        <div class="wizard-step">
                            <FlowView flow on_close=finish on_added=added/>
                        </div>
                    }
                    .into_any()
                }
                Stage::Success => view! {
                    <h1 id="setup-title">{tr("setup-success-title")}</h1>
                    <p role="status">{tr("setup-success-body")}</p>
                    {move || info.get().map(|i| {
                        let default = i.methods.iter().find(|m| Some(&m.id) == i.default_method.as_ref()).cloned();
                        view! {
                            {default.map(|m| view! {
                                <p><strong>{tr("default-method-label")}</strong>" "{move || format!("{} ({})", method_name(&m), method_detail(&m))}</p>
                            })}
                            <ul class="set-up">
                                {i.methods.into_iter().map(|m| {
                                    let detail = m.clone();
                                    view! {
                                        <li><span class="name">{move || method_name(&m)}</span>" "<span class="detail">{move || method_detail(&detail)}</span></li>
                                    }
                                }).collect_view()}
                            </ul>
                        }
                    })}
                    <div class="actions">
                        <button type="button" class="primary" autofocus on:click=done>{tr("totp-done")}</button>
                    </div>
                }
                .into_any(),
            }}
        </section>
    }
}

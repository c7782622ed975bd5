//! The bundle everyone loads: sign-in and Security info, with the second step,
//! the method flows and the rarer pages cut into chunks that load on demand
//! (each `wasm_split` function below is one; see `app::on_demand`).
use app::chunks;
use app::on_demand::{self, Chunk, Chunks, Flow, Loading, Preloading, Reauth};
use leptos::prelude::{AnyView, Callback};
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use std::future::Future;

fn main() {
    let chunks = Chunks {
        flow: |flow, on_close, on_added| Box::pin(flow_chunk(flow, on_close, on_added)),
        reauth: |reauth| Box::pin(reauth_chunk(reauth)),
        preload_flows: || preloading(preload_flows()),
        preload_second_step: || preloading(preload_second_step()),
        connected_apps: || Box::pin(connected_apps()),
        devices: || Box::pin(devices()),
    };
    app::mount(pages, Some(chunks), &["app"]);
}

/// A preload whose failure is left for the load that needs the chunk (it retries).
fn preloading(preload: impl Future<Output = Result<(), SplitLoaderError>> + 'static) -> Preloading {
    Box::pin(async {
        let _ = preload.await;
    })
}

fn pages(path: &str) -> Option<AnyView> {
    app::portal_pages(path).or_else(|| {
        let chunk: Loading = match path {
            "/verify" => Box::pin(verify()),
            "/setup" => Box::pin(setup()),
            "/activity" => Box::pin(activity()),
            "/report" => Box::pin(report()),
            "/help" => Box::pin(help()),
            "/profile" => Box::pin(profile()),
            "/password" => Box::pin(password()),
            _ => return None,
        };
        Some(on_demand::view(chunk, None, None))
    })
}

#[wasm_split(flows, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_flows))]
fn flow_chunk(flow: Flow, on_close: Callback<()>, on_added: Callback<String>) -> Chunk {
    Ok(on_demand::flow(flow, on_close, on_added))
}

// The second step after the password and again before a change: one chunk.
#[wasm_split(second_step, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_second_step))]
fn verify() -> Chunk {
    Ok(chunks::verify())
}

#[wasm_split(second_step, wasm_split_path = ::leptos::wasm_split, fallible)]
fn reauth_chunk(reauth: Reauth) -> Chunk {
    Ok(chunks::reauth(reauth))
}

#[wasm_split(setup, wasm_split_path = ::leptos::wasm_split, fallible)]
fn setup() -> Chunk {
    Ok(chunks::setup())
}

#[wasm_split(activity, wasm_split_path = ::leptos::wasm_split, fallible)]
fn activity() -> Chunk {
    Ok(chunks::activity())
}

// My Profile and Change password: one chunk, one goes to the other.
#[wasm_split(profile, wasm_split_path = ::leptos::wasm_split, fallible)]
fn profile() -> Chunk {
    Ok(chunks::profile())
}

#[wasm_split(profile, wasm_split_path = ::leptos::wasm_split, fallible)]
fn password() -> Chunk {
    Ok(chunks::password())
}

// Security info's Devices shares My Profile's "Sign out everywhere".
#[wasm_split(profile, wasm_split_path = ::leptos::wasm_split, fallible)]
fn devices() -> Chunk {
    Ok(chunks::devices())
}

#[wasm_split(help, wasm_split_path = ::leptos::wasm_split, fallible)]
fn help() -> Chunk {
    Ok(chunks::help())
}

#[wasm_split(connected_apps, wasm_split_path = ::leptos::wasm_split, fallible)]
fn connected_apps() -> Chunk {
    Ok(chunks::connected_apps())
}

#[wasm_split(report, wasm_split_path = ::leptos::wasm_split, fallible)]
fn report() -> Chunk {
    Ok(chunks::report())
}

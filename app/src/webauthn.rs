//! The browser side of security keys: `navigator.credentials.create()` / `get()`
//! with the worker's options, and their answers encoded as the WebAuthn JSON the
//! worker verifies. Browser refusals become translated messages.

use api::base64url;
use api::{
    AssertionCredential, AssertionResponse, AttestationResponse, CreationOptions, RegistrationCredential,
    RequestOptions,
};
use js_sys::{Array, Function, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why the browser gave no credential. Each has a Fluent message `key-<name>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyProblem {
    /// No WebAuthn in this browser.
    Unsupported,
    /// WebAuthn needs https (or localhost).
    Insecure,
    /// The user closed the prompt, or the browser refused without saying why.
    Cancelled,
    TimedOut,
    /// `excludeCredentials` matched: this key is registered already.
    AlreadyRegistered,
    Failed,
}

impl KeyProblem {
    pub fn message_id(self) -> &'static str {
        match self {
            KeyProblem::Unsupported => "key-unsupported",
            KeyProblem::Insecure => "key-insecure",
            KeyProblem::Cancelled => "key-cancelled",
            KeyProblem::TimedOut => "key-timed-out",
            KeyProblem::AlreadyRegistered => "error-key-already-registered",
            KeyProblem::Failed => "key-failed",
        }
    }
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// Replaces a base64url string field with its bytes, as the browser API wants.
fn to_bytes(target: &JsValue, key: &str) {
    let text = get(target, key).as_string().unwrap_or_default();
    let bytes = base64url::decode(&text).unwrap_or_default();
    set(target, key, &Uint8Array::from(bytes.as_slice()).into());
}

fn ids_to_bytes(list: &JsValue) {
    for item in Array::from(list).iter() {
        to_bytes(&item, "id");
    }
}

fn encoded(value: &JsValue) -> String {
    base64url::encode(&Uint8Array::new(value).to_vec())
}

/// Checks up front that a prompt can work here at all.
pub fn available() -> Result<(), KeyProblem> {
    let window: JsValue = web_sys::window().map(Into::into).unwrap_or(JsValue::UNDEFINED);
    if get(&window, "isSecureContext") == JsValue::FALSE {
        return Err(KeyProblem::Insecure);
    }
    if get(&window, "PublicKeyCredential").is_undefined()
        || get(&get(&window, "navigator"), "credentials").is_undefined()
    {
        return Err(KeyProblem::Unsupported);
    }
    Ok(())
}

/// Whether the browser can offer passkeys in a username field's autofill.
pub async fn conditional_available() -> bool {
    let window: JsValue = web_sys::window().map(Into::into).unwrap_or(JsValue::UNDEFINED);
    let class = get(&window, "PublicKeyCredential");
    let Ok(check) = get(&class, "isConditionalMediationAvailable").dyn_into::<Function>() else { return false };
    match check.call0(&class).ok().and_then(|p| p.dyn_into::<js_sys::Promise>().ok()) {
        Some(promise) => JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()).unwrap_or(false),
        None => false,
    }
}

/// Calls `navigator.credentials[call]({ publicKey })`, mapping the DOMException.
/// With `conditional`, a `get()` waits in the autofill (`mediation: "conditional"`)
/// until the user picks a passkey or the signal aborts it.
async fn prompt(
    call: &str,
    public_key: JsValue,
    timeout: u32,
    conditional: Option<&web_sys::AbortSignal>,
) -> Result<JsValue, KeyProblem> {
    available()?;
    let credentials =
        get(&get(&web_sys::window().map(Into::into).unwrap_or(JsValue::UNDEFINED), "navigator"), "credentials");
    let function: Function = get(&credentials, call).dyn_into().map_err(|_| KeyProblem::Unsupported)?;
    let options = Object::new();
    set(&options, "publicKey", &public_key);
    if let Some(signal) = conditional {
        set(&options, "mediation", &"conditional".into());
        set(&options, "signal", signal);
    }
    let started = js_sys::Date::now();
    let promise = function.call1(&credentials, &options).map_err(|_| KeyProblem::Failed)?;
    let promise: js_sys::Promise = promise.dyn_into().map_err(|_| KeyProblem::Failed)?;
    JsFuture::from(promise).await.map_err(|e| {
        match get(&e, "name").as_string().as_deref() {
            Some("InvalidStateError") => KeyProblem::AlreadyRegistered,
            Some("SecurityError") => KeyProblem::Insecure,
            Some("NotSupportedError") => KeyProblem::Unsupported,
            // Browsers report a timeout and a cancel alike; the clock tells them apart.
            Some("NotAllowedError") if js_sys::Date::now() - started >= f64::from(timeout) - 1000.0 => {
                KeyProblem::TimedOut
            }
            Some("NotAllowedError" | "AbortError") => KeyProblem::Cancelled,
            _ => KeyProblem::Failed,
        }
    })
}

fn options_object<T: serde::Serialize>(options: &T) -> JsValue {
    let json = serde_json::to_string(options).unwrap_or_default();
    js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL)
}

pub async fn create(options: &CreationOptions) -> Result<RegistrationCredential, KeyProblem> {
    let public_key = options_object(options);
    to_bytes(&public_key, "challenge");
    to_bytes(&get(&public_key, "user"), "id");
    ids_to_bytes(&get(&public_key, "excludeCredentials"));
    let credential = prompt("create", public_key, options.timeout, None).await?;
    let response = get(&credential, "response");
    let transports = get(&response, "getTransports")
        .dyn_into::<Function>()
        .ok()
        .and_then(|f| f.call0(&response).ok())
        .map(|list| Array::from(&list).iter().filter_map(|t| t.as_string()).collect())
        .unwrap_or_default();
    let raw_id = encoded(&get(&credential, "rawId"));
    Ok(RegistrationCredential {
        id: raw_id.clone(),
        raw_id,
        kind: get(&credential, "type").as_string().unwrap_or_default(),
        response: AttestationResponse {
            client_data_json: encoded(&get(&response, "clientDataJSON")),
            attestation_object: encoded(&get(&response, "attestationObject")),
            transports,
        },
    })
}

pub async fn sign(
    options: &RequestOptions,
    conditional: Option<&web_sys::AbortSignal>,
) -> Result<AssertionCredential, KeyProblem> {
    let public_key = options_object(options);
    to_bytes(&public_key, "challenge");
    ids_to_bytes(&get(&public_key, "allowCredentials"));
    let credential = prompt("get", public_key, options.timeout, conditional).await?;
    let response = get(&credential, "response");
    let handle = get(&response, "userHandle");
    let raw_id = encoded(&get(&credential, "rawId"));
    Ok(AssertionCredential {
        id: raw_id.clone(),
        raw_id,
        kind: get(&credential, "type").as_string().unwrap_or_default(),
        response: AssertionResponse {
            client_data_json: encoded(&get(&response, "clientDataJSON")),
            authenticator_data: encoded(&get(&response, "authenticatorData")),
            signature: encoded(&get(&response, "signature")),
            user_handle: (!handle.is_null() && !handle.is_undefined()).then(|| encoded(&handle)),
        },
    })
}

//! Delivery providers. Production speaks SendGrid's v3 mail API and Twilio's
//! Messages API over HTTP; development builds may instead record every message in
//! the KV outbox (`DELIVERY = "outbox"`). Without the `dev` feature the outbox is
//! not compiled in, so no setting can enable it.

use crate::kv::Kv;
use domain::delivery::{Call, Courier, Email, Message, Sms};
use domain::providers::form::{basic_auth, form_encode};
use domain::providers::sendgrid;
use domain::providers::twilio::{call_form, sms_form, SmsSender};
use domain::Error;
use std::cell::RefCell;
use worker::{Env, Fetch, Headers, Method, Request, RequestInit};

const SENDGRID_URL: &str = "https://api.sendgrid.com/v3/mail/send";
const TWILIO_URL: &str = "https://api.twilio.com";

fn fail(what: &'static str) -> impl Fn(worker::Error) -> Error {
    move |e| {
        worker::console_error!("{what}: {e}");
        Error::DeliveryFailed
    }
}

/// Tries after a failure the provider may get over (429, 5xx, no answer), in ms.
const RETRIES_MS: [u64; 2] = [250, 1_000];

/// What a provider's error body says, for the log: cut short, digits hidden (it may
/// echo a phone number or a code).
fn loggable(body: &str) -> String {
    body.chars().take(300).map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
}

/// POSTs `body` and accepts any 2xx; a passing trouble (429, 5xx, network) is
/// tried again twice, a little later each time.
async fn post(what: &'static str, url: &str, headers: Headers, body: String) -> Result<(), Error> {
    let mut waits = RETRIES_MS.iter();
    loop {
        let mut init = RequestInit::new();
        init.with_method(Method::Post).with_headers(headers.clone()).with_body(Some(body.clone().into()));
        let req = Request::new_with_init(url, &init).map_err(fail(what))?;
        let passing = match Fetch::Request(req).send().await {
            Ok(res) if (200..300).contains(&res.status_code()) => return Ok(()),
            Ok(mut res) => {
                let status = res.status_code();
                let said = res.text().await.unwrap_or_default();
                worker::console_error!("{what}: provider answered {status}: {}", loggable(&said));
                status == 429 || status >= 500
            }
            Err(e) => {
                worker::console_error!("{what}: {e}");
                true
            }
        };
        match waits.next() {
            Some(ms) if passing => worker::Delay::from(std::time::Duration::from_millis(*ms)).await,
            _ => return Err(Error::DeliveryFailed),
        }
    }
}

pub struct SendGrid {
    url: String,
    key: Option<String>,
    from: String,
    from_name: String,
}

impl SendGrid {
    async fn send(&self, email: &Email) -> Result<(), Error> {
        let Some(key) = &self.key else {
            worker::console_error!("mail: MAIL_API_KEY secret is not set");
            return Err(Error::DeliveryFailed);
        };
        let headers = Headers::new();
        headers.set("authorization", &format!("Bearer {key}")).map_err(fail("mail"))?;
        headers.set("content-type", "application/json").map_err(fail("mail"))?;
        post("mail", &self.url, headers, sendgrid::mail_send(email, &self.from, &self.from_name).to_string()).await
    }
}

pub struct Twilio {
    base: String,
    account: Option<String>,
    /// The account's auth token, or an API key's sid and secret in its place.
    token: Option<String>,
    api_key: Option<(String, String)>,
    from: String,
    /// Texts from a Messaging Service instead of `from` (calls keep `from`).
    messaging_service: Option<String>,
}

impl Twilio {
    /// POSTs a form to one of the account's resources (`Messages`, `Calls`).
    async fn create(&self, what: &'static str, resource: &str, form: &[(&str, String)]) -> Result<(), Error> {
        // An API key (revocable on its own) if there is one, else the auth token.
        let credentials = match (&self.api_key, &self.token) {
            (Some((sid, secret)), _) => Some((sid.as_str(), secret.as_str())),
            (None, Some(token)) => self.account.as_deref().map(|account| (account, token.as_str())),
            (None, None) => None,
        };
        let (Some(account), Some((user, password))) = (&self.account, credentials) else {
            worker::console_error!(
                "{what}: TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY_SID/SECRET) are not set"
            );
            return Err(Error::DeliveryFailed);
        };
        let headers = Headers::new();
        headers.set("authorization", &basic_auth(user, password)).map_err(fail(what))?;
        headers.set("content-type", "application/x-www-form-urlencoded").map_err(fail(what))?;
        let url = format!("{}/2010-04-01/Accounts/{account}/{resource}.json", self.base);
        post(what, &url, headers, form_encode(form)).await
    }

    async fn send(&self, sms: &Sms) -> Result<(), Error> {
        let sender = match &self.messaging_service {
            Some(sid) => SmsSender::MessagingService(sid.clone()),
            None => SmsSender::Number(self.from.clone()),
        };
        self.create("sms", "Messages", &sms_form(sms, &sender)).await
    }

    async fn call(&self, call: &Call) -> Result<(), Error> {
        self.create("call", "Calls", &call_form(call, &self.from)).await
    }
}

// One per request, never moved around: its size does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Delivery<'a> {
    Providers {
        mail: SendGrid,
        sms: Twilio,
    },
    #[cfg(feature = "dev")]
    Outbox(domain::delivery::Outbox<'a, Kv>),
    #[cfg(not(feature = "dev"))]
    #[allow(dead_code)]
    Never(std::marker::PhantomData<&'a Kv>),
}

fn var(env: &Env, name: &str) -> Option<String> {
    env.var(name).ok().map(|v| v.to_string()).filter(|v| !v.is_empty())
}

fn secret(env: &Env, name: &str) -> Option<String> {
    env.secret(name).ok().map(|s| s.to_string()).filter(|s| !s.is_empty())
}

pub fn from_env<'a>(env: &Env, _store: &'a Kv, _now: domain::Millis) -> Delivery<'a> {
    #[cfg(feature = "dev")]
    if var(env, "DELIVERY").as_deref() == Some("outbox") {
        return Delivery::Outbox(domain::delivery::Outbox { store: _store, now: _now });
    }
    Delivery::Providers {
        mail: SendGrid {
            url: var(env, "MAIL_API_URL").unwrap_or_else(|| SENDGRID_URL.to_string()),
            key: secret(env, "MAIL_API_KEY"),
            from: var(env, "MAIL_FROM").unwrap_or_else(|| "no-reply@security-info.example".to_string()),
            from_name: var(env, "MAIL_FROM_NAME").unwrap_or_else(|| "Security Info".to_string()),
        },
        sms: Twilio {
            base: var(env, "TWILIO_API_URL").unwrap_or_else(|| TWILIO_URL.to_string()),
            account: secret(env, "TWILIO_ACCOUNT_SID"),
            token: secret(env, "TWILIO_AUTH_TOKEN"),
            api_key: secret(env, "TWILIO_API_KEY_SID").zip(secret(env, "TWILIO_API_KEY_SECRET")),
            from: var(env, "SMS_FROM").unwrap_or_default(),
            messaging_service: var(env, "TWILIO_MESSAGING_SERVICE_SID"),
        },
    }
}

impl Courier for Delivery<'_> {
    async fn send(&self, message: &Message) -> Result<(), Error> {
        match (self, message) {
            (Delivery::Providers { mail, .. }, Message::Email(email)) => mail.send(email).await,
            (Delivery::Providers { sms, .. }, Message::Sms(text)) => sms.send(text).await,
            (Delivery::Providers { sms, .. }, Message::Call(call)) => sms.call(call).await,
            #[cfg(feature = "dev")]
            (Delivery::Outbox(outbox), message) => outbox.send(message).await,
            #[cfg(not(feature = "dev"))]
            (Delivery::Never(_), _) => Err(Error::DeliveryFailed),
        }
    }
}

/// Sends at once, or holds the messages to send after the response is out
/// (`Context::wait_until`): a password reset's texts and calls, so the reset
/// answers as fast for a real account as for a decoy, which sends nothing. A
/// provider's failure is then only logged; the user can send again.
pub struct Postbox<'a> {
    delivery: Delivery<'a>,
    held: Option<RefCell<Vec<Message>>>,
}

impl<'a> Postbox<'a> {
    pub fn new(delivery: Delivery<'a>, hold: bool) -> Self {
        Postbox { delivery, held: hold.then(RefCell::default) }
    }

    /// The messages held back, to send after the response.
    pub fn take_held(&self) -> Vec<Message> {
        self.held.as_ref().map(|held| held.take()).unwrap_or_default()
    }
}

impl Courier for Postbox<'_> {
    async fn send(&self, message: &Message) -> Result<(), Error> {
        match &self.held {
            Some(held) => {
                held.borrow_mut().push(message.clone());
                Ok(())
            }
            None => self.delivery.send(message).await,
        }
    }
}

/// Sends held messages (after the response, so with its own store handle).
pub async fn send_held(env: Env, messages: Vec<Message>, now: domain::Millis) {
    let Ok(kv) = env.kv("KV").map(Kv) else {
        worker::console_error!("held messages: no KV binding");
        return;
    };
    let delivery = from_env(&env, &kv, now);
    for message in &messages {
        if let Err(e) = delivery.send(message).await {
            worker::console_error!("held message not sent: {e:?}");
        }
    }
}

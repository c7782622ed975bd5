//! Delivery providers. Production speaks SendGrid's v3 mail API and Twilio's
//! Messages API over HTTP; development builds may instead record every message in
//! the KV outbox (`DELIVERY = "outbox"`). Without the `dev` feature the outbox is
//! not compiled in, so no setting can enable it.

use crate::kv::Kv;
use domain::delivery::{Call, Courier, Email, Message, Sms};
use domain::providers::form::{basic_auth, form_encode};
use domain::providers::sendgrid;
use domain::providers::twilio::{call_form, sms_form};
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

/// POSTs `body` and accepts any 2xx.
async fn post(what: &'static str, url: &str, headers: Headers, body: String) -> Result<(), Error> {
    let mut init = RequestInit::new();
    init.with_method(Method::Post).with_headers(headers).with_body(Some(body.into()));
    let req = Request::new_with_init(url, &init).map_err(fail(what))?;
    let res = Fetch::Request(req).send().await.map_err(fail(what))?;
    if (200..300).contains(&res.status_code()) {
        Ok(())
    } else {
        worker::console_error!("{what}: provider answered {}", res.status_code());
        Err(Error::DeliveryFailed)
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
    token: Option<String>,
    from: String,
}

impl Twilio {
    /// POSTs a form to one of the account's resources (`Messages`, `Calls`).
    async fn create(&self, what: &'static str, resource: &str, form: &[(&str, String)]) -> Result<(), Error> {
        let (Some(account), Some(token)) = (&self.account, &self.token) else {
            worker::console_error!("{what}: TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN are not set");
            return Err(Error::DeliveryFailed);
        };
        let headers = Headers::new();
        headers.set("authorization", &basic_auth(account, token)).map_err(fail(what))?;
        headers.set("content-type", "application/x-www-form-urlencoded").map_err(fail(what))?;
        let url = format!("{}/2010-04-01/Accounts/{account}/{resource}.json", self.base);
        post(what, &url, headers, form_encode(form)).await
    }

    async fn send(&self, sms: &Sms) -> Result<(), Error> {
        self.create("sms", "Messages", &sms_form(sms, &self.from)).await
    }

    async fn call(&self, call: &Call) -> Result<(), Error> {
        self.create("call", "Calls", &call_form(call, &self.from)).await
    }
}

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
            from: var(env, "SMS_FROM").unwrap_or_default(),
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

//! The providers' HTTP APIs: SendGrid's or Postmark's mail, Twilio's Messages and
//! Calls. One try each; what a failure means (passing or final) is the caller's to
//! act on (`Postbox`, the queue consumer).

use domain::delivery::queue::Trouble;
use domain::delivery::{Call, Email, Sms};
use domain::providers::form::{basic_auth, form_encode};
use domain::providers::twilio::{call_form, sms_form, SmsSender};
use domain::providers::{postmark, sendgrid};
use worker::{AbortController, Fetch, Headers, Method, Request, RequestInit};

pub(super) const SENDGRID_URL: &str = "https://api.sendgrid.com/v3/mail/send";
pub(super) const POSTMARK_URL: &str = "https://api.postmarkapp.com/email";
pub(super) const TWILIO_URL: &str = "https://api.twilio.com";

fn fail(what: &'static str) -> impl Fn(worker::Error) -> Trouble {
    move |e| {
        worker::console_error!("{what}: {e}");
        Trouble::Final
    }
}

/// What a provider's error body says, for the log: cut short, digits hidden (it may
/// echo a phone number or a code).
fn loggable(body: &str) -> String {
    body.chars().take(300).map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
}

/// POSTs `body` once and accepts any 2xx. A passing trouble (429, 5xx, no answer
/// within `timeout_ms`) is the queue's to try again, later (`queue::deliver`).
async fn post(what: &'static str, url: &str, headers: Headers, body: String, timeout_ms: u64) -> Result<(), Trouble> {
    use futures_util::future::{select, Either};
    let mut init = RequestInit::new();
    init.with_method(Method::Post).with_headers(headers).with_body(Some(body.into()));
    let req = Request::new_with_init(url, &init).map_err(fail(what))?;
    let controller = AbortController::default();
    let signal = controller.signal();
    let fetch = Fetch::Request(req);
    let sent = std::pin::pin!(fetch.send_with_signal(&signal));
    let late = worker::Delay::from(std::time::Duration::from_millis(timeout_ms));
    let answer = match select(sent, late).await {
        Either::Left((answer, _)) => answer,
        Either::Right(_) => {
            controller.abort();
            worker::console_error!("{what}: no answer within {timeout_ms} ms");
            return Err(Trouble::Passing);
        }
    };
    match answer {
        Ok(res) if (200..300).contains(&res.status_code()) => Ok(()),
        Ok(mut res) => {
            let status = res.status_code();
            let said = res.text().await.unwrap_or_default();
            worker::console_error!("{what}: provider answered {status}: {}", loggable(&said));
            Err(if status == 429 || status >= 500 { Trouble::Passing } else { Trouble::Final })
        }
        Err(e) => {
            worker::console_error!("{what}: {e}");
            Err(Trouble::Passing)
        }
    }
}

/// The email API's shape (`MAIL_PROVIDER`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum MailApi {
    SendGrid,
    Postmark,
}

pub struct Mail {
    pub(super) api: MailApi,
    pub(super) url: String,
    pub(super) key: Option<String>,
    pub(super) from: String,
    pub(super) from_name: String,
    pub(super) timeout_ms: u64,
}

impl Mail {
    pub(super) async fn send(&self, email: &Email) -> Result<(), Trouble> {
        let Some(key) = &self.key else {
            worker::console_error!("mail: MAIL_API_KEY secret is not set");
            return Err(Trouble::Final);
        };
        let headers = Headers::new();
        let body = match self.api {
            MailApi::SendGrid => {
                headers.set("authorization", &format!("Bearer {key}")).map_err(fail("mail"))?;
                sendgrid::mail_send(email, &self.from, &self.from_name)
            }
            MailApi::Postmark => {
                headers.set("x-postmark-server-token", key).map_err(fail("mail"))?;
                headers.set("accept", "application/json").map_err(fail("mail"))?;
                postmark::email(email, &self.from, &self.from_name)
            }
        };
        headers.set("content-type", "application/json").map_err(fail("mail"))?;
        post("mail", &self.url, headers, body.to_string(), self.timeout_ms).await
    }
}

pub struct Twilio {
    pub(super) base: String,
    pub(super) account: Option<String>,
    /// The account's auth token, or an API key's sid and secret in its place.
    pub(super) token: Option<String>,
    pub(super) api_key: Option<(String, String)>,
    pub(super) from: String,
    /// Texts from a Messaging Service instead of `from` (calls keep `from`).
    pub(super) messaging_service: Option<String>,
    /// Where Twilio reports whether a text arrived.
    pub(super) status_callback: Option<String>,
    pub(super) timeout_ms: u64,
}

impl Twilio {
    /// POSTs a form to one of the account's resources (`Messages`, `Calls`).
    async fn create(&self, what: &'static str, resource: &str, form: &[(&str, String)]) -> Result<(), Trouble> {
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
            return Err(Trouble::Final);
        };
        let headers = Headers::new();
        headers.set("authorization", &basic_auth(user, password)).map_err(fail(what))?;
        headers.set("content-type", "application/x-www-form-urlencoded").map_err(fail(what))?;
        let url = format!("{}/2010-04-01/Accounts/{account}/{resource}.json", self.base);
        post(what, &url, headers, form_encode(form), self.timeout_ms).await
    }

    pub(super) async fn send(&self, sms: &Sms) -> Result<(), Trouble> {
        let sender = match &self.messaging_service {
            Some(sid) => SmsSender::MessagingService(sid.clone()),
            None => SmsSender::Number(self.from.clone()),
        };
        self.create("sms", "Messages", &sms_form(sms, &sender, self.status_callback.as_deref())).await
    }

    pub(super) async fn call(&self, call: &Call) -> Result<(), Trouble> {
        self.create("call", "Calls", &call_form(call, &self.from)).await
    }
}

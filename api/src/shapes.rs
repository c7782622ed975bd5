//! The shapes the server accepts for identifiers and codes, stated once: the
//! domain's parsers accept exactly these (a test in `domain` holds them to it) and
//! the API document states them, so a client or a fuzzer knows before it asks.

/// A method's id: a kind's fixed id (`email`, `recovery-codes`) or lower-case hex.
pub const METHOD_ID: &str = "^[a-z0-9-]{1,64}$";
/// A sent code's or a pending registration's id: 16 random bytes in hex.
pub const CHALLENGE_ID: &str = "^[0-9a-f]{32}$";
/// Six digits, spaces and dashes anywhere (as people copy them). `\u0085` is white
/// space to Rust and Python but not to ECMAScript's `\s`, so it is named.
pub const SIX_DIGITS: &str = r"^[\s\u0085-]*(?:[0-9][\s\u0085-]*){6}$";

/// A name given to a method, without anchors: trimmed of white space it is 1 to 64
/// characters and has no control characters.
macro_rules! name_body {
    () => {
        r"[\s\u0085]*[^\s\u0000-\u001f\u007f-\u009f](?:[^\u0000-\u001f\u007f-\u009f]{0,62}[^\s\u0000-\u001f\u007f-\u009f])?[\s\u0085]*"
    };
}

/// A name given to a method (a key, an app, an app password).
pub const NAME: &str = concat!("^", name_body!(), "$");
/// A name that may also be left empty (or blank) for a default.
pub const NAME_OR_BLANK: &str = concat!("^(?:[\\s\\u0085]*|", name_body!(), ")$");

//! The password reset's bundle (`/reset`), loaded by boot.js for that page only.
fn main() {
    app::mount(app::reset_pages, None, &["app", "chunks"]);
}

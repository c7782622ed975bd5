//! The tenant admin's bundle (`/admin`), loaded by boot.js for that page only.
fn main() {
    app::mount(app::admin_pages, None, &["app", "admin"]);
}

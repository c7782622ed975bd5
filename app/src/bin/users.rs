//! The admin's Users page (`/admin/users`), loaded by boot.js for that page only.
fn main() {
    app::mount(app::users_pages, None, &["app", "users"]);
}

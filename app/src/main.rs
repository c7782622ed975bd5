//! The bundle everyone loads.
fn main() {
    app::mount(app::portal_pages);
}
